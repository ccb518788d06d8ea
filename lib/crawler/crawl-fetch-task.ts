// The task for one picked URL: fetch it hop by hop, hand 429/503 back for a retry, analyse the
// response, report the redirect's target from the same response, and report it all — or, when the
// crawl is aborted midway, put everything back in the queue and report nothing.
import { analyzePage } from '@/lib/crawler/crawl-page-analysis';
import { describeError, hostOutcomeForError } from '@/lib/crawler/crawl-response';
import { buildBlockedResult, buildFailedResult, recordResult } from '@/lib/crawler/crawl-results';
import type { CrawlRun } from '@/lib/crawler/crawl-run';
import type { CrawlPageResult, FrontierEntry } from '@/lib/crawler/crawl-types';
import { followRedirects, type FollowRedirectsResult, type HopDecision } from '@/lib/crawler/follow-redirects';
import { isShallower } from '@/lib/crawler/frontier';
import { parseRetryAfter, type HostOutcome, type HostSlot } from '@/lib/crawler/host-scheduler';
import { normalizeUrl } from '@/lib/crawler/normalize-url';
import type { FetchResult } from '@/lib/fetch/types';

/** 429 and 503 mean "not now": the scheduler pauses the host, and the URL is tried again after. */
export function shouldRetry(status: number, attempt: number, maxRetries: number): boolean {
  return (status === 429 || status === 503) && attempt < maxRetries;
}

/** Where a redirect chain leads: where it was cut, the first hop of a broken chain, or the final URL. */
export function resolveRedirectDestination(fetch: FetchResult, stoppedAt: FollowRedirectsResult['stoppedAt']): string | null {
  if (stoppedAt) return normalizeUrl(stoppedAt.url);
  // A broken chain (loop, too many hops) has no final page: the first hop is what the source points at.
  if (fetch.redirectError) return normalizeUrl(fetch.redirects[0]!.location, fetch.redirects[0]!.url);
  return normalizeUrl(fetch.finalUrl);
}

/** The slot goes back as soon as the response is in, so analysis never holds up the host; the final release is then a no-op. */
function releaseOnce(slot: HostSlot, wake: () => void): (outcome: HostOutcome) => void {
  let released = false;
  return (outcome) => {
    if (released) return;
    released = true;
    slot.release(outcome);
    wake();
  };
}

async function decideHop(run: Pick<CrawlRun, 'settings' | 'frontier' | 'robots'>, url: string): Promise<HopDecision> {
  const normalized = normalizeUrl(url);
  if (!normalized || !run.frontier.inScope(normalized)) return 'out-of-scope';
  if (!run.settings.respectRobots) return 'follow';
  const rules = await run.robots.load(normalized);
  return rules.isAllowed(normalized) ? 'follow' : 'robots';
}

/** What a task took on besides its own URL: redirect targets it reports itself, and their page reservations. */
type TaskExtras = { results: CrawlPageResult[]; claimed: FrontierEntry[]; reserved: number };

/**
 * The redirect's target is a URL of its own: report it now from the response already fetched (or
 * as blocked) instead of queueing it and fetching the same page twice.
 */
async function takeRedirectTarget(run: CrawlRun, entry: FrontierEntry, followed: FollowRedirectsResult, page: CrawlPageResult, extras: TaskExtras): Promise<void> {
  const { result: fetch, final, stoppedAt } = followed;
  const destination = resolveRedirectDestination(fetch, stoppedAt);
  if (destination) page.redirectTo = destination;
  if (stoppedAt) page.redirectStoppedBy = stoppedAt.reason;

  const target: FrontierEntry | null = destination && destination !== entry.url ? { url: destination, depth: entry.depth, via: entry.url } : null;
  if (!target || !run.frontier.isNew(target.url) || !run.frontier.inScope(target.url)) return;
  const claim = (claimed: FrontierEntry) => {
    run.frontier.claim(claimed);
    extras.claimed.push(claimed);
  };
  if (stoppedAt?.reason === 'robots') {
    if (run.progress.blocked < run.settings.maxPages) {
      claim(target);
      extras.results.push(buildBlockedResult(run, target));
    }
  } else if (final && !fetch.redirectError) {
    if (run.budget.tryReserve()) {
      extras.reserved++;
      // Already queued from a shallower page: that depth is its shortest path.
      const queued = run.frontier.queuedEntry(target.url);
      const own = { ...target, depth: queued && isShallower(queued.depth, target.depth) ? queued.depth : target.depth };
      claim(own);
      extras.results.push(await analyzePage(run, own.url, own, final, false));
    } else {
      const added = run.frontier.discover(target.url, target.depth, entry.url);
      if (added) page.discovered.push(added);
    }
  }
}

