import { AppError } from '@/lib/errors';
import { inProcessRunner, type InProcessRunner, type InProcessTask } from '@/lib/queue/in-process-runner';
import { isQueueUnavailable, producerBreaker } from '@/lib/queue/enqueue';

export type RunMode = 'sync' | 'async';

export type DispatchOptions = {
  /** What the flag says for this user (lib/flags modeOf). */
  mode: RunMode;
  /** Adds the job(s) to the queue. */
  enqueue: () => Promise<unknown>;
  /** The same work in this process; null when it cannot run here. */
  inProcess: InProcessTask | null;
  runner?: InProcessRunner;
};

/**
 * Sends work to the queue, or runs it in this process when the flag says sync or the queue is
 * unreachable (the producer's circuit breaker is open, or the enqueue failed). Never waits for the
 * in-process work itself. Returns where it went.
 */
export async function dispatch({ mode, enqueue, inProcess, runner = inProcessRunner }: DispatchOptions): Promise<RunMode> {
  if (mode === 'async') {
    try {
      await enqueue();
      return 'async';
    } catch (err) {
      if (!isQueueUnavailable(err) || !inProcess) throw err;
    }
  }
  if (!inProcess) {
    throw new AppError('UNAVAILABLE', 'This work cannot run right now. Please try again in a moment.', { retryAfterSeconds: producerBreaker.retryAfterSeconds() });
  }
  void runner.start(inProcess);
  return 'sync';
}
