import type { PageAnalysis } from '@/lib/analysis/analyze-page-facts';
import { AnalysisBudgetError, analyzeDocument } from '@/lib/analysis/analysis-pool';
import type { PageFacts } from '@/lib/analysis/page-facts';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { isFetchError } from '@/lib/fetch/fetch-error';
import { fetchPage } from '@/lib/fetch/fetch-page';
import { looksClientRendered } from '@/lib/fetch/looks-client-rendered';
import type { FetchResult, RenderResult } from '@/lib/fetch/types';
import { logger } from '@/lib/logger';

export type RenderMode = 'auto' | 'always' | 'never';

export type AnalyzeUrlOptions = {
  keyword?: string;
  render?: RenderMode;
  signal?: AbortSignal;
  /** Headless renderer; the caller owns its lifetime (app and worker share one per process). */
  renderPage?: (url: string) => Promise<RenderResult>;
};

export type AnalyzedPage = {
  facts: PageFacts;
  fetch: FetchResult;
  rendered: boolean;
  renderError?: string;
  result: PageAnalysis;
};

function isHtml(fetched: FetchResult) {
  return /html/i.test(fetched.contentType) || (!fetched.contentType && /<html|<!doctype html/i.test(fetched.body));
}

/** Fetch → (render when needed) → extract → page checks → score → keyword. No database, no queue. */
export async function analyzeUrl(url: string, options: AnalyzeUrlOptions = {}): Promise<AnalyzedPage> {
  const render = options.render ?? 'auto';
  let fetched: FetchResult;
  try {
    fetched = await fetchPage(url, { userAgent: env.CRAWLER_USER_AGENT, allowedPrivateHosts: env.ALLOWED_PRIVATE_HOSTS, signal: options.signal });
  } catch (err) {
    if (isFetchError(err)) {
      const code = err.code === 'BLOCKED_PRIVATE_ADDRESS' || err.code === 'INVALID_URL' || err.code === 'UNSUPPORTED_PROTOCOL' ? 'BAD_REQUEST' : 'UNPROCESSABLE';
      throw new AppError(code, err.message, { fetchError: err.code });
    }
    throw err;
  }

  const html = isHtml(fetched);
  const clientRendered = html && looksClientRendered(fetched.body);
  let rendered: RenderResult | undefined;
  let renderError: string | undefined;
  if (html && options.renderPage && fetched.status < 400 && (render === 'always' || (render === 'auto' && clientRendered))) {
    try {
      rendered = await options.renderPage(fetched.finalUrl);
    } catch (err) {
      // Raw HTML is still worth analysing; the result says rendering failed.
      renderError = err instanceof Error ? err.message : String(err);
      logger.warn({ url, err: renderError }, 'render failed, analysing raw HTML');
    }
  }
  try {
    const { facts, analysis } = await analyzeDocument(
      { fetch: fetched, rendered, looksClientRendered: clientRendered, keyword: options.keyword, checks: true },
      { signal: options.signal },
    );
    return { facts, fetch: fetched, rendered: Boolean(rendered), renderError, result: analysis as PageAnalysis };
  } catch (err) {
    if (err instanceof AnalysisBudgetError) throw new AppError('UNPROCESSABLE', err.message, { analysisError: 'TIME_BUDGET' });
    throw err;
  }
}
