// Progress of one crawl: the counters only results can tell (failed, blocked, pages this run), the
// snapshot callers see, and the throttle that keeps onProgress from firing for every page.
import type { CrawlFrontier } from '@/lib/crawler/crawl-frontier';
import type { PageBudget } from '@/lib/crawler/crawl-page-budget';
import type { CrawlPageResult, CrawlPhase, CrawlProgress } from '@/lib/crawler/crawl-types';

export type ProgressSources = {
  frontier: Pick<CrawlFrontier, 'seenCount' | 'doneCount' | 'queuedCount' | 'inFlightCount'>;
  budget: Pick<PageBudget, 'recorded' | 'maxPages'>;
  hostsDown: ReadonlySet<string>;
};

export type ProgressOptions = {
  now: () => number;
  startedAt: number;
  /** onProgress fires at most this often, except at phase changes and when forced. */
  intervalMs: number;
  onProgress?: (progress: CrawlProgress) => void;
};

export class CrawlProgressReporter {
  phase: CrawlPhase = 'robots';
  currentUrl: string | null = null;
  failed = 0;
  blocked = 0;
  /** The rate (and so the ETA) counts only the crawl phase of this run, not robots/sitemaps or resumed pages. */
  private crawlStartedAt: number;
  private crawledThisRun = 0;
  private lastReportAt = -Infinity;

  constructor(
    private readonly sources: ProgressSources,
    private readonly options: ProgressOptions,
  ) {
    this.crawlStartedAt = options.startedAt;
  }

  snapshot(): CrawlProgress {
    const { frontier, budget, hostsDown } = this.sources;
    const { now, startedAt } = this.options;
    const elapsedMs = now() - startedAt;
    const crawlMs = now() - this.crawlStartedAt;
    const pagesPerSecond = crawlMs > 0 ? (this.crawledThisRun / crawlMs) * 1000 : 0;
    const remaining = Math.max(0, Math.min(frontier.queuedCount + frontier.inFlightCount, budget.maxPages - budget.recorded));
    return {
      phase: this.phase,
      discovered: frontier.seenCount,
      crawled: frontier.doneCount,
      failed: this.failed,
      blocked: this.blocked,
      queued: frontier.queuedCount,
      inFlight: frontier.inFlightCount,
      currentUrl: this.currentUrl,
      elapsedMs,
      etaMs: this.phase === 'done' ? 0 : pagesPerSecond > 0 ? Math.round((remaining / pagesPerSecond) * 1000) : null,
      pagesPerSecond: Math.round(pagesPerSecond * 100) / 100,
      hostsDown: [...hostsDown],
    };
  }

  report(force = false): void {
    const { onProgress, now, intervalMs } = this.options;
    if (!onProgress) return;
    const t = now();
    if (!force && t - this.lastReportAt < intervalMs) return;
    this.lastReportAt = t;
    onProgress(this.snapshot());
  }

  setPhase(phase: CrawlPhase): void {
    this.phase = phase;
    this.report(true);
  }

  /** Enter the crawl phase; the rate is measured from here. */
  beginCrawling(): void {
    this.setPhase('crawling');
    this.crawlStartedAt = this.options.now();
  }

  /** Before the caller sees a result: the counters it changes. */
  countResult(result: CrawlPageResult): void {
    if (result.blockedByRobots) this.blocked++;
    else if (result.fetchError || (result.response && result.response.status >= 400)) this.failed++;
  }

  /** After the caller took a result. */
  resultRecorded(): void {
    this.crawledThisRun++;
    this.report();
  }
}
