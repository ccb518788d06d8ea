import type { PageAnalysis } from '@/lib/audits/analyze-page-facts';
import { AnalysisBudgetError, analyzeDocument } from '@/lib/audits/analysis-pool';
import type { RenderMode } from '@/lib/crawler/crawl-options';
import type { PageFacts } from '@/lib/crawler/page-facts';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { describeFetchFailure, type FetchError, isFetchError, toFetchFailure } from '@/lib/fetch/fetch-error';
import { fetchPage } from '@/lib/fetch/fetch-page';
import { looksClientRendered } from '@/lib/fetch/looks-client-rendered';
import type { FetchResult, RenderResult } from '@/lib/fetch/types';
import { logger } from '@/lib/logger';

export type AnalyzeUrlOptions = {
  keyword?: string;
  render?: RenderMode;
  signal?: AbortSignal;
  /**
   * The user typed no scheme and `url` is the assumed https:// form: when https:// does not answer
   * (connection or TLS failure, not an HTTP status), http:// is tried, and `schemeNote` says which was used.
   */
  schemeLess?: boolean;
  /** Headless renderer; the caller owns its lifetime (app and worker share one per process). */
  renderPage?: (url: string) => Promise<RenderResult>;
};

export type AnalyzedPage = {
  facts: PageFacts;
  fetch: FetchResult;
  rendered: boolean;
  renderError?: string;
  result: PageAnalysis;
  /** Only for scheme-less input: which scheme was used and why. */
  schemeNote?: string;
};

function isHtml(fetched: FetchResult) {
  return /html/i.test(fetched.contentType) || (!fetched.contentType && /<html|<!doctype html/i.test(fetched.body));
}

// The fetch layer's own words for a failure (describeFetchFailure), without its technical line:
// the form shows this message, so no "ECONNREFUSED" or OpenSSL dump. The API gets the detail.
function toAppError(err: FetchError): AppError {
  const code = err.code === 'BLOCKED_PRIVATE_ADDRESS' || err.code === 'INVALID_URL' || err.code === 'UNSUPPORTED_PROTOCOL' ? 'BAD_REQUEST' : 'UNPROCESSABLE';
  const d = describeFetchFailure(toFetchFailure(err), err.url);
  // These messages already name the host or URL and what to do; the description would say less.
  const ownWords = d.kind === 'address-not-allowed' || d.kind === 'invalid-url' || d.kind === 'other';
  const message = ownWords ? err.message : `Could not fetch ${err.url}: ${d.cause}. ${d.advice.charAt(0).toUpperCase()}${d.advice.slice(1)}.`;
  return new AppError(code, message, { fetchError: err.code, ...(err.reason ? { reason: err.reason } : {}), detail: d.detail });
}

/**
 * The scheme-less fallback applies only when https:// itself gave no answer at all (refused, TLS
 * failure, connect timeout): an HTTP status, even 5xx, is an answer, and so is a page cut off mid-body.
 */
function httpsDidNotAnswer(err: unknown, httpsUrl: string): err is FetchError {
  if (!isFetchError(err) || err.url !== httpsUrl || (err.code !== 'CONNECTION_FAILED' && err.code !== 'CONNECT_TIMEOUT')) return false;
  return describeFetchFailure(toFetchFailure(err)).noAnswer;
}

type Fetched = { fetched: FetchResult; schemeNote?: string };

async function fetchForAnalysis(url: string, options: AnalyzeUrlOptions): Promise<Fetched> {
  const fetch = (target: string) => fetchPage(target, { userAgent: env.CRAWLER_USER_AGENT, allowedPrivateHosts: env.ALLOWED_PRIVATE_HOSTS, signal: options.signal });
  const schemeLess = options.schemeLess === true && url.startsWith('https://');
  try {
    return { fetched: await fetch(url), ...(schemeLess ? { schemeNote: 'No scheme given: used https://.' } : {}) };
  } catch (err) {
    if (!schemeLess || !httpsDidNotAnswer(err, new URL(url).href)) throw isFetchError(err) ? toAppError(err) : err;
    const why = describeFetchFailure(toFetchFailure(err)).cause;
    const plainUrl = `http://${url.slice('https://'.length)}`;
    logger.info({ url, why }, 'https:// did not answer a scheme-less URL, trying http://');
    try {
      return { fetched: await fetch(plainUrl), schemeNote: `No scheme given: https:// did not answer (${why}), used http://.` };
    } catch (httpErr) {
      if (!isFetchError(httpErr)) throw httpErr;
      const appError = toAppError(httpErr);
      throw new AppError(appError.code, `No scheme given: https:// did not answer (${why}) and http:// failed too. ${appError.message}`, appError.details);
    }
  }
}

/** Fetch → (render when needed) → extract → page checks → score → keyword. No database, no queue. */
export async function analyzeUrl(url: string, options: AnalyzeUrlOptions = {}): Promise<AnalyzedPage> {
  const render = options.render ?? 'auto';
  const { fetched, schemeNote } = await fetchForAnalysis(url, options);

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
    return { facts, fetch: fetched, rendered: Boolean(rendered), renderError, result: analysis as PageAnalysis, ...(schemeNote ? { schemeNote } : {}) };
  } catch (err) {
    if (err instanceof AnalysisBudgetError) throw new AppError('UNPROCESSABLE', err.message, { analysisError: 'TIME_BUDGET' });
    throw err;
  }
}