/**
 * Follow the URL's redirects hop by hop. On a fetch error the URL is reported with it; on an abort
 * it goes back to the queue. Either way there is nothing more to do then (null).
 */
async function fetchHopByHop(run: CrawlRun, entry: FrontierEntry, release: (outcome: HostOutcome) => void): Promise<FollowRedirectsResult | null> {
  try {
    return await followRedirects(entry.url, {
      fetchPage: run.deps.fetchPage,
      fetchOptions: { ...run.fetchOptions, signal: run.signal },
      maxRedirects: run.settings.maxRedirects,
      decide: (url) => decideHop(run, url),
    });
  } catch (error) {
    if (run.signal.aborted) {
      release({ kind: 'neutral' });
      run.budget.release();
      run.frontier.requeue(entry);
      return null;
    }
    const failure = describeError(error);
    release(hostOutcomeForError(failure.code));
    run.budget.record();
    await recordResult(run, buildFailedResult(run, entry, failure));
    return null;
  }
}

/**
 * The page result for the fetched URL and for its redirect's target. When the crawl is aborted
 * meanwhile (e.g. while rendering), everything goes back to the queue and nothing is reported (null).
 */
async function analyzeFetched(run: CrawlRun, entry: FrontierEntry, followed: FollowRedirectsResult): Promise<{ page: CrawlPageResult; extras: TaskExtras } | null> {
  const isRedirect = followed.result.redirects.length > 0;
  const extras: TaskExtras = { results: [], claimed: [], reserved: 0 };
  try {
    const page = await analyzePage(run, entry.url, entry, followed.result, isRedirect);
    if (isRedirect) await takeRedirectTarget(run, entry, followed, page, extras);
    return { page, extras };
  } catch (error) {
    if (!run.signal.aborted) throw error;
    run.budget.release(1 + extras.reserved);
    run.frontier.requeue(entry);
    for (const claimed of extras.claimed) run.frontier.unclaim(claimed);
    return null;
  }
}

/** Fetch one URL (hop by hop), then report it and whatever its redirect landed on. */
export async function crawlEntry(run: CrawlRun, entry: FrontierEntry, slot: HostSlot): Promise<void> {
  const { frontier, budget } = run;
  frontier.startFetch(entry);
  run.progress.currentUrl = entry.url;
  const release = releaseOnce(slot, run.wake);
  try {
    const followed = await fetchHopByHop(run, entry, release);
    if (!followed) return;
    const fetch = followed.result;
    release({
      kind: 'response',
      status: fetch.status,
      latencyMs: fetch.timings.ttfbMs,
      retryAfterMs: parseRetryAfter(fetch.headers['retry-after'], Date.now()),
    });

    const attempt = entry.attempt ?? 0;
    if (shouldRetry(fetch.status, attempt, run.settings.maxRetries) && !run.signal.aborted) {
      budget.release();
      frontier.requeue({ ...entry, attempt: attempt + 1 });
      return;
    }

    const analyzed = await analyzeFetched(run, entry, followed);
    if (!analyzed) return;
    budget.record();
    await recordResult(run, analyzed.page);
    for (const result of analyzed.extras.results) {
      if (!result.blockedByRobots) budget.record();
      await recordResult(run, result);
      frontier.endReport(result.url);
    }
  } finally {
    release({ kind: 'neutral' });
    frontier.endFetch(entry);
  }
}
