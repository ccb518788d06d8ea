// robots.txt handling per RFC 9309, on top of robots-parser (which implements Google's
// longest-match / allow-wins-ties rule). This module decides what a fetch outcome MEANS
// (§2.3.1.3 unavailable → allow all, §2.3.1.4 unreachable → disallow all) and caches per origin.
import { LRUCache } from 'lru-cache';
import robotsParser from 'robots-parser';
import { toFetchFailure, type FetchFailure } from '@/lib/fetch/fetch-error';

/** Product token matched against `User-agent:` lines (RFC 9309 §2.2.1: case-insensitive). */
export const ROBOTS_PRODUCT_TOKEN = 'RivalOutrankerBot';

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB; we stop there. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

/** What fetching robots.txt produced; the fetcher follows redirects itself. */
export type RobotsFetchResponse = { status: number; body: string; finalUrl?: string; redirectError?: string; contentType?: string };

/** Fetches a robots.txt URL. Throws on network failure (DNS, refused, timeout). */
export type RobotsFetcher = (url: string, signal?: AbortSignal) => Promise<RobotsFetchResponse>;

export type RobotsOutcome =
  /** 2xx: rules parsed from the body. */
  | 'parsed'
  /** 4xx (except 429) or too many redirects: RFC 9309 §2.3.1.3 says crawl as if there were no file. */
  | 'allow-all'
  /** 5xx, 429 or network failure: RFC 9309 §2.3.1.4 says assume complete disallow. */
  | 'disallow-all';

export type RobotsRules = {
  /** The robots.txt URL for the origin. */
  url: string;
  /** HTTP status; 0 when the request failed. */
  status: number;
  /** Body as parsed (cut at ROBOTS_MAX_BYTES); null when not a 2xx. */
  body: string | null;
  /** The response's Content-Type header, when the fetcher reported it (robots.txt must be text/plain). */
  contentType?: string;
  outcome: RobotsOutcome;
  /** Network error message when status is 0. */
  error?: string;
  /** The network failure itself (code, message, reason) when status is 0. */
  failure?: FetchFailure;
  /** True when the body was longer than ROBOTS_MAX_BYTES and the rest was ignored. */
  truncated: boolean;
  fetchedAt: number;
  /** Whether our crawler may fetch `url` (path + query are matched; origin is assumed to be this file's). */
  isAllowed(url: string): boolean;
  /** Crawl-delay in seconds for our group (or `*`), uncapped; undefined when not set. */
  crawlDelay(): number | undefined;
  /** Absolute http(s) Sitemap: URLs, de-duplicated. */
  sitemaps(): string[];
};

/** robots.txt URL for the origin of `url`. */
export function getRobotsUrl(url: string): string {
  return new URL('/robots.txt', new URL(url).origin).href;
}

/** Cut at the byte limit, on a line boundary so a half line is not misread as a rule. */
function truncateRobotsBody(body: string): { text: string; truncated: boolean } {
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.length <= ROBOTS_MAX_BYTES) return { text: body, truncated: false };
  const cut = bytes.subarray(0, ROBOTS_MAX_BYTES).toString('utf8');
  const lastBreak = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf('\r'));
  return { text: lastBreak === -1 ? '' : cut.slice(0, lastBreak), truncated: true };
}

type RobotsInput = {
  url: string;
  status: number;
  body: string | null;
  contentType?: string;
  outcome: RobotsOutcome;
  failure?: FetchFailure;
  userAgent?: string;
  now?: number;
};

/** Build the rules object from an already-known outcome (exported for tests and reuse). */
export function createRobotsRules(input: RobotsInput): RobotsRules {
  const token = input.userAgent ?? ROBOTS_PRODUCT_TOKEN;
  const origin = new URL(input.url).origin;
  const { text, truncated } = input.outcome === 'parsed' ? truncateRobotsBody(input.body ?? '') : { text: '', truncated: false };
  // Strip a UTF-8 BOM: robots-parser would otherwise read "\uFEFFUser-agent" as an unknown line.
  const parser = robotsParser(input.url, text.replace(/^\uFEFF/, ''));
  const sitemaps = [
    ...new Set(
      parser
        .getSitemaps()
        .map((raw) => {
          try {
            const resolved = new URL(raw.trim(), input.url);
            return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
          } catch {
            return null;
          }
        })
        .filter((u): u is string => u !== null),
    ),
  ];

  return {
    url: input.url,
    status: input.status,
    body: input.outcome === 'parsed' ? text : null,
    ...(input.contentType !== undefined ? { contentType: input.contentType } : {}),
    outcome: input.outcome,
    ...(input.failure ? { error: input.failure.message, failure: input.failure } : {}),
    truncated,
    fetchedAt: input.now ?? Date.now(),
    isAllowed(target) {
      if (input.outcome === 'allow-all') return true;
      let parsed: URL;
      try {
        parsed = new URL(target);
      } catch {
        return false;
      }
      // RFC 9309 §2.2.2: /robots.txt itself is always allowed.
      if (parsed.pathname === '/robots.txt') return true;
      if (input.outcome === 'disallow-all') return false;
      // Rules are path rules; evaluate against this file's origin so http/https or default-port
      // spelling differences never make robots-parser answer "not my URL" (undefined).
      const allowed = parser.isAllowed(origin + parsed.pathname + parsed.search, token);
      return allowed !== false;
    },
    crawlDelay() {
      if (input.outcome !== 'parsed') return undefined;
      const delay = parser.getCrawlDelay(token);
      return typeof delay === 'number' && Number.isFinite(delay) && delay >= 0 ? delay : undefined;
    },
    sitemaps() {
      return [...sitemaps];
    },
  };
}

