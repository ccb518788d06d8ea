// The parts one crawl is made of. Functions that work on a crawl take this (or the Pick of it they
// need) explicitly instead of closing over shared variables.
import type { CrawlSettings } from '@/lib/crawler/crawl-options';
import type { CrawlFrontier } from '@/lib/crawler/crawl-frontier';
import type { PageBudget } from '@/lib/crawler/crawl-page-budget';
import type { CrawlProgressReporter } from '@/lib/crawler/crawl-progress';
import type { RenderSampler } from '@/lib/crawler/crawl-render-decision';
import type { CrawlRobots } from '@/lib/crawler/crawl-robots';
import type { CrawlDeps } from '@/lib/crawler/crawl-types';
import type { HostScheduler } from '@/lib/crawler/host-scheduler';
import type { FetchOptions } from '@/lib/fetch/types';

export type CrawlRun = {
  settings: CrawlSettings;
  deps: CrawlDeps;
  /** The caller's signal, or the crawl's own when a callback threw: every request listens to it. */
  signal: AbortSignal;
  fetchOptions: FetchOptions;
  frontier: CrawlFrontier;
  budget: PageBudget;
  robots: CrawlRobots;
  scheduler: HostScheduler;
  progress: CrawlProgressReporter;
  renderSampler: RenderSampler;
  /** Hosts the crawl stopped contacting: breaker declared them down, or robots.txt never answered. */
  hostsDown: Set<string>;
  /** Rouse the pump: a host slot freed up or robots.txt arrived, so something may be runnable now. */
  wake: () => void;
};
