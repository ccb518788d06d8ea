import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

// BullMQ keeps finished jobs in two sorted sets per queue (completed, failed) scored by finishedOn,
// each job in a hash with its timestamps. Web and worker both read these, so job durations,
// failures and retries shown by the app come from the same data the worker wrote.

export type FinishedJobRecord = { id: string; name: string; failed: boolean; processedOn: number | null; finishedOn: number | null; attemptsMade: number };

/** At most this many jobs are read per set and call (the completed set is trimmed at 5,000 anyway). */
const MAX_JOBS = 20_000;
const CHUNK = 500;

/**
 * Jobs of `queue` that finished (completed or failed for good) in [from, to) — `fromExclusive` makes
 * the lower bound exclusive, for a cursor that moves on from the last window's end.
 */
export async function readFinishedJobs(redis: Redis, queue: Queue, from: number, to: number, fromExclusive = false): Promise<FinishedJobRecord[]> {
  const keys = queue.keys as Record<string, string>;
  const out: FinishedJobRecord[] = [];
  for (const [set, failed] of [[keys.completed!, false], [keys.failed!, true]] as const) {
    const ids = await redis.zrangebyscore(set, fromExclusive ? `(${from}` : from, `(${to}`, 'LIMIT', 0, MAX_JOBS);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const pipeline = redis.pipeline();
      for (const id of chunk) pipeline.hmget(queue.toKey(id), 'name', 'processedOn', 'finishedOn', 'atm');
      const results = (await pipeline.exec()) ?? [];
      results.forEach(([err, value], k) => {
        if (err || !Array.isArray(value) || value[0] == null) return; // removed between the two reads
        // 'atm' is BullMQ's hash field for attemptsMade.
        const [name, processedOn, finishedOn, attemptsMade] = value as (string | null)[];
        out.push({
          id: chunk[k]!,
          name: name!,
          failed,
          processedOn: processedOn ? Number(processedOn) : null,
          finishedOn: finishedOn ? Number(finishedOn) : null,
          attemptsMade: attemptsMade ? Number(attemptsMade) : 0,
        });
      });
    }
  }
  return out;
}

/** Time the last attempt ran, ms; null when BullMQ did not record both ends (e.g. failed before starting). */
export const durationOf = (j: FinishedJobRecord) => (j.processedOn !== null && j.finishedOn !== null ? Math.max(0, j.finishedOn - j.processedOn) : null);
