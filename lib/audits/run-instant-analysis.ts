import { analyzeInput } from '@/lib/audits/analyze-input';
import { analyzeUrl } from '@/lib/audits/analyze-url';
import { hasExplicitScheme } from '@/lib/audits/audit-input';
import { saveSingleAnalysis } from '@/lib/audits/save-single-analysis';
import { parseInput } from '@/lib/http/json-route';
import { getRenderPool } from '@/lib/fetch/shared-render-pool';
import { limitRate } from '@/lib/users/rate-limit';

const ANALYZE_TIMEOUT_MS = 45_000;

/** The synchronous path behind POST /api/analyze and the analyze form: validate, analyse, store. */
export async function runInstantAnalysis(raw: unknown, userId: string | null) {
  const input = parseInput(analyzeInput, raw);
  // The schema has already turned "example.com" into https://; whether a scheme was typed decides
  // if http:// may be tried when https:// does not answer.
  const typed = (raw as { url?: unknown }).url;
  const schemeLess = typeof typed === 'string' && !hasExplicitScheme(typed);
  if (userId) await limitRate('analyze', userId);
  const analyzed = await analyzeUrl(input.url, {
    keyword: input.keyword,
    render: input.render,
    schemeLess,
    renderPage: (url) => getRenderPool().render(url),
    signal: AbortSignal.timeout(ANALYZE_TIMEOUT_MS),
  });
  // Stored under the URL actually fetched, so a fallback to http:// is not recorded as https://.
  const auditId = await saveSingleAnalysis(analyzed, { ...input, url: analyzed.fetch.requestedUrl }, userId);
  return {
    auditId,
    ...analyzed.result,
    rendered: analyzed.rendered,
    renderError: analyzed.renderError,
    ...(analyzed.schemeNote ? { schemeNote: analyzed.schemeNote } : {}),
  };
}
