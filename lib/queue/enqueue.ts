import { AppError } from '@/lib/errors';
import { withTimeout } from '@/lib/queue/connection';
import { jobOptionsFor, jobs, parseJobPayload, type JobName, type JobPayload } from '@/lib/queue/jobs';
import { getQueue } from '@/lib/queue/queues';

export type EnqueueOptions = {
  priority?: number;
  /** Stable id so re-submitting the same work does not create a second job. */
  jobId?: string;
};

const ENQUEUE_TIMEOUT_MS = 3_000;

/** Validates the payload against the registry, then adds the job. Fails fast if Redis is down. */
export async function enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}) {
  const data = parseJobPayload(name, payload);
  try {
    const queue = await getQueue(jobs[name].queue);
    const job = await withTimeout(
      queue.add(name, data, { ...jobOptionsFor(name, options.priority), jobId: options.jobId }),
      ENQUEUE_TIMEOUT_MS,
      'enqueue',
    );
    return { id: job.id!, name, queue: queue.name };
  } catch (err) {
    throw new AppError('UNAVAILABLE', 'The job queue is unavailable right now (Redis is unreachable). Please try again in a moment.', {
      cause: err instanceof Error ? err.message : String(err),
    });
  }
}
