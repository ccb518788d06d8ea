import { isJobName, QUEUE_NAMES, type QueueName } from '@/lib/queue/jobs';
import { durationOf, type FinishedJobRecord } from '@/lib/maintenance/finished-jobs';

// Jobs run in the worker and /api/metrics answers in the web process, so the job counters are fed
// from what both share: BullMQ's finished-job sets. Each scrape reads the jobs that finished since
// the previous one (a cursor per queue, in this process) and feeds them to the prom-client metrics.

/** Jobs finishing in the last few seconds wait for the next scrape: another host's clock may be a little behind. */
export const HARVEST_LAG_MS = 5_000;

export type HarvestSink = {
  observe: (labels: { queue: QueueName; job: string; outcome: 'completed' | 'failed' }, durationSeconds: number | null, retries: number) => void;
};

/** A job name outside the registry (a test probe, an old job) is reported as "other", so labels stay bounded. */
export const jobLabel = (name: string) => (isJobName(name) ? name : 'other');

export function feedHarvest(queue: QueueName, jobs: readonly FinishedJobRecord[], sink: HarvestSink) {
  for (const j of jobs) {
    const ms = durationOf(j);
    sink.observe({ queue, job: jobLabel(j.name), outcome: j.failed ? 'failed' : 'completed' }, ms === null ? null : ms / 1000, Math.max(0, j.attemptsMade - 1));
  }
}

export type HarvestCursor = Map<QueueName, number>;

export function newCursor(startedAt: number): HarvestCursor {
  return new Map(QUEUE_NAMES.map((q) => [q, startedAt]));
}
