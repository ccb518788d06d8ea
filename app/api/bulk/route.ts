import { parseUrlList } from '@/lib/audits/audit-input';
import { readUrlList, requireUsableUrlList } from '@/lib/audits/read-url-list';
import { startBulkAnalysis } from '@/lib/audits/start-audit';
import { requireUser } from '@/lib/auth/require-user';
import { AppError } from '@/lib/errors';
import { jsonRoute, readJson, readMultipart } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/**
 * POST JSON {urls: string[] | string} or multipart (urls text, file) → 202 {id, mode, accepted, invalid: [{line, text, reason, source?}], duplicates}.
 * mode "async": queued; "sync": analysed in the web process (a flag says so, or the queue is down).
 * When no line is valid: 400 whose details list every rejected line.
 */
export const POST = jsonRoute(async (request) => {
  const user = await requireUser();
  let list;
  if ((request.headers.get('content-type') ?? '').includes('application/json')) {
    const urls = ((await readJson(request, '{"urls": ["https://…"]}')) as { urls?: unknown } | null)?.urls;
    if (!(typeof urls === 'string' || (Array.isArray(urls) && urls.every((u) => typeof u === 'string')))) {
      throw new AppError('BAD_REQUEST', 'Send {"urls": ["https://…", …]} or a newline-separated string.');
    }
    // Line numbers in `invalid` are 1-based positions in the array (or lines of the string), so an
    // element never spans two lines.
    list = requireUsableUrlList(parseUrlList(Array.isArray(urls) ? urls.map((u) => u.replace(/[\r\n]+/g, ' ')).join('\n') : urls));
  } else {
    list = await readUrlList(await readMultipart(request));
  }
  const audit = await startBulkAnalysis(list.urls, user, list);
  return Response.json({ id: audit.id, mode: audit.mode, accepted: list.urls.length, invalid: list.invalid, duplicates: list.duplicates }, { status: 202 });
}, { body: 'json-or-multipart' });
