import type { Redis } from 'ioredis';
import { db } from '@/lib/db';
import { checkEvictionPolicy, withTimeout, type EvictionPolicy } from '@/lib/queue/connection';
import { POOL_NAMES } from '@/lib/queue/pools';
import { getProducerRedis } from '@/lib/queue/queues';
import { countWorkersByPool, listLiveWorkers } from '@/lib/health/worker-heartbeat';

export type ComponentStatus = { status: 'up' | 'down'; latencyMs?: number; error?: string; detail?: unknown };
export type PoolStatus = { status: 'up' | 'down'; workers: number };
export type Health = {
  status: 'ok' | 'degraded' | 'down';
  components: { postgres: ComponentStatus; redis: ComponentStatus; worker: ComponentStatus };
  /** Live worker processes per pool (from their heartbeats); null while Redis is unreachable. */
  pools: Record<string, PoolStatus> | null;
  /** Things that work now but will hurt, e.g. a Redis that may evict BullMQ's keys. */
  warnings: string[];
  checkedAt: string;
};

/** The warning for a Redis whose maxmemory-policy is not noeviction (the worker refuses to start on it). */
export function evictionWarning(policy: EvictionPolicy): string | null {
  if (policy.ok === false) return `redis-maxmemory-policy: ${policy.policy} (must be noeviction, or jobs can vanish)`;
  if (policy.ok === null) return 'redis-maxmemory-policy: unknown (CONFIG is disabled)';
  return null;
}

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
  let policy: EvictionPolicy | undefined;
  const [postgres, redisStatus] = await Promise.all([
    probe('postgres', async () => {
      await db.$queryRaw`SELECT 1`;
    }),
    probe('redis', async () => {
      client = await getProducerRedis();
      await client.ping();
      policy = await checkEvictionPolicy(client);
      return { maxmemoryPolicy: policy.policy };
    }),
  ]);
  let pools: Health['pools'] = null;
  const worker: ComponentStatus =
    !client || redisStatus.status === 'down'
      ? { status: 'down', error: 'unknown: Redis is unreachable' }
      : await probe('worker heartbeat', async () => {
          const workers = await listLiveWorkers(client!);
          const byPool = countWorkersByPool(workers, POOL_NAMES);
          pools = Object.fromEntries(Object.entries(byPool).map(([pool, n]) => [pool, { status: n > 0 ? 'up' : 'down', workers: n }]));
          if (workers.length === 0) throw new Error('no worker heartbeat in the last 15 s');
          return { count: workers.length, workers: workers.map((w) => ({ id: w.id, pools: w.pools ?? w.queues ?? [...POOL_NAMES] })), byPool };
        });
  const downs = [postgres, redisStatus, worker].filter((c) => c.status === 'down').length;
  // Without PostgreSQL nothing works; without Redis or a worker, instant analysis still does.
  // A pool without workers (e.g. scaled to zero by KEDA) is reported per pool, not as an outage.
  const status = postgres.status === 'down' ? 'down' : downs > 0 ? 'degraded' : 'ok';
  const warning = policy ? evictionWarning(policy) : null;
  return { status, components: { postgres, redis: redisStatus, worker }, pools, warnings: warning ? [warning] : [], checkedAt: new Date().toISOString() };
}

/** What anyone may see: up/down per component, no host names, pids or error text. */
export function toPublicHealth(health: Health) {
  const only = (c: ComponentStatus) => ({ status: c.status });
  const { postgres, redis, worker } = health.components;
  const pools = health.pools && Object.fromEntries(Object.entries(health.pools).map(([pool, p]) => [pool, { status: p.status }]));
  // Warnings are short codes with a reason, no host names: safe for uptime checks to alert on.
  return { status: health.status, components: { postgres: only(postgres), redis: only(redis), worker: only(worker) }, pools, warnings: health.warnings, checkedAt: health.checkedAt };
}
