// The contract between fetching (HTTP or headless browser) and analysis.

export type RedirectHop = {
  url: string;
  status: number;
  location: string;
};

export type FetchTimings = {
  /** ms until the response headers arrived (time to first byte). */
  ttfbMs: number;
  /** ms until the body was fully read. */
  totalMs: number;
  /** Worst delay of this process's event loop during the fetch; high means the timings are inflated. */
  loopLagMs?: number;
};

export type FetchResult = {
  requestedUrl: string;
  /** URL of the last response after following redirects. */
  finalUrl: string;
  /** Status of the final response. */
  status: number;
  /** Final response headers, lower-cased names. Repeated headers are joined with ", ". */
  headers: Record<string, string>;
  /** Every redirect that was followed, in order. */
  redirects: RedirectHop[];
  /** Set when redirects looped or exceeded the hop limit. */
  redirectError?: 'loop' | 'too-many';
  /** Decoded body text (charset handled); empty for non-text content. */
  body: string;
  contentType: string;
  charset: string;
  /** Bytes on the wire (compressed) and after decompression. */
  transferBytes: number;
  bodyBytes: number;
  /** True when the body hit the size cap and was cut. */
  truncated: boolean;
  /** True when the body started with a byte-order mark (stripped from `body`). */
  hasBom?: boolean;
  timings: FetchTimings;
  /** Remote IP that served the final response, if known. */
  remoteAddress?: string;
};

export type FetchErrorCode =
  | 'INVALID_URL'
  | 'BLOCKED_PRIVATE_ADDRESS'
  | 'DNS_FAILURE'
  | 'CONNECT_TIMEOUT'
  | 'HEADERS_TIMEOUT'
  | 'BODY_TIMEOUT'
  | 'CONNECTION_FAILED'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_PROTOCOL';

export type FetchOptions = {
  userAgent?: string;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** GET (default) or HEAD, for a status-and-headers probe that reads no body. */
  method?: 'GET' | 'HEAD';
  /** Allow-list overriding the private-address guard: hosts, IPs, CIDRs or "*". */
  allowedPrivateHosts?: string[];
  signal?: AbortSignal;
  headers?: Record<string, string>;
};

/** A request the headless browser wanted to make but robots.txt disallows (so it was never sent). */
export type BlockedResource = {
  url: string;
  /** Chromium's resource type: "stylesheet", "script", "xhr", "fetch", "document" (iframe or navigation)… */
  type: string;
};

/**
 * Lab timing metrics observed during the render (PerformanceObserver, installed before page scripts).
 * Unthrottled CPU and network, desktop viewport, images not loaded: not field data (CrUX).
 */
export type RenderLabMetrics = {
  /** First contentful paint, ms from navigation start; null when nothing was painted. */
  fcpMs: number | null;
  /** Largest contentful paint (text and backgrounds: images are not loaded), ms; null when none. */
  lcpMs: number | null;
  /** The LCP element as tag#id / tag.class, when still in the DOM. */
  lcpElement?: string;
  /** Cumulative layout shift: the worst session window, shifts after input excluded. */
  cls: number;
  /** Total blocking time: Σ (long task − 50 ms) between FCP and the end of the render, ms. */
  tbtMs: number;
  longTasks: number;
};

/** Layout measured at a phone viewport once the render settled (see render-measure.ts). */
export type RenderMobileLayout = {
  /** Layout viewport in CSS px (980 wide on a page without a meta viewport). */
  viewport: { width: number; height: number };
  /** Visible interactive elements measured (the first 500 in document order are examined). */
  targetsMeasured: number;
  /** Targets under 24 × 24 CSS px whose 24 px circle touches another target (WCAG 2.5.8). */
  smallTargets: number;
  /** The first 20 of them. */
  smallTargetExamples: { label: string; width: number; height: number }[];
  /** The largest fixed/sticky element on top of the viewport, with the share of the viewport it covers. */
  interstitial: { label: string; coverage: number } | null;
};

/** Result of rendering a page in headless Chromium. */
export type RenderResult = {
  finalUrl: string;
  status: number;
  /** Serialized DOM after scripts ran. */
  html: string;
  renderMs: number;
  /**
   * Requests refused because robots.txt disallows them for our user agent, de-duplicated, in
   * request order. Absent when the renderer did not apply robots.txt (hand-built results).
   */
  blockedResources?: BlockedResource[];
  /** Absent when the page did not answer the measurement in time, and in hand-built results. */
  labMetrics?: RenderLabMetrics;
  mobileLayout?: RenderMobileLayout;
};
