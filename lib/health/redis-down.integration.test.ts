import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer } from '@/test/redis-server';

// Runs its own redis-server on a spare port and kills it: the machine's Redis is never touched.
const redis = await startRedisServer();
process.env.REDIS_URL = redis.url;

const { checkHealth } = await import('@/lib/health/check-health');
const { enqueue } = await import('@/lib/queue/enqueue');
const { closeQueues } = await import('@/lib/queue/queues');
const { AppError } = await import('@/lib/errors');
const { db } = await import('@/lib/db');

beforeAll(async () => {
  const health = await checkHealth();
  expect(health.components.redis.status).toBe('up');
  await enqueue('maintenance.cleanup', { olderThanDays: 30 });
});

afterAll(async () => {
  await redis.stop();
  await closeQueues();
  await db.$disconnect();
});

describe('with Redis stopped', () => {
  it('health reports Redis down within 5 s, and the enqueue path fails fast with a clear error', async () => {
    await redis.stop();

    let started = performance.now();
    const health = await checkHealth();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(health.status).toBe('degraded');
    expect(health.components.redis.status).toBe('down');
    expect(health.components.postgres.status).toBe('up');

    started = performance.now();
    const err = await enqueue('maintenance.cleanup', { olderThanDays: 30 }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(err).toBeInstanceOf(AppError);
    expect((err as InstanceType<typeof AppError>).status).toBe(503);
    expect((err as Error).message).toMatch(/queue is unavailable/);
  });
});
