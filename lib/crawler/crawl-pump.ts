// The scheduling loop: start tasks for picked URLs up to `concurrency`, then sleep until a task
// ends, a host's wait elapses, robots.txt arrives or the crawl is cancelled; stop as soon as
// nothing is runnable and nothing could make it so.
import { crawlEntry } from '@/lib/crawler/crawl-fetch-task';
import { pickNext, type Picked } from '@/lib/crawler/crawl-pick';
import { reportBlocked, reportUnanswered } from '@/lib/crawler/crawl-results';
import type { CrawlRun } from '@/lib/crawler/crawl-run';

/** How long a cancelled crawl waits for in-flight tasks before returning anyway. */
export const ABORT_GRACE_MS = 3_000;

/**
 * One sleeper (the pump). A wake with nobody asleep is dropped on purpose: the pump always picks
 * again before it sleeps, and nothing can wake it between that pick and the sleep.
 */
export class Waker {
  private wakeUp: (() => void) | null = null;

  readonly wake = (): void => {
    const resolve = this.wakeUp;
    this.wakeUp = null;
    resolve?.();
  };

  /** Until woken, or `ms` elapsed (null: only a wake ends it). */
  sleep(ms: number | null): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = ms === null ? undefined : setTimeout(() => this.wake(), Math.max(0, ms));
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** Running tasks. The first error one throws aborts the crawl and is rethrown once all have settled. */
export class TaskPool {
  private readonly tasks = new Set<Promise<void>>();
  private fatalError: unknown = null;

  constructor(
    private readonly controller: AbortController,
    private readonly onSettled: () => void,
  ) {}

  get size(): number {
    return this.tasks.size;
  }

  start(run: () => Promise<void>): void {
    const task = run()
      .catch((error: unknown) => {
        // Only onPage (the caller's callback) can throw here; stop everything and surface it.
        if (this.fatalError === null) this.fatalError = error;
        this.controller.abort(error);
      })
      .finally(() => {
        this.tasks.delete(task);
        this.onSettled();
      });
    this.tasks.add(task);
  }

  /** Wait for running tasks; a cancelled crawl waits at most `graceMs`, its requests were aborted anyway. */
  async settle(aborted: boolean, graceMs: number): Promise<void> {
    if (this.tasks.size === 0) return;
    const all = Promise.allSettled([...this.tasks]);
    if (!aborted) {
      await all;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  throwIfFailed(): void {
    if (this.fatalError !== null) throw this.fatalError;
  }
}

function toTask(run: CrawlRun, picked: Picked): (() => Promise<void>) | null {
  switch (picked.kind) {
    case 'fetch':
      return () => crawlEntry(run, picked.entry, picked.slot);
    case 'blocked':
      return () => reportBlocked(run, picked.entry);
    case 'unanswered':
      return () => reportUnanswered(run, picked.entry, picked.failure);
    default:
      return null;
  }
}

/** Crawl until nothing is left to do or the crawl is aborted; tasks may still be running after. */
export async function runPump(run: CrawlRun, pool: TaskPool, waker: Waker): Promise<void> {
  const { signal, settings } = run;
  while (!signal.aborted) {
    let next: Picked = { kind: 'wait', ms: null };
    while (pool.size < settings.concurrency && !signal.aborted) {
      next = pickNext(run);
      const task = toTask(run, next);
      if (!task) break;
      pool.start(task);
    }
    if (pool.size === 0) {
      if (next.kind === 'idle') break;
      // Nothing running and nothing that a finished task could unblock: only a timer or robots.txt can.
      if (next.kind === 'wait' && next.ms === null && !run.robots.loading) break;
    }
    await waker.sleep(next.kind === 'wait' ? next.ms : null);
  }
}
