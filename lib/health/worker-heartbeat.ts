import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { env } from '@/lib/env';

// Each worker process refreshes a key with a TTL; health reads which keys are alive.
const INTERVAL_MS = 5_000;
const TTL_S = 15;
const keyPrefix = () => `${env.QUEUE_PREFIX}:workers:`;

export function startHeartbeat(redis: Redis, info: Record<string, unknown>): () => Promise<void> {
  const key = `${keyPrefix()}${hostname()}:${process.pid}`;
  const beat = () =>
    redis.set(key, JSON.stringify({ ...info, pid: process.pid, at: new Date().toISOString() }), 'EX', TTL_S).catch(() => {});
  void beat();
  const timer = setInterval(beat, INTERVAL_MS);
  return async () => {
    clearInterval(timer);
    await redis.del(key).catch(() => {});
  };
}

export type WorkerInfo = { id: string; pid: number; at: string; queues?: string[] };

export async function listLiveWorkers(redis: Redis): Promise<WorkerInfo[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${keyPrefix()}*`, 'COUNT', 100);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  return keys.flatMap((key, i) => {
    const raw = values[i];
    return raw ? [{ id: key.slice(keyPrefix().length), ...(JSON.parse(raw) as Omit<WorkerInfo, 'id'>) }] : [];
  });
}
