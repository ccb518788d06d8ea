import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { startRedisServer } from '@/test/redis-server';

type RedisServer = Awaited<ReturnType<typeof startRedisServer>>;

let redis: RedisServer | undefined;
afterAll(async () => {
  await redis?.stop();
});

async function loadLimiter(env: Record<string, string>) {
  vi.resetModules();
  Object.assign(process.env, env);
  return import('@/lib/users/rate-limit');
}

async function attempts(limitRate: (action: 'bulk', user: string) => Promise<void>, user: string, n: number) {
  const outcomes: (string | number)[] = [];
  for (let i = 0; i < n; i++) {
    // Each loadLimiter() has its own copy of AppError: compare by shape.
    outcomes.push(await limitRate('bulk', user).then(() => 'ok', (err: AppError) => err.status ?? String(err)));
  }
  return outcomes;
}

describe('limitRate', () => {
  it('allows the configured number a minute per user, then 429 with a retry time', async () => {
    redis = await startRedisServer();
    const { limitRate } = await loadLimiter({ REDIS_URL: redis.url, RATE_LIMIT_BULK_PER_MINUTE: '3' });
    const user = randomUUID();
    expect(await attempts(limitRate, user, 4)).toEqual(['ok', 'ok', 'ok', 429]);
    const err = await limitRate('bulk', user).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('RATE_LIMITED');
    expect((err as AppError).message).toMatch(/Too many bulk runs: at most 3 a minute/);
    expect((err as AppError).details).toEqual({ retryAfterSeconds: expect.any(Number) });
    // Other users have their own budget.
    expect(await attempts(limitRate, randomUUID(), 1)).toEqual(['ok']);
  });

  it('the count lives in Redis, shared by every web process', async () => {
    const user = randomUUID();
    const first = await loadLimiter({ REDIS_URL: redis!.url, RATE_LIMIT_BULK_PER_MINUTE: '3' });
    expect(await attempts(first.limitRate, user, 2)).toEqual(['ok', 'ok']);
    const second = await loadLimiter({ REDIS_URL: redis!.url, RATE_LIMIT_BULK_PER_MINUTE: '3' });
    expect(await attempts(second.limitRate, user, 2)).toEqual(['ok', 429]);
  });

  it('still limits, in memory and at once, while Redis is down', async () => {
    await redis!.stop();
    const { limitRate } = await loadLimiter({ REDIS_URL: redis!.url, RATE_LIMIT_BULK_PER_MINUTE: '2' });
    const started = performance.now();
    expect(await attempts(limitRate, randomUUID(), 3)).toEqual(['ok', 'ok', 429]);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
