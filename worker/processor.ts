import type { Job, Queue } from 'bullmq';
import type { JobName, ParsedJobPayload, QueueName } from '@/lib/queue/jobs';

export type ProcessorContext = {
  job: Job;
  /** Aborted when the job should stop (cancel or shutdown deadline). */
  signal: AbortSignal;
  /** Producer-side handle on any queue (for sweeps and child jobs). */
  queue: (name: QueueName) => Promise<Queue>;
};

/** Receives the payload already re-validated against the registry. */
export type Processor<N extends JobName> = (payload: ParsedJobPayload<N>, ctx: ProcessorContext) => Promise<unknown>;
