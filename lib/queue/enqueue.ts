import { AppError } from '@/lib/errors';
import { createCircuitBreaker } from '@/lib/queue/circuit-breaker';
import { withTimeout } from '@/lib/queue/connection';
import { currentCorrelationId, withJobMeta } from '@/lib/queue/correlation';
import { jobOptionsFor, jobs, parseJobPayload, type JobName, type JobPayload } from '@/lib/queue/jobs';
import { getFlowProducer, getQueue } from '@/lib/queue/queues';

export type EnqueueOptions = {
  priority?: number;
  /** Stable id so re-submitting the same work does not create a second job. */
  jobId?: string;
  /** Defaults to the id of the request this runs in (lib/log-context), so workers log with it. */
  correlationId?: string;
};

const ENQUEUE_TIMEOUT_MS = 3_000;

/** One per process: after a failure, producers stop trying Redis for a few seconds (see circuit-breaker.ts). */
export const producerBreaker = createCircuitBreaker();

/** Marks errors that mean "Redis is unreachable", as opposed to a bad payload. */
export const QUEUE_UNAVAILABLE = 'queue-unavailable';

const UNAVAILABLE_MESSAGE = 'The job queue is unavailable right now (Redis is unreachable). Please try again in a moment.';

function unavailable(err: unknown): AppError {
  return new AppError('UNAVAILABLE', UNAVAILABLE_MESSAGE, {
    reason: QUEUE_UNAVAILABLE,
    cause: err instanceof Error ? err.message : String(err),
    retryAfterSeconds: producerBreaker.retryAfterSeconds(),
  });
}

/** True for the error enqueue throws when Redis is unreachable (or the breaker is open). */
export function isQueueUnavailable(err: unknown): boolean {
  return err instanceof AppError && (err.details as { reason?: string } | undefined)?.reason === QUEUE_UNAVAILABLE;
}

/** Runs one Redis call through the breaker: refused at once while it is open. */
async function throughBreaker<T>(call: () => Promise<T>): Promise<T> {
  if (!producerBreaker.tryAcquire()) throw unavailable(new Error('circuit open: Redis failed recently'));
  try {
    const result = await call();
    producerBreaker.recordSuccess();
    return result;
  } catch (err) {
    producerBreaker.recordFailure();
    throw unavailable(err);
  }
}

/** Validates the payload against the registry, then adds the job. Fails fast if Redis is down. */
export async function enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}) {
  const data = withJobMeta(parseJobPayload(name, payload), { correlationId: options.correlationId ?? currentCorrelationId() });
  return throughBreaker(async () => {
    const queue = await getQueue(jobs[name].queue);
    const job = await withTimeout(
      queue.add(name, data, { ...jobOptionsFor(name, options.priority), jobId: options.jobId }),
      ENQUEUE_TIMEOUT_MS,
      'enqueue',
    );
    return { id: job.id!, name, queue: queue.name };
  });
}

type FlowChild<N extends JobName> = { name: N; payload: JobPayload<N>; priority?: number };

/**
 * A parent job that runs once all its children have finished. A child that fails for good
 * does not block or fail the parent (ignoreDependencyOnFailure): one bad URL never sinks a batch.
 */
export async function enqueueFlow<P extends JobName, C extends JobName>(
  parent: { name: P; payload: JobPayload<P>; priority?: number; jobId?: string; correlationId?: string },
  children: FlowChild<C>[],
) {
  const meta = { correlationId: parent.correlationId ?? currentCorrelationId() };
  const parentData = withJobMeta(parseJobPayload(parent.name, parent.payload), meta);
  const childNodes = children.map((c) => ({
    name: c.name,
    queueName: jobs[c.name].queue,
    data: withJobMeta(parseJobPayload(c.name, c.payload), meta),
    opts: { ...jobOptionsFor(c.name, c.priority), ignoreDependencyOnFailure: true },
  }));
  return throughBreaker(async () => {
    const flow = await getFlowProducer();
    const node = await withTimeout(
      flow.add({
        name: parent.name,
        queueName: jobs[parent.name].queue,
        data: parentData,
        opts: { ...jobOptionsFor(parent.name, parent.priority), jobId: parent.jobId },
        children: childNodes,
      }),
      ENQUEUE_TIMEOUT_MS * 3,
      'enqueue flow',
    );
    return { id: node.job.id!, children: node.children?.length ?? 0 };
  });
}
