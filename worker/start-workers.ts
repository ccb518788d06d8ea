import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { ZodError } from 'zod';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { runWithLogContext } from '@/lib/log-context';
import { createRedis, queuePrefix } from '@/lib/queue/connection';
import { readJobMeta } from '@/lib/queue/correlation';
import { isExhausted, recordDeadLetter } from '@/lib/queue/dead-letters';
import { isJobName, jobs, parseJobPayload, QUEUE_NAMES, type JobName, type QueueName } from '@/lib/queue/jobs';
import { poolConcurrency } from '@/lib/queue/pools';
import { getQueue } from '@/lib/queue/queues';
import { finalFailureHooks, processors, type FinalFailureHook } from '@/worker/processors';
import type { Processor } from '@/worker/processor';

/**
 * Lock and stall settings: a worker killed with SIGKILL stops renewing its lock; after
 * LOCK_MS the job counts as stalled and the next stalled check (every STALLED_INTERVAL_MS)
 * hands it to another worker. So recovery takes ~15–20 s instead of BullMQ's ~60 s default.
 */
export const LOCK_MS = 15_000;
export const STALLED_INTERVAL_MS = 5_000;

type ProcessorMap = { [N in JobName]: Processor<N> };

export type StartOptions = {
  /** The pools (= queues) this process serves; every one by default. */
  queues?: readonly QueueName[];
  /** Overrides every pool's concurrency except maintenance's (tests); else lib/queue/pools.ts. */
  concurrency?: number;
  /** Tests swap in processors that fail or record; production always uses the registry's map. */
  processors?: ProcessorMap;
};

async function runJob(job: Job, signal: AbortSignal, map: ProcessorMap) {
  if (!isJobName(job.name)) throw new UnrecoverableError(`No processor for job "${job.name}"`);
  const name: JobName = job.name;
  let payload;
  try {
    payload = parseJobPayload(name, job.data);
  } catch (err) {
    // A malformed payload will be malformed on every retry.
    if (err instanceof ZodError) throw new UnrecoverableError(`Invalid payload for ${name}: ${err.message}`);
    throw err;
  }
  const processor = map[name] as Processor<JobName>;
  return processor(payload, { job, signal, queue: getQueue, log: logger.child({}) });
}

/** Every line logged while the job runs (ours, lib/'s, the processor's) carries its correlation id. */
function jobLogContext(job: Job) {
  return { correlationId: readJobMeta(job.data).correlationId, jobId: job.id, job: job.name };
}

/**
 * The job's registry hook closes its audit/report (FAILED with the reason). A payload that does not
 * parse has no record to close. Errors are logged: the stuck-work sweep is the fallback.
 */
export async function runFinalFailureHook(job: Job, err: Error): Promise<void> {
  if (!isJobName(job.name)) return;
  const hook = finalFailureHooks[job.name] as FinalFailureHook<JobName> | null;
  if (!hook) return;
  const parsed = jobs[job.name].schema.safeParse(job.data);
  if (!parsed.success) return;
  await hook(parsed.data as never, err);
}

export function startWorkers({ queues = QUEUE_NAMES, concurrency, processors: map = processors }: StartOptions = {}) {
  const controllers = new Set<AbortController>();
  const workers = queues.map((queueName) => {
    const worker = new Worker(
      queueName,
      async (job) => {
        const controller = new AbortController();
        controllers.add(controller);
        try {
          return await runWithLogContext(jobLogContext(job), () => runJob(job, controller.signal, map));
        } finally {
          controllers.delete(controller);
        }
      },
      {
        connection: createRedis('worker'),
        prefix: queuePrefix(),
        concurrency: queueName === 'maintenance' ? 1 : (concurrency ?? poolConcurrency(queueName)),
        lockDuration: LOCK_MS,
        stalledInterval: STALLED_INTERVAL_MS,
        maxStalledCount: 2,
      },
    );
    worker.on('failed', (job, err) => {
      if (!job) return;
      const exhausted = isExhausted(job, err);
      logger.warn({ ...jobLogContext(job), queue: queueName, attempt: job.attemptsMade, exhausted, err: err.message }, 'job failed');
      if (exhausted) {
        recordDeadLetter(queueName, job, err).catch((e) => logger.error({ err: e, jobId: job.id }, 'dead letter not recorded; the sweep will retry'));
        runFinalFailureHook(job, err).catch((e) => logger.error({ err: e, jobId: job.id }, 'final-failure hook failed; the stuck-work sweep will close the record'));
      }
    });
    worker.on('completed', (job) => logger.info({ ...jobLogContext(job), queue: queueName }, 'job completed'));
    worker.on('error', (err) => logger.error({ queue: queueName, err: err.message }, 'worker error'));
    // A job whose lock expired (its worker died or its event loop was stuck) runs again.
    worker.on('stalled', (jobId) => logger.warn({ queue: queueName, jobId }, 'job stalled: its lock expired, it will run again'));
    return worker;
  });

  /** Stop taking jobs, let running ones finish, then abort what is left at the deadline. */
  async function close(deadlineMs = env.WORKER_SHUTDOWN_TIMEOUT_S * 1000) {
    const timer = setTimeout(() => controllers.forEach((c) => c.abort(new Error('worker shutting down'))), deadlineMs);
    await Promise.all(workers.map((w) => w.close()));
    clearTimeout(timer);
  }

  return { workers, close };
}
