// robots.txt as the crawl uses it: fetched once per origin, its Crawl-delay handed to the host
// scheduler, and a robots.txt that never came back read as "the host is down", not "disallowed".
import type { CrawlSettings } from '@/lib/crawler/crawl-options';
import { hostOf } from '@/lib/crawler/crawl-frontier';
import type { FetchPageFn } from '@/lib/crawler/follow-redirects';
import type { HostScheduler } from '@/lib/crawler/host-scheduler';
import { createRobotsCache, type RobotsCache, type RobotsRules } from '@/lib/crawler/robots';
import { describeFetchFailure, FetchError, type FetchFailure } from '@/lib/fetch/fetch-error';
import type { FetchOptions } from '@/lib/fetch/types';

/** A per-crawl robots cache that fetches through fetchPage, each robots.txt within siteAnswerTimeoutMs in all. */
export function createSiteRobotsCache(
  settings: Pick<CrawlSettings, 'robotsToken' | 'siteAnswerTimeoutMs'>,
  fetchOptions: FetchOptions,
  fetchPage: FetchPageFn,
): RobotsCache {
  return createRobotsCache({
    userAgent: settings.robotsToken,
    fetcher: async (url, robotsSignal) => {
      // robots.txt is the first request to a host, so it is bounded as a whole: a host that
      // never answers is known within siteAnswerTimeoutMs, not after every page timeout.
      const deadlineMs = settings.siteAnswerTimeoutMs;
      const deadline = AbortSignal.timeout(deadlineMs);
      const within = (ms: number | undefined) => Math.min(ms ?? deadlineMs, deadlineMs);
      try {
        // RFC 9309 §2.3.1.2: follow at least five redirects for robots.txt.
        const response = await fetchPage(url, {
          ...fetchOptions,
          connectTimeoutMs: within(fetchOptions.connectTimeoutMs),
          headersTimeoutMs: within(fetchOptions.headersTimeoutMs),
          bodyTimeoutMs: within(fetchOptions.bodyTimeoutMs),
          maxRedirects: 5,
          maxBodyBytes: 512 * 1024,
          signal: robotsSignal ? AbortSignal.any([robotsSignal, deadline]) : deadline,
        });
        return { status: response.status, body: response.body, finalUrl: response.finalUrl, redirectError: response.redirectError, contentType: response.contentType };
      } catch (error) {
        if (!deadline.aborted || robotsSignal?.aborted) throw error;
        throw new FetchError('HEADERS_TIMEOUT', url, `${url} did not answer within ${deadlineMs} ms.`, { cause: error });
      }
    },
  });
}

/** The failure when the host never answered its robots.txt (refused, DNS, timeout, TLS, guard): then it is down, not "disallowing". */
export function getUnansweredFailure(rules: RobotsRules): FetchFailure | undefined {
  return rules.status === 0 && rules.failure && describeFetchFailure(rules.failure).noAnswer ? rules.failure : undefined;
}

export class CrawlRobots {
  private readonly delayApplied = new WeakSet<RobotsRules>();
  private readonly loadingOrigins = new Set<string>();

  /** `onLoaded` runs when a background load (startLoad) ends, however it ended. */
  constructor(
    readonly cache: RobotsCache,
    private readonly scheduler: Pick<HostScheduler, 'setCrawlDelay'>,
    private readonly signal: AbortSignal,
    private readonly onLoaded: () => void,
  ) {}

  /** Some origin's robots.txt is still on its way (and will wake the pump when it arrives). */
  get loading(): boolean {
    return this.loadingOrigins.size > 0;
  }

  /** Cached rules for the URL's origin, making sure its Crawl-delay reached the scheduler (the cache may be shared). */
  cached(url: string): RobotsRules | undefined {
    const rules = this.cache.peek(url);
    if (rules && !this.delayApplied.has(rules)) {
      this.delayApplied.add(rules);
      this.scheduler.setCrawlDelay(hostOf(url), rules.crawlDelay());
    }
    return rules;
  }

  /** Rejects only when the crawl is aborted. */
  async load(url: string): Promise<RobotsRules> {
    const cached = this.cached(url);
    if (cached) return cached;
    await this.cache.get(url, this.signal);
    return this.cached(url) ?? this.cache.get(url, this.signal);
  }

  /** Load an origin's rules without waiting, so one slow robots.txt never holds up other hosts. */
  startLoad(origin: string): void {
    if (this.loadingOrigins.has(origin)) return;
    this.loadingOrigins.add(origin);
    this.load(`${origin}/`)
      .catch(() => undefined)
      .finally(() => {
        this.loadingOrigins.delete(origin);
        this.onLoaded();
      });
  }

  /** Status of the robots.txt that decided about `url`, if known; read without side effects. */
  statusFor(url: string): number | undefined {
    return this.cache.peek(url)?.status;
  }
}
