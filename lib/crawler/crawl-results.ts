// Handing results to the caller, and the results that need no fetch: URLs robots.txt blocks and
// URLs of a host that never answered its robots.txt.
import type { CrawlRun } from '@/lib/crawler/crawl-run';
import type { CrawlPageResult, FrontierEntry } from '@/lib/crawler/crawl-types';
import type { FetchFailure } from '@/lib/fetch/fetch-error';

type RecordRun = Pick<CrawlRun, 'deps' | 'frontier' | 'progress'>;

/** Report one result; the URL counts as done only once onPage returned, so a crash refetches it. */
export async function recordResult(run: RecordRun, result: CrawlPageResult): Promise<void> {
  run.progress.countResult(result);
  await run.deps.onPage?.(result);
  run.frontier.markDone(result.url);
  run.progress.resultRecorded();
}

export function buildBlockedResult(run: Pick<CrawlRun, 'frontier' | 'robots'>, entry: FrontierEntry): CrawlPageResult {
  const robotsStatus = run.robots.statusFor(entry.url);
  return {
    url: entry.url,
    depth: entry.depth,
    via: entry.via,
    inSitemap: run.frontier.inSitemap(entry.url),
    blockedByRobots: true,
    ...(robotsStatus !== undefined ? { robotsStatus } : {}),
    discovered: [],
  };
}

export function buildFailedResult(run: Pick<CrawlRun, 'frontier'>, entry: FrontierEntry, failure: FetchFailure): CrawlPageResult {
  return { url: entry.url, depth: entry.depth, via: entry.via, inSitemap: run.frontier.inSitemap(entry.url), fetchError: failure, discovered: [] };
}

/** Blocked URLs are reported without a page reservation: they have their own cap. */
export async function reportBlocked(run: RecordRun & Pick<CrawlRun, 'robots'>, entry: FrontierEntry): Promise<void> {
  run.frontier.startReport(entry);
  try {
    await recordResult(run, buildBlockedResult(run, entry));
  } finally {
    run.frontier.endReport(entry.url);
  }
}

/** One URL of a host that never answered carries that cause; it was picked with a page reserved. */
export async function reportUnanswered(run: RecordRun & Pick<CrawlRun, 'budget'>, entry: FrontierEntry, failure: FetchFailure): Promise<void> {
  run.frontier.startReport(entry);
  try {
    run.budget.record();
    await recordResult(run, buildFailedResult(run, entry, failure));
  } finally {
    run.frontier.endReport(entry.url);
  }
}
