import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { withTimeout } from '@/lib/queue/connection';
import { QUEUE_NAMES, type QueueName } from '@/lib/queue/jobs';
import { getProducerRedis, getQueue } from '@/lib/queue/queues';

export type QueueStats = { name: QueueName; counts: Record<string, number> | null; error?: string };

const STATS_TIMEOUT_MS = 2_000;

/** A live worker as its heartbeat reports it (lib/health reads them; passed in, as it is a higher floor). */
export type LiveWorker = { id: string; at: string; queues?: readonly string[] };
export type ListLiveWorkers = (redis: Redis) => Promise<LiveWorker[]>;

export async function getQueueStats(): Promise<QueueStats[]> {
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      try {
        const counts = await withTimeout(
          (await getQueue(name)).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'),
          STATS_TIMEOUT_MS,
          'queue stats',
        );
        return { name, counts };
      } catch (err) {
        return { name, counts: null, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}

/** How many prioritised jobs are looked at for the oldest waiting one (they are ordered by priority, not age). */
const PRIORITIZED_SAMPLE = 200;
const HOUR_MS = 3_600_000;

export type QueueOverview = {
  name: QueueName;
  /** Waiting (incl. prioritised), active, delayed, completed, failed: what BullMQ holds now. */
  counts: { waiting: number; active: number; delayed: number; completed: number; failed: number };
  completedLastHour: number;
  failedLastHour: number;
  /** failed / (completed + failed) in the last hour; null when nothing finished. */
  failureRate: number | null;
  /** Age of the oldest job still waiting, ms; null when none waits. */
  oldestWaitingMs: number | null;
  workersOnline: number;
};

export type QueueOverviewResult = {
  queues: (QueueOverview | { name: QueueName; error: string })[];
  workers: LiveWorker[];
  workersError?: string;
  checkedAt: string;
};

export function failureRate(completed: number, failed: number): number | null {
  const finished = completed + failed;
  return finished === 0 ? null : failed / finished;
}

// Completed and failed jobs sit in sorted sets scored by when they finished, so "in the last hour"
// is one ZCOUNT each. Completed jobs are trimmed after 24 h or 5,000 (jobs.ts), so a queue
// finishing more than that in an hour is under-counted.
async function countFinishedSince(redis: Redis, queue: Queue, since: number) {
  const keys = queue.keys as Record<string, string>;
  const [completed, failed] = await Promise.all([redis.zcount(keys.completed!, since, '+inf'), redis.zcount(keys.failed!, since, '+inf')]);
  return { completed, failed };
}

async function oldestWaitingAge(queue: Queue, now: number): Promise<number | null> {
  const [waiting, prioritized] = await Promise.all([queue.getJobs(['waiting'], 0, 0, true), queue.getJobs(['prioritized'], 0, PRIORITIZED_SAMPLE - 1, true)]);
  const stamps = [...waiting, ...prioritized].flatMap((job) => (job?.timestamp ? [job.timestamp] : []));
  return stamps.length === 0 ? null : Math.max(0, now - Math.min(...stamps));
}

async function overviewOf(name: QueueName, redis: Redis, workers: LiveWorker[], now: number): Promise<QueueOverview> {
  const queue = await getQueue(name);
  const [counts, finished, oldestWaitingMs] = await Promise.all([
    queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'),
    countFinishedSince(redis, queue, now - HOUR_MS),
    oldestWaitingAge(queue, now),
  ]);
  const n = (key: string) => counts[key] ?? 0;
  return {
    name,
    counts: { waiting: n('waiting') + n('prioritized'), active: n('active'), delayed: n('delayed'), completed: n('completed'), failed: n('failed') },
    completedLastHour: finished.completed,
    failedLastHour: finished.failed,
    failureRate: failureRate(finished.completed, finished.failed),
    oldestWaitingMs,
    // A heartbeat without a queue list predates it: such a worker serves every queue.
    workersOnline: workers.filter((w) => !w.queues || w.queues.includes(name)).length,
  };
}

/** The admin queues page: per queue what waits, what finished in the last hour, and who works on it. Bounded. */
export async function getQueueOverview(listWorkers: ListLiveWorkers, now = Date.now()): Promise<QueueOverviewResult> {
  const checkedAt = new Date(now).toISOString();
  let redis: Redis;
  try {
    redis = await getProducerRedis();
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { queues: QUEUE_NAMES.map((name) => ({ name, error })), workers: [], workersError: error, checkedAt };
  }
  let workers: LiveWorker[] = [];
  let workersError: string | undefined;
  try {
    workers = await withTimeout(listWorkers(redis), STATS_TIMEOUT_MS, 'worker heartbeats');
  } catch (err) {
    workersError = err instanceof Error ? err.message : String(err);
  }
  const queues = await Promise.all(
    QUEUE_NAMES.map(async (name) => {
      try {
        return await withTimeout(overviewOf(name, redis, workers, now), STATS_TIMEOUT_MS, `${name} queue stats`);
      } catch (err) {
        return { name, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
  return { queues, workers, ...(workersError ? { workersError } : {}), checkedAt };
}

export type QueueLoad = { waiting: number; oldestWaitingMs: number | null };

/** What the autoscaler looks at: jobs waiting (incl. prioritised) and how long the oldest has waited. */
export async function getQueueLoad(name: QueueName, now = Date.now()): Promise<QueueLoad> {
  const queue = await getQueue(name);
  const [counts, oldestWaitingMs] = await withTimeout(
    Promise.all([queue.getJobCounts('waiting', 'prioritized'), oldestWaitingAge(queue, now)]),
    STATS_TIMEOUT_MS,
    `${name} queue load`,
  );
  return { waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0), oldestWaitingMs };
}
