import type { Redis } from 'ioredis';
import { db } from '@/lib/db';
import { withTimeout } from '@/lib/queue/connection';
import { getProducerRedis } from '@/lib/queue/queues';
import { listLiveWorkers } from '@/lib/health/worker-heartbeat';

export type ComponentStatus = { status: 'up' | 'down'; latencyMs?: number; error?: string; detail?: unknown };
export type Health = {
  status: 'ok' | 'degraded' | 'down';
  components: { postgres: ComponentStatus; redis: ComponentStatus; worker: ComponentStatus };
  checkedAt: string;
};

const CHECK_TIMEOUT_MS = 2_000;

async function probe(what: string, fn: () => Promise<unknown>): Promise<ComponentStatus> {
  const started = performance.now();
  try {
    const detail = await withTimeout(fn(), CHECK_TIMEOUT_MS, what);
    return { status: 'up', latencyMs: Math.round(performance.now() - started), ...(detail === undefined ? {} : { detail }) };
  } catch (err) {
    return { status: 'down', error: err instanceof Error ? err.message : String(err) };
  }
}

/** Every probe is bounded, so a dead dependency is reported within a few seconds. */
export async function checkHealth(): Promise<Health> {
  let client: Redis | undefined;
  const [postgres, redisStatus] = await Promise.all([
    probe('postgres', async () => {
      await db.$queryRaw`SELECT 1`;
    }),
    probe('redis', async () => {
      client = await getProducerRedis();
      await client.ping();
    }),
  ]);
  const worker: ComponentStatus =
    !client || redisStatus.status === 'down'
      ? { status: 'down', error: 'unknown: Redis is unreachable' }
      : await probe('worker heartbeat', async () => {
          const workers = await listLiveWorkers(client!);
          if (workers.length === 0) throw new Error('no worker heartbeat in the last 15 s');
          return { count: workers.length, workers: workers.map((w) => w.id) };
        });
  const downs = [postgres, redisStatus, worker].filter((c) => c.status === 'down').length;
  // Without PostgreSQL nothing works; without Redis or a worker, instant analysis still does.
  const status = postgres.status === 'down' ? 'down' : downs > 0 ? 'degraded' : 'ok';
  return { status, components: { postgres, redis: redisStatus, worker }, checkedAt: new Date().toISOString() };
}

/** What anyone may see: up/down per component, no host names, pids or error text. */
export function toPublicHealth(health: Health) {
  const only = (c: ComponentStatus) => ({ status: c.status });
  const { postgres, redis, worker } = health.components;
  return { status: health.status, components: { postgres: only(postgres), redis: only(redis), worker: only(worker) }, checkedAt: health.checkedAt };
}
