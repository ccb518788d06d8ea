import { AppError } from '@/lib/errors';
import { logger } from '@/lib/logger';

// Work the web process runs itself when the queue is not used (Redis down, or a flag says sync):
// started in the background (the request does not wait), at most `concurrency` at a time, and at
// most `maxPending` waiting — beyond that the caller answers 503 with a retry hint rather than
// piling up work a single web process cannot finish.

export type InProcessTask = { name: string; run: () => Promise<unknown> };

export type InProcessRunnerOptions = { concurrency?: number; maxPending?: number; retryAfterSeconds?: number };

export function createInProcessRunner({ concurrency = 2, maxPending = 20, retryAfterSeconds = 30 }: InProcessRunnerOptions = {}) {
  let running = 0;
  const waiting: { task: InProcessTask; done: () => void }[] = [];
  const idleWaiters = new Set<() => void>();

  function next() {
    while (running < concurrency && waiting.length > 0) {
      const { task, done } = waiting.shift()!;
      running++;
      void (async () => {
        try {
          await task.run();
        } catch (err) {
          // The task records its own failure (audit/report row); this is the last line of defence.
          logger.error({ err, task: task.name }, 'in-process task failed');
        } finally {
          running--;
          done();
          next();
          if (running === 0 && waiting.length === 0) idleWaiters.forEach((resolve) => resolve());
        }
      })();
    }
  }

  return {
    /** Starts the task when a slot is free; returns at once. Throws 503 when too much is waiting. */
    start(task: InProcessTask): Promise<void> {
      if (running >= concurrency && waiting.length >= maxPending) {
        throw new AppError('UNAVAILABLE', 'The server is busy running work itself while the job queue is unavailable. Please try again in a little while.', { retryAfterSeconds });
      }
      const finished = new Promise<void>((resolve) => waiting.push({ task, done: resolve }));
      next();
      return finished;
    },
    get running() {
      return running;
    },
    get pending() {
      return waiting.length;
    },
    /** Resolves when nothing runs or waits (tests, graceful shutdown). */
    idle(): Promise<void> {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          idleWaiters.delete(done);
          resolve();
        };
        idleWaiters.add(done);
      });
    },
  };
}

export type InProcessRunner = ReturnType<typeof createInProcessRunner>;

/** The web process's one runner (a CLI or worker never uses it). */
export const inProcessRunner = createInProcessRunner();
