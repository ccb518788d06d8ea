// The serialisable crawl settings: what a person chooses for an audit (one schema, parsed once at
// the boundary: API, form, CLI, schedule) and the crawler's own tuning on top of it.
import { z } from 'zod';
import { CRAWL_SCOPES, findUrlPatternError } from '@/lib/crawler/normalize-url';
import { USER_AGENT_PRESETS } from '@/lib/crawler/user-agents';

export const RENDER_MODES = ['auto', 'always', 'never'] as const;
export type RenderMode = (typeof RENDER_MODES)[number];

/**
 * How long a site gets to deliver its robots.txt, the first thing a crawl asks for. The file is
 * tiny, so a site that has not sent it within 6 s is not answering; without this bound the usual
 * page timeouts (connect 5 s + headers 10 s) made an audit of a dead site take half a minute.
 * Unanswered robots.txt means "disallow everything" (RFC 9309 §2.3.1.4), so nothing could be crawled anyway.
 */
export const DEFAULT_SITE_ANSWER_TIMEOUT_MS = 6_000;

// Compiled here, so "re:(" is refused with the request instead of failing the audit in the worker.
const urlPattern = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .superRefine((value, ctx) => {
    const problem = findUrlPatternError(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The settings of an audit as a person chooses them; stored with the audit and handed to the crawl as they are. */
export const auditSettingsSchema = z.object({
  maxPages: z.coerce.number().int().min(1, 'At least 1 page.').max(10_000, 'At most 10,000 pages.').default(100),
  /** Link depth from the start URL that is still followed (start = 0). */
  maxDepth: z.coerce.number().int().min(0, 'Depth cannot be negative.').max(50, 'At most depth 50.').default(10),
  renderMode: z.enum(RENDER_MODES).default('auto'),
  respectRobots: z.boolean().default(true),
  /** Patterns (see createUrlFilter): globs, "/path/*", or "re:<regex>". */
  include: z.array(urlPattern).max(50, 'At most 50 patterns.').default([]),
  exclude: z.array(urlPattern).max(50, 'At most 50 patterns.').default([]),
  /** How long one page may take to answer (headers, then body) before it is reported as timed out. */
  pageTimeoutMs: z.coerce.number().int().min(1_000).max(60_000).default(10_000),
  /** Which URLs belong to the audit: the start URL's folder, its host, or all its subdomains. */
  scope: z.enum(CRAWL_SCOPES).default('host'),
  /** How the crawl introduces itself (see userAgentFor: our identifier is always included). */
  userAgentPreset: z.enum(USER_AGENT_PRESETS).default('rival'),
  customUserAgent: z.string().trim().max(300, 'A user agent is 300 characters at most.').refine((v) => !/[\r\n]/.test(v), { message: 'A user agent goes on one line.' }).optional(),
  /** Upper bound on requests per second to the site; unset: the adaptive per-host politeness alone. */
  maxRequestsPerSecond: z.coerce.number().min(0.1, 'At least 0.1 requests per second.').max(50, 'At most 50 requests per second.').optional(),
});
export type AuditSettings = z.output<typeof auditSettingsSchema>;

const crawlTuningSchema = z.object({
  startUrl: z.url({ protocol: /^https?$/ }),
  /**
   * In auto mode, also render the first page with scripts and then every Nth one (0: never), so
   * JavaScript that rewrites title, canonical, robots, description, H1 or links on ordinary-looking
   * pages is seen too — a sample per crawl rather than every page, which would cost a browser each.
   */
  renderSampleEvery: z.number().int().min(0).max(10_000).default(25),
  /** Full User-Agent header; the fetcher's default when absent. */
  userAgent: z.string().max(500).optional(),
  /** Product token matched against robots.txt User-agent lines. */
  robotsToken: z.string().min(1).max(100).default('RivalOutrankerBot'),
  /**
   * Pages in progress across all hosts: fetching, or being analysed and saved after their response
   * (which already gave the host its slot back). Twice the per-host cap, because an audit is bound
   * by that wait, not by its CPU (the bench showed idle analysis threads at 8; 16 ran ~1.3× faster).
   */
  concurrency: z.number().int().min(1).max(64).default(16),
  /** Upper bound of adaptive per-host concurrency. */
  perHostConcurrency: z.number().int().min(1).max(32).default(4),
  /** Minimum ms between request starts to one host (robots Crawl-delay may raise it, up to 10 s). */
  politenessDelayMs: z.number().int().min(0).max(60_000).default(0),
  /** Finer than pageTimeoutMs, which is the default for headers and body. */
  timeouts: z
    .object({
      connectMs: z.number().int().min(100).max(120_000).optional(),
      headersMs: z.number().int().min(100).max(300_000).optional(),
      bodyMs: z.number().int().min(100).max(300_000).optional(),
    })
    .default({}),
  /**
   * Deadline for the first request to the site (its robots.txt): connect, headers and body. A site
   * that has not answered by then is reported as not answering and the crawl stops at once, so an
   * audit of a dead site fails in seconds with the real cause (see DEFAULT_SITE_ANSWER_TIMEOUT_MS).
   */
  siteAnswerTimeoutMs: z.number().int().min(100).max(120_000).default(DEFAULT_SITE_ANSWER_TIMEOUT_MS),
  maxBodyBytes: z.number().int().min(1024).max(100 * 1024 * 1024).optional(),
  maxRedirects: z.number().int().min(0).max(30).default(10),
  /** Private hosts/IPs/CIDRs the fetcher may contact (tests, intranet audits). */
  allowedPrivateHosts: z.array(z.string()).default([]),
  /** www.example.com and example.com count as one site. */
  wwwIsSameSite: z.boolean().default(true),
  /** Follow rel=nofollow links and links on meta-nofollow pages (search engines do not). */
  followNofollow: z.boolean().default(false),
  /** Also queue canonical, hreflang and rel=prev/next targets, so their status is known. */
  followAlternates: z.boolean().default(true),
  useSitemaps: z.boolean().default(true),
  /** Read /llms.txt and /favicon.ico once after robots.txt, for the site checks (robots.txt obeyed; the audit turns it on). */
  readSiteFiles: z.boolean().default(false),
  /** Extra sitemap URLs to read besides robots.txt / common paths. */
  sitemapUrls: z.array(z.url()).default([]),
  maxSitemapUrls: z.number().int().min(0).max(100_000).default(10_000),
  /** Times a URL answered 429/503 is retried (after the host's pause). */
  maxRetries: z.number().int().min(0).max(5).default(2),
  /** onProgress is called at most this often (plus at phase changes and the end). */
  progressIntervalMs: z.number().int().min(0).max(60_000).default(500),
});

export const crawlOptionsSchema = auditSettingsSchema
  .extend(crawlTuningSchema.shape)
  .transform(({ pageTimeoutMs, timeouts, maxRequestsPerSecond, ...rest }) => ({
    ...rest,
    timeouts: { headersMs: pageTimeoutMs, bodyMs: pageTimeoutMs, ...timeouts },
    // A rate cap is a minimum gap between request starts to the host (robots Crawl-delay may make it longer).
    politenessDelayMs: maxRequestsPerSecond ? Math.max(rest.politenessDelayMs, Math.ceil(1000 / maxRequestsPerSecond)) : rest.politenessDelayMs,
  }));

export type CrawlOptionsInput = z.input<typeof crawlOptionsSchema>;
export type CrawlSettings = z.output<typeof crawlOptionsSchema>;
