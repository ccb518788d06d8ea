// Types shared by the crawl loop, its callers and buildSiteGraph.
import type { PageFacts } from '@/lib/crawler/page-facts';
import type { CrawlOptionsInput } from '@/lib/crawler/crawl-options';
import type { FetchPageFn } from '@/lib/crawler/follow-redirects';
import type { SiteFiles } from '@/lib/crawler/crawl-site-files';
import type { FrontierEntry } from '@/lib/crawler/frontier';
import type { HostSchedulerOptions, HostSnapshot } from '@/lib/crawler/host-scheduler';
import type { RobotsCache } from '@/lib/crawler/robots';
import type { LoadSitemapsOptions, SitemapLoadResult } from '@/lib/crawler/sitemaps';
import type { FetchFailure } from '@/lib/fetch/fetch-error';
import type { FetchResult, RedirectHop, RenderResult } from '@/lib/fetch/types';

export type { FrontierEntry } from '@/lib/crawler/frontier';

/**
 * Everything needed to resume a crawl, as plain JSON-able data. Persist `done` URLs when onPage
 * returns and `discovered` entries as they are reported; a restarted crawl then neither refetches
 * finished pages nor loses queued ones.
 */
export type CrawlState = {
  frontier: FrontierEntry[];
  done: string[] | Set<string>;
  /** Sitemap URLs already loaded; when present the sitemap phase is skipped on resume. */
  sitemapUrls?: string[];
};

/** The HTTP side of a crawled URL, kept even when the body is not parsed (non-HTML). */
export type CrawlResponse = {
  status: number;
  finalUrl: string;
  contentType: string;
  headers: Record<string, string>;
  redirects: RedirectHop[];
  redirectError?: 'loop' | 'too-many';
  bodyBytes: number;
  transferBytes: number;
  truncated: boolean;
  ttfbMs: number;
  totalMs: number;
};

export type CrawlPageResult = {
  /** Normalised URL (the crawl identity). */
  url: string;
  /** Discovery depth; null = only known from a sitemap (or from pages that are). */
  depth: number | null;
  /** Page that led here ("sitemap" for sitemap URLs). */
  via?: string;
  inSitemap: boolean;
  response?: CrawlResponse;
  /**
   * Parsed facts for HTML responses. For a URL that redirects they describe the final response
   * (the fetch contract), so checks other than redirect checks should use the target's own result.
   */
  facts?: PageFacts;
  /**
   * No HTTP response: fetch error code (FetchErrorCode or UNKNOWN), message and finer reason. Also
   * set, without a request, for URLs of a host that never answered its robots.txt.
   */
  fetchError?: FetchFailure;
  /** robots.txt disallows this URL; it was never requested. */
  blockedByRobots?: boolean;
  /** With blockedByRobots: the status of the robots.txt that decided (429/5xx: unreadable, which disallows everything). */
  robotsStatus?: number;
  /** Normalised redirect destination (final URL, or where the chain was cut). */
  redirectTo?: string;
  /** The chain was not followed past redirectTo because of robots.txt or the crawl scope. */
  redirectStoppedBy?: 'robots' | 'out-of-scope';
  /** Facts come from the rendered DOM. */
  rendered?: boolean;
  renderError?: string;
  /** extractPageFacts threw or ran out of its time budget (the response is still reported). */
  analysisError?: string;
  /** Frontier entries this page added or moved forward; persist them for resume. */
  discovered: FrontierEntry[];
};

export type CrawlPhase = 'robots' | 'sitemaps' | 'crawling' | 'done';

export type CrawlProgress = {
  phase: CrawlPhase;
  /** Distinct in-scope URLs known (queued, in flight or done). */
  discovered: number;
  /** URLs with a result (fetched, failed or blocked), including resumed ones. */
  crawled: number;
  /** Results without a response or with status ≥ 400. */
  failed: number;
  blocked: number;
  queued: number;
  inFlight: number;
  currentUrl: string | null;
  elapsedMs: number;
  /** Estimated ms left at the current rate; null until there is a rate. */
  etaMs: number | null;
  pagesPerSecond: number;
  hostsDown: string[];
};

/** site-unreachable: the start URL's host did not answer its robots.txt, so nothing else was requested. */
export type StopReason = 'complete' | 'max-pages' | 'aborted' | 'hosts-down' | 'site-unreachable';

export type CrawlOutcome = {
  stopReason: StopReason;
  progress: CrawlProgress;
  /** What is left to do; feed back as `resume` to continue. */
  state: { frontier: FrontierEntry[]; done: string[]; sitemapUrls: string[] };
  /** Null when robots.txt was never seen (also when the site did not answer at all). */
  robotsTxt: { url: string; status: number; body: string | null; contentType?: string } | null;
  /** Why the site did not answer (stopReason site-unreachable): the failed robots.txt request. */
  unreachable?: FetchFailure & { url: string };
  sitemaps: SitemapLoadResult | null;
  sitemapError?: string;
  /** /llms.txt and /favicon.ico (settings.readSiteFiles), read again on every run, also a resumed one. */
  siteFiles?: SiteFiles;
  hosts: HostSnapshot[];
};

/** Production passes the analysis pool (off the event loop, with a time budget); a throw fails only that page. */
export type ExtractPageFactsFn = (
  input: { fetch: FetchResult; rendered?: RenderResult; looksClientRendered?: boolean },
  options: { signal: AbortSignal },
) => PageFacts | Promise<PageFacts>;

export type CrawlOptions = CrawlOptionsInput & {
  signal?: AbortSignal;
  resume?: CrawlState;
  /** Tuning for the per-host scheduler (breaker, AIMD); concurrency and delay come from the options above. */
  hostScheduler?: Omit<HostSchedulerOptions, 'now' | 'maxConcurrency' | 'minDelayMs'>;
};

export type CrawlDeps = {
  fetchPage: FetchPageFn;
  /**
   * Extra request headers for one URL (the cookies or credentials of a site behind a login). Added
   * to every request the crawl makes for it — pages, redirect hops, robots.txt, sitemaps — and
   * asked per URL, so the caller decides which hosts may ever see them.
   */
  headersFor?: (url: string) => Record<string, string> | undefined;
  extractPageFacts: ExtractPageFactsFn;
  /** Headless render (renderMode auto/always); without it pages are analysed raw. */
  render?: (url: string, options?: { signal?: AbortSignal; robots?: RobotsCache }) => Promise<RenderResult>;
  /** Decides, in auto mode, whether the raw HTML needs rendering; without it auto mode never renders. */
  looksClientRendered?: (html: string) => boolean;
  /** Defaults to a per-crawl cache fetching through fetchPage. */
  robots?: RobotsCache;
  /** Defaults to loadSitemaps with a byte fetcher guarded like fetchPage. */
  loadSitemaps?: (options: LoadSitemapsOptions) => Promise<SitemapLoadResult>;
  now?: () => number;
  /** Awaited for every result (backpressure); a throw stops the crawl and rejects crawlSite. */
  onPage?: (result: CrawlPageResult) => void | Promise<void>;
  onProgress?: (progress: CrawlProgress) => void;
  onSitemaps?: (result: SitemapLoadResult) => void | Promise<void>;
};
