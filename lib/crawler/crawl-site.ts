// The crawl: breadth-first over one site, polite per host, robots-aware, resumable.
//
// In order: restore or seed the frontier (crawl-frontier), read the start URL's robots.txt — which
// also tells whether the site answers at all — and its sitemaps (crawl-bootstrap), run the pump
// that picks runnable URLs (crawl-pick) and fetches each in a task (crawl-fetch-task) until nothing
// is runnable (crawl-pump), then say why it stopped (crawl-outcome) with the state to resume from.
import { setMaxListeners } from 'node:events';
import { createSitemapReader, readSiteRobots, readSiteSitemaps, type SiteSitemaps } from '@/lib/crawler/crawl-bootstrap';
import { CrawlFrontier, hostOf } from '@/lib/crawler/crawl-frontier';
import { crawlOptionsSchema, type CrawlSettings } from '@/lib/crawler/crawl-options';
import { decideStopReason } from '@/lib/crawler/crawl-outcome';
import { PageBudget } from '@/lib/crawler/crawl-page-budget';
import { CrawlProgressReporter } from '@/lib/crawler/crawl-progress';
import { ABORT_GRACE_MS, runPump, TaskPool, Waker } from '@/lib/crawler/crawl-pump';
import { RenderSampler } from '@/lib/crawler/crawl-render-decision';
import { CrawlRobots, createSiteRobotsCache } from '@/lib/crawler/crawl-robots';
import type { CrawlRun } from '@/lib/crawler/crawl-run';
import type { CrawlDeps, CrawlOptions, CrawlOutcome, CrawlState } from '@/lib/crawler/crawl-types';
import { createHostScheduler } from '@/lib/crawler/host-scheduler';
import { createUrlFilter, isInScope, normalizeUrl } from '@/lib/crawler/normalize-url';
import type { FetchOptions } from '@/lib/fetch/types';

type RunSetup = {
  settings: CrawlSettings;
  deps: CrawlDeps;
  startUrl: string;
  resume: CrawlState | undefined;
  schedulerTuning: CrawlOptions['hostScheduler'];
  signal: AbortSignal;
  now: () => number;
  startedAt: number;
  wake: () => void;
};

function toFetchOptions(settings: CrawlSettings): FetchOptions {
  return {
    userAgent: settings.userAgent,
    connectTimeoutMs: settings.timeouts.connectMs,
    headersTimeoutMs: settings.timeouts.headersMs,
    bodyTimeoutMs: settings.timeouts.bodyMs,
    maxBodyBytes: settings.maxBodyBytes,
    allowedPrivateHosts: settings.allowedPrivateHosts,
  };
}

/** Build the crawl's parts, with the frontier restored from `resume` (or seeded with the start URL). */
/** fetchPage with the caller's per-URL headers added: the crawl's every request goes through it. */
function withHeaders(fetchPage: CrawlDeps['fetchPage'], headersFor: CrawlDeps['headersFor']): CrawlDeps['fetchPage'] {
  if (!headersFor) return fetchPage;
  return (url, options) => {
    const extra = headersFor(url);
    return fetchPage(url, extra ? { ...options, headers: { ...options?.headers, ...extra } } : options);
  };
}

