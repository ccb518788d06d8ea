import type { SiteFiles } from '@/lib/crawler/crawl-site-files';
import type { PageFacts, SiteSignals } from '@/lib/crawler/page-facts';
import type { ResourceProbe } from '@/lib/crawler/probe-resources';
import type { LastmodStats } from '@/lib/crawler/sitemaps';
import type { AlpnProbe } from '@/lib/fetch/probe-alpn';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  'crawlability',
  'http',
  'canonical',
  'on-page',
  'content',
  'links',
  'urls',
  'images',
  'performance',
  'mobile',
  'structured-data',
  'security',
  'international',
  'social',
  'local-eeat',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** One problem found by a check, naming the exact element/value. */
export type Finding = {
  checkId: string;
  category: Category;
  severity: Severity;
  title: string;
  /** Specific sentence, e.g. 'Title is 78 characters (max 60): "…"'. */
  message: string;
  /** Page the finding is about (site-scope findings name the page they point at). */
  url: string;
  details?: Record<string, unknown>;
};

/** What a check function returns: message + optional details; the runner adds the static fields. */
export type Issue = { message: string; url?: string; details?: Record<string, unknown> };

type CheckBase = {
  id: string;
  category: Category;
  severity: Severity;
  title: string;
  why: string;
  fix: string;
  /** Depends on measured time (network speed): two runs over the same site may differ. */
  timing?: boolean;
};

export type PageCheck = CheckBase & {
  scope: 'page';
  run: (page: PageFacts) => Issue[];
};

export type SiteCheck = CheckBase & {
  scope: 'site';
  run: (site: SiteGraph) => Issue[];
};

export type Check = PageCheck | SiteCheck;

/** One crawled URL in the site graph. */
export type SitePage = {
  url: string;
  /** Final status; 0 when the fetch failed (error set). */
  status: number;
  error?: string;
  /** Click depth from the start URL; null when only reachable via sitemap (orphan). */
  depth: number | null;
  /** Redirect target when this URL redirected. */
  redirectTo?: string;
  redirectHops?: number;
  /** Set when following this URL's redirects looped or hit the hop limit (FetchResult.redirectError). */
  redirectError?: 'loop' | 'too-many';
  title: string | null;
  metaDescription: string | null;
  h1: string | null;
  textHash: string | null;
  /**
   * MinHash signature of the visible text (computeTextMinhash in lib/analysis/text-minhash.ts), for
   * near-duplicate detection. Optional: absent until the crawler records it, and then that check is silent.
   */
  textMinhash?: readonly number[] | null;
  wordCount: number;
  canonical: string | null;
  noindex: boolean;
  hreflang: { lang: string; url: string }[];
  inSitemap: boolean;
  blockedByRobots: boolean;
  contentType?: string;
  /** What the page says about the business (phones, postal codes, markup types…). Absent in graphs built before it existed: those checks stay silent. */
  signals?: SiteSignals;
  /** http(s) URLs of the page's <img> elements, distinct, capped (imageUrlsOf). Absent in older graphs. */
  images?: string[];
  /** http(s) URLs of the page's stylesheets and external scripts, distinct, capped (assetUrlsOf). Absent in older graphs. */
  stylesheets?: string[];
  scripts?: string[];
  /** Bytes of the HTML document as fetched. Absent in older graphs (then page weight is not checked). */
  htmlBytes?: number;
};

export type SiteLink = {
  from: string;
  to: string;
  text: string;
  rel: string[];
  internal: boolean;
};

export type SiteGraph = {
  startUrl: string;
  /** Keyed by normalised URL. */
  pages: Map<string, SitePage>;
  links: SiteLink[];
  sitemapUrls: string[];
  /** contentType: the response's Content-Type header, when the crawler recorded it. */
  robotsTxt: { url: string; status: number; body: string | null; contentType?: string } | null;
  /** URLs skipped because robots.txt disallows them. */
  blockedByRobots: string[];
  /**
   * XML sitemap files the crawler fetched (from robots.txt `Sitemap:` lines, or guessed such as
   * /sitemap.xml), including failed ones. Optional: without it the sitemap checks rely on
   * sitemapUrls and robots.txt.
   */
  sitemaps?: SitemapFile[];
  /**
   * The start URL's home page probed as http/https × www/non-www, to detect duplicate hosts.
   * Optional: without it the host checks only look at crawled pages.
   */
  hostVariants?: HostVariant[];
  /** /llms.txt and /favicon.ico of the start URL's origin, read once per audit. Optional: without it those checks stay silent. */
  siteFiles?: SiteFiles;
  /** Status, size and caching headers of a capped sample of external link targets, images, stylesheets and scripts (probeResources). Optional: without it those checks stay silent. */
  resourceProbes?: ResourceProbe[];
  /** The protocol the landing page's https origin negotiates through TLS ALPN (probeAlpn). Absent for an http-only site or an older graph: http2-missing stays silent. */
  alpn?: AlpnProbe;
};

export type SitemapFile = {
  url: string;
  /** HTTP status; 0 when the fetch failed. */
  status: number;
  /** How it was found: listed in robots.txt, a guessed path, a child of a sitemap index, or given by the user. */
  source: 'robots' | 'guess' | 'index' | 'given';
  /** Number of <url>/<sitemap> entries parsed. */
  urlCount?: number;
  /** Uncompressed size in bytes. */
  bytes?: number;
  /** Parse or fetch error. */
  error?: string;
  /** <lastmod> quality of a urlset's entries. */
  lastmod?: LastmodStats;
};

export type HostVariant = {
  url: string;
  /** Status of the first response (not following redirects); 0 when the fetch failed. */
  status: number;
  /** Location when the variant redirects. */
  redirectTo?: string;
  error?: string;
};
