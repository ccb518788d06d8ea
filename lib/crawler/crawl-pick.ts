// Which URL to work on next. Origins are tried shallowest head first; each one either yields work
// (fetch, blocked report, unanswered report), asks to wait (politeness, robots.txt on its way, a
// breaker), or has nothing for now. Everything is decided from memory, so a slow host never holds
// up another.
import { byDepth, hostOf } from '@/lib/crawler/crawl-frontier';
import { getUnansweredFailure } from '@/lib/crawler/crawl-robots';
import type { CrawlRun } from '@/lib/crawler/crawl-run';
import type { FrontierEntry } from '@/lib/crawler/crawl-types';
import type { Frontier } from '@/lib/crawler/frontier';
import type { HostSlot } from '@/lib/crawler/host-scheduler';
import type { FetchFailure } from '@/lib/fetch/fetch-error';

export type Picked =
  | { kind: 'fetch'; entry: FrontierEntry; slot: HostSlot }
  | { kind: 'blocked'; entry: FrontierEntry }
  | { kind: 'unanswered'; entry: FrontierEntry; failure: FetchFailure }
  /** Something becomes runnable later: after `ms`, or (null) when a task ends or robots.txt arrives. */
  | { kind: 'wait'; ms: number | null }
  /** Nothing left that could ever run. */
  | { kind: 'idle' };

type OriginVerdict = Exclude<Picked, { kind: 'idle' }> | { kind: 'skip' };

export type PickRun = Pick<CrawlRun, 'settings' | 'frontier' | 'budget' | 'robots' | 'scheduler' | 'progress' | 'hostsDown'>;

function markHostDown(run: PickRun, host: string): void {
  run.hostsDown.add(host);
  run.progress.report(true);
}

function pickFromOrigin(run: PickRun, origin: string, queue: Frontier): OriginVerdict {
  const { settings, budget } = run;
  let head = queue.peek();
  if (head?.depth === null && run.frontier.linkedFetchInFlight) {
    // A page still being fetched may link this sitemap URL; wait so it gets its real depth.
    return { kind: 'wait', ms: null };
  }
  if (settings.respectRobots) {
    const rules = run.robots.cached(`${origin}/`);
    if (!rules) {
      run.robots.startLoad(origin);
      return { kind: 'wait', ms: null };
    }
    const failure = getUnansweredFailure(rules);
    if (failure && head) {
      // RFC 9309 forbids fetching its URLs, and "blocked by robots.txt" would tell the wrong
      // story: one URL carries the real cause and the host counts as down, like a tripped breaker.
      markHostDown(run, hostOf(origin));
      if (budget.full) return { kind: 'skip' };
      queue.shift();
      budget.reserve();
      return { kind: 'unanswered', entry: head, failure };
    }
    while (head && !rules.isAllowed(head.url)) {
      queue.shift();
      if (run.progress.blocked < settings.maxPages) return { kind: 'blocked', entry: head };
      head = queue.peek(); // blocked-report cap reached: drop silently
    }
    if (!head) return { kind: 'skip' };
  }
  if (!head || budget.full) return { kind: 'skip' };
  const reservation = run.scheduler.tryReserve(hostOf(origin));
  if (reservation.ok) {
    queue.shift();
    budget.reserve();
    return { kind: 'fetch', entry: head, slot: reservation.slot };
  }
  if (reservation.reason === 'down') {
    markHostDown(run, hostOf(origin));
    return { kind: 'skip' };
  }
  return { kind: 'wait', ms: reservation.waitMs };
}

/** The next piece of work, or how long to wait for one. */
export function pickNext(run: PickRun): Picked {
  const candidates = [...run.frontier.originQueues()]
    .filter(([origin, queue]) => queue.size > 0 && !run.hostsDown.has(hostOf(origin)))
    .map(([origin, queue]) => ({ origin, queue, head: queue.peek()! }))
    .sort((a, b) => byDepth(a.head, b.head));
  let minWait: number | null = null;
  let waiting = false;
  for (const { origin, queue } of candidates) {
    const verdict = pickFromOrigin(run, origin, queue);
    if (verdict.kind === 'skip') continue;
    if (verdict.kind === 'wait') {
      waiting = true;
      if (verdict.ms !== null) minWait = minWait === null ? verdict.ms : Math.min(minWait, verdict.ms);
      continue;
    }
    return verdict;
  }
  return waiting ? { kind: 'wait', ms: minWait } : { kind: 'idle' };
}