function assembleRun(setup: RunSetup): CrawlRun {
  const { settings, startUrl, signal, now } = setup;
  const deps = { ...setup.deps, fetchPage: withHeaders(setup.deps.fetchPage, setup.deps.headersFor) };
  const fetchOptions = toFetchOptions(settings);
  const urlFilter = createUrlFilter({ include: settings.include, exclude: settings.exclude });
  const frontier = new CrawlFrontier({
    maxDepth: settings.maxDepth,
    maxQueued: Math.max(settings.maxPages * 10, 1_000),
    inScope: (url) => isInScope(url, startUrl, settings.scope, { wwwIsSameSite: settings.wwwIsSameSite }) && urlFilter(url),
  });
  frontier.restore(setup.resume, startUrl);
  // Resumed pages count against maxPages: a resumed crawl stops where an undisturbed one would.
  const budget = new PageBudget(settings.maxPages, frontier.doneCount);
  const scheduler = createHostScheduler({
    ...setup.schedulerTuning,
    now,
    maxConcurrency: settings.perHostConcurrency,
    minDelayMs: settings.politenessDelayMs,
  });
  const robotsCache = deps.robots ?? createSiteRobotsCache(settings, fetchOptions, deps.fetchPage);
  const hostsDown = new Set<string>();
  return {
    settings,
    deps,
    signal,
    fetchOptions,
    frontier,
    budget,
    robots: new CrawlRobots(robotsCache, scheduler, signal, setup.wake),
    scheduler,
    progress: new CrawlProgressReporter(
      { frontier, budget, hostsDown },
      { now, startedAt: setup.startedAt, intervalMs: settings.progressIntervalMs, onProgress: deps.onProgress },
    ),
    renderSampler: new RenderSampler(settings.renderSampleEvery),
    hostsDown,
    wake: setup.wake,
  };
}

/**
 * Crawl a site breadth-first and report each URL through `deps.onPage`.
 * Resolves with why it stopped and the resumable state; rejects only when onPage throws.
 */
export async function crawlSite(options: CrawlOptions, deps: CrawlDeps): Promise<CrawlOutcome> {
  const { signal: externalSignal, resume, hostScheduler: schedulerTuning, ...serialisable } = options;
  const settings: CrawlSettings = crawlOptionsSchema.parse(serialisable);
  const startUrl = normalizeUrl(settings.startUrl);
  if (!startUrl) throw new Error(`Invalid start URL: ${settings.startUrl}`);

  const now = deps.now ?? Date.now;
  const startedAt = now();
  // The crawl aborts itself when onPage throws, so nothing else is fetched for a caller that failed.
  const controller = new AbortController();
  const signal = externalSignal ? AbortSignal.any([externalSignal, controller.signal]) : controller.signal;
  // Every in-flight request listens on this signal; dozens are normal, not a leak.
  setMaxListeners(0, signal);
  const waker = new Waker();
  signal.addEventListener('abort', waker.wake, { once: true });

  const run = assembleRun({ settings, deps, startUrl, resume, schedulerTuning, signal, now, startedAt, wake: waker.wake });
  const { frontier, progress } = run;

  progress.setPhase('robots');
  const site = await readSiteRobots(run, startUrl);
  if (site.unreachable) run.hostsDown.add(hostOf(startUrl));

  let sitemaps: SiteSitemaps = { sitemaps: null };
  if (settings.useSitemaps && !signal.aborted && !site.unreachable) {
    progress.setPhase('sitemaps');
    sitemaps = await readSiteSitemaps(run, {
      startUrl,
      resumedSitemapUrls: resume?.sitemapUrls,
      disallowsAll: site.disallowsAll,
      readSitemaps: deps.loadSitemaps ?? createSitemapReader(settings, deps.headersFor),
    });
  }

  progress.beginCrawling();
  const pool = new TaskPool(controller, waker.wake);
  if (!site.unreachable) await runPump(run, pool, waker);
  await pool.settle(signal.aborted, ABORT_GRACE_MS);
  signal.removeEventListener('abort', waker.wake);
  pool.throwIfFailed();

  const state = frontier.snapshot();
  const stopReason = decideStopReason({
    cancelled: externalSignal?.aborted ?? false,
    unreachable: site.unreachable !== undefined,
    remaining: state.frontier.length,
    budgetFull: run.budget.full,
    hostsDown: run.hostsDown.size,
  });
  progress.setPhase('done');
  return {
    stopReason,
    progress: progress.snapshot(),
    state,
    robotsTxt: site.robotsTxt,
    ...(site.unreachable ? { unreachable: site.unreachable } : {}),
    sitemaps: sitemaps.sitemaps,
    sitemapError: sitemaps.sitemapError,
    ...(site.siteFiles ? { siteFiles: site.siteFiles } : {}),
    hosts: run.scheduler.snapshots(),
  };
}