/** Fetch robots.txt for the origin of `url` and classify the result per RFC 9309. */
export async function fetchRobots(
  url: string,
  fetcher: RobotsFetcher,
  options: { userAgent?: string; signal?: AbortSignal; now?: () => number } = {},
): Promise<RobotsRules> {
  const robotsUrl = getRobotsUrl(url);
  const now = options.now ?? Date.now;
  let response: RobotsFetchResponse;
  try {
    response = await fetcher(robotsUrl, options.signal);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return createRobotsRules({
      url: robotsUrl,
      status: 0,
      body: null,
      outcome: 'disallow-all',
      failure: toFetchFailure(error),
      userAgent: options.userAgent,
      now: now(),
    });
  }
  const { status } = response;
  let outcome: RobotsOutcome;
  if (response.redirectError) {
    // §2.3.1.2: after too many redirects the file MAY be treated as unavailable.
    outcome = 'allow-all';
  } else if (status >= 200 && status < 300) {
    outcome = 'parsed';
  } else if (status === 429 || status >= 500 || status < 200) {
    // 429 is a 4xx, but it means "server overloaded", which is what §2.3.1.4 protects; Google
    // treats it as unreachable too.
    outcome = 'disallow-all';
  } else {
    // 3xx here means an unfollowed redirect (no Location); treat like 4xx.
    outcome = 'allow-all';
  }
  return createRobotsRules({
    url: robotsUrl,
    status,
    body: outcome === 'parsed' ? response.body : null,
    ...(response.contentType !== undefined ? { contentType: response.contentType } : {}),
    outcome,
    userAgent: options.userAgent,
    now: now(),
  });
}

export type RobotsCacheOptions = {
  fetcher: RobotsFetcher;
  /** How long a fetched file is reused (default 1 h; Google uses up to 24 h). */
  ttlMs?: number;
  /** How long an unreachable (disallow-all) result is reused before retrying (default 60 s). */
  errorTtlMs?: number;
  /** Origins kept (default 1000). */
  max?: number;
  userAgent?: string;
  now?: () => number;
};

export type RobotsCache = {
  /** Rules for the origin of `url`; concurrent calls share one fetch. Never rejects unless aborted. */
  get(url: string, signal?: AbortSignal): Promise<RobotsRules>;
  /** Cached rules without fetching, if present. */
  peek(url: string): RobotsRules | undefined;
  clear(): void;
};

export function createRobotsCache(options: RobotsCacheOptions): RobotsCache {
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  const errorTtlMs = Math.min(options.errorTtlMs ?? 60_000, ttlMs);
  const cache = new LRUCache<string, RobotsRules>({
    max: options.max ?? 1000,
    ttl: ttlMs,
    // An injected clock keeps TTL tests deterministic; resolution 0 stops lru-cache memoising "now".
    ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
  });
  const pending = new Map<string, Promise<RobotsRules>>();

  return {
    get(url, signal) {
      const origin = new URL(url).origin;
      const cached = cache.get(origin);
      if (cached) return Promise.resolve(cached);
      const inFlight = pending.get(origin);
      if (inFlight) return inFlight;
      const promise = fetchRobots(url, options.fetcher, { userAgent: options.userAgent, signal, now: options.now })
        .then((rules) => {
          cache.set(origin, rules, { ttl: rules.outcome === 'disallow-all' ? errorTtlMs : ttlMs });
          return rules;
        })
        .finally(() => pending.delete(origin));
      pending.set(origin, promise);
      return promise;
    },
    peek(url) {
      return cache.get(new URL(url).origin);
    },
    clear() {
      cache.clear();
      pending.clear();
    },
  };
}
