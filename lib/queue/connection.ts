import { Redis, type RedisOptions } from 'ioredis';
import { env } from '@/lib/env';

/**
 * Producers fail fast (no offline queue, one retry) so a request never hangs on a dead Redis;
 * workers and subscribers wait forever (`maxRetriesPerRequest: null`), as BullMQ requires.
 */
export type RedisRole = 'producer' | 'worker' | 'subscriber';

export function createRedis(role: RedisRole, url = env.REDIS_URL): Redis {
  const failFast = role === 'producer';
  const options: RedisOptions = {
    connectTimeout: 2_000,
    enableOfflineQueue: !failFast,
    maxRetriesPerRequest: failFast ? 1 : null,
    // Keep reconnecting in the background, but never faster than every 2 s.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  };
  const redis = new Redis(url, options);
  // ioredis emits 'error' on every failed reconnect; without a listener Node would crash.
  redis.on('error', () => {});
  return redis;
}

/** Race a Redis-backed promise against a deadline so callers get an answer, not a hang. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A fail-fast client rejects commands until it is connected, so producers wait (briefly) for
 * 'ready' before their first command instead of failing on a healthy but still-connecting Redis.
 */
export async function waitUntilReady(redis: Redis, ms = 2_000): Promise<Redis> {
  if (redis.status === 'ready') return redis;
  await withTimeout(
    new Promise<void>((resolve) => redis.once('ready', () => resolve())),
    ms,
    'Redis connection',
  );
  return redis;
}
