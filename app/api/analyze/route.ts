import { runInstantAnalysis } from '@/lib/audits/run-instant-analysis';
import { requireUser } from '@/lib/auth/require-user';
import { assertEnabled } from '@/lib/flags/flags';
import { jsonRoute, readJson } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/** POST {url, keyword?, render?} → the analysis (mode "sync": always in the web process), stored as a SINGLE audit. */
export const POST = jsonRoute(async (request) => {
  const user = await requireUser();
  const body = await readJson(request);
  const keyword = (body as { keyword?: unknown } | null)?.keyword;
  await assertEnabled(typeof keyword === 'string' && keyword.trim() ? 'keyword-analysis' : 'single-analysis');
  const result = await runInstantAnalysis(body, user.id);
  return result && typeof result === 'object' ? { ...result, mode: 'sync' as const } : result;
});
