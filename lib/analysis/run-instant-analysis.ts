import { analyzeInput } from '@/lib/analysis/analyze-input';
import { analyzeUrl } from '@/lib/analysis/analyze-url';
import { saveSingleAnalysis } from '@/lib/audits/save-single-analysis';
import { parseInput } from '@/lib/http/json-route';
import { getRenderPool } from '@/lib/fetch/shared-render-pool';
import { limitRate } from '@/lib/users/rate-limit';

const ANALYZE_TIMEOUT_MS = 45_000;

/** The synchronous path behind POST /api/analyze and the analyze form: validate, analyse, store. */
export async function runInstantAnalysis(raw: unknown, userId: string | null) {
  const input = parseInput(analyzeInput, raw);
  if (userId) await limitRate('analyze', userId);
  const analyzed = await analyzeUrl(input.url, {
    keyword: input.keyword,
    render: input.render,
    renderPage: (url) => getRenderPool().render(url),
    signal: AbortSignal.timeout(ANALYZE_TIMEOUT_MS),
  });
  const auditId = await saveSingleAnalysis(analyzed, input, userId);
  return { auditId, ...analyzed.result, rendered: analyzed.rendered, renderError: analyzed.renderError };
}
