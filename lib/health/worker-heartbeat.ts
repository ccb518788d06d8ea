import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { queuePrefix } from '@/lib/queue/connection';

// Each worker process refreshes its entry in one hash; health reads the entries that are fresh.
// One hash (not a key per worker found by SCAN) because SCAN sees only one node of a Redis Cluster.
const INTERVAL_MS = 5_000;
const TTL_MS = 15_000;
const heartbeatKey = () => `${queuePrefix()}:workers`;

export type HeartbeatInfo = {
  /** The worker pools (= queues) this process serves. */
  pools: readonly string[];
  concurrency?: Record<string, number>;
  [key: string]: unknown;
};

export function startHeartbeat(redis: Redis, info: HeartbeatInfo, intervalMs = INTERVAL_MS): () => Promise<void> {
  const id = `${hostname()}:${process.pid}`;
  const key = heartbeatKey();
  const beat = () =>
    redis
      .multi()
      .hset(key, id, JSON.stringify({ ...info, queues: info.pools, pid: process.pid, at: new Date().toISOString() }))
      // The whole hash goes when every worker is gone; stale fields are dropped by readers.
      .pexpire(key, TTL_MS * 4)
      .exec()
      .catch(() => {});
  void beat();
  const timer = setInterval(beat, intervalMs);
  return async () => {
    clearInterval(timer);
    await redis.hdel(key, id).catch(() => {});
  };
}

export type WorkerInfo = { id: string; pid: number; at: string; pools?: string[]; queues?: string[]; concurrency?: Record<string, number> };

export async function listLiveWorkers(redis: Redis, now = Date.now()): Promise<WorkerInfo[]> {
  const key = heartbeatKey();
  const entries = await redis.hgetall(key);
  const live: WorkerInfo[] = [];
  const stale: string[] = [];
  for (const [id, raw] of Object.entries(entries)) {
    const info = JSON.parse(raw) as Omit<WorkerInfo, 'id'>;
    if (now - Date.parse(info.at) <= TTL_MS) live.push({ id, ...info });
    else stale.push(id);
  }
  if (stale.length > 0) await redis.hdel(key, ...stale).catch(() => {});
  return live.sort((a, b) => a.id.localeCompare(b.id));
}

/** Live processes per pool; a heartbeat without a pool list (older worker) serves every pool. */
export function countWorkersByPool(workers: readonly WorkerInfo[], pools: readonly string[]): Record<string, number> {
  return Object.fromEntries(pools.map((pool) => [pool, workers.filter((w) => !(w.pools ?? w.queues) || (w.pools ?? w.queues)!.includes(pool)).length]));
}
