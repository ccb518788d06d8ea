import type { PoolName } from '@/lib/queue/pools';

// What an autoscaler needs per pool: jobs ready to run that no worker has taken yet. BullMQ keeps
// them in two places — the wait list (no priority) and the prioritized sorted set (every job in our
// registry has a priority, so that is where most of them are). A scaler that reads only the wait
// list (KEDA's Redis list scaler, LLEN on `…:wait`) sees almost nothing, so /api/metrics exports
// the sum as one series per pool, which KEDA's metrics-api scaler can read by name and label.

export const POOL_BACKLOG_METRIC = 'ro_pool_backlog';
export const POOL_BACKLOG_HELP = 'Jobs ready to run that no worker has taken yet (waiting + prioritized), by pool; what deploy/ scales workers on.';

/** Delayed jobs (retries in backoff) and parents waiting for children are not work a new process could take. */
export const BACKLOG_STATES = ['waiting', 'prioritized'] as const;

/** The backlog of one pool from BullMQ job counts (a pool serves exactly one queue, of the same name). */
export function countPoolBacklog(counts: Partial<Record<string, number>>): number {
  return BACKLOG_STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0);
}

/** `ro_pool_backlog{pool="crawl"}`: the selector deploy/ puts in each KEDA ScaledObject's valueLocation. */
export const poolBacklogSelector = (pool: PoolName) => `${POOL_BACKLOG_METRIC}{pool="${pool}"}`;
