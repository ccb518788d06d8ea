import { analyzeInput } from '@/lib/analysis/analyze-input';
import { analyzeUrl } from '@/lib/analysis/analyze-url';
import { saveSingleAnalysis } from '@/lib/audits/save-single-analysis';
import { AppError } from '@/lib/errors';
import { getRenderPool } from '@/lib/fetch/shared-render-pool';

const ANALYZE_TIMEOUT_MS = 45_000;

/** The synchronous path behind POST /api/analyze and the analyze form: validate, analyse, store. */
export async function runInstantAnalysis(raw: unknown, userId: string | null) {
  const parsed = analyzeInput.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join(' '), parsed.error.issues);
  }
  const input = parsed.data;
  const analyzed = await analyzeUrl(input.url, {
    keyword: input.keyword,
    render: input.render,
    renderPage: (url) => getRenderPool().render(url),
    signal: AbortSignal.timeout(ANALYZE_TIMEOUT_MS),
  });
  const auditId = await saveSingleAnalysis(analyzed, input, userId);
  return { auditId, ...analyzed.result, rendered: analyzed.rendered, renderError: analyzed.renderError };
}
