import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { JobName, ParsedJobPayload, QueueName } from '@/lib/queue/jobs';

export type ProcessorContext = {
  job: Job;
  /** Aborted when the job should stop (cancel or shutdown deadline). */
  signal: AbortSignal;
  /** Producer-side handle on any queue (for sweeps and child jobs). */
  queue: (name: QueueName) => Promise<Queue>;
  /** Logs with the job's correlation id and job id (so does the shared logger while the job runs). */
  log: Logger;
};

/** Receives the payload already re-validated against the registry. */
export type Processor<N extends JobName> = (payload: ParsedJobPayload<N>, ctx: ProcessorContext) => Promise<unknown>;
