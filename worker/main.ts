import type { Redis } from 'ioredis';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { db } from '@/lib/db';
import { checkEvictionPolicy, createRedis, waitUntilReady } from '@/lib/queue/connection';
import { startHeartbeat } from '@/lib/health/worker-heartbeat';
import { parsePoolArgs, poolConcurrency } from '@/lib/queue/pools';
import { closeQueues } from '@/lib/queue/queues';
import { closeRenderPool } from '@/lib/fetch/shared-render-pool';
import { closeAnalysisPool } from '@/lib/audits/analysis-pool';
import { startWorkers } from '@/worker/start-workers';
import { ensureMaintenanceSchedulers } from '@/lib/maintenance/schedulers';
import { reconcileSchedules } from '@/lib/schedules/schedules';

// The only place BullMQ workers start. `--pool crawl` (repeatable, or a comma list) serves only
// those pools; no flag serves every pool. Scale out by running more of these processes.
async function main() {
  const pools = parsePoolArgs(process.argv.slice(2));
  const heartbeatRedis = createRedis('worker');
  await refuseEvictingRedis(heartbeatRedis);
  const { close } = startWorkers({ queues: pools });
  const concurrency = Object.fromEntries(pools.map((p) => [p, poolConcurrency(p)]));
  const stopHeartbeat = startHeartbeat(heartbeatRedis, { pools, concurrency });

  // Periodic maintenance (lib/maintenance/schedulers.ts); upsert is idempotent across many worker processes.
  await ensureMaintenanceSchedulers();
  await reconcileSchedules().catch((err) => logger.error({ err }, 'user schedules not reconciled with Redis')); // PostgreSQL is their source of truth
  logger.info({ pools, concurrency, pid: process.pid }, 'worker started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping: finishing running jobs');
    const force = setTimeout(() => {
      logger.error('shutdown deadline passed, forcing exit');
      process.exit(1);
    }, (env.WORKER_SHUTDOWN_TIMEOUT_S + 5) * 1000);
    force.unref();
    await close();
    await stopHeartbeat();
    heartbeatRedis.disconnect();
    await closeQueues();
    await closeRenderPool();
    await closeAnalysisPool();
    await db.$disconnect();
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * BullMQ keeps jobs, locks and flow dependencies as plain keys: a Redis that evicts under memory
 * pressure silently loses jobs. Refuse to run on one; when CONFIG is disabled we cannot tell, so warn.
 */
async function refuseEvictingRedis(redis: Redis) {
  await waitUntilReady(redis, 30_000);
  const policy = await checkEvictionPolicy(redis);
  if (policy.ok === false) {
    logger.fatal({ maxmemoryPolicy: policy.policy, node: policy.node }, `Redis maxmemory-policy is "${policy.policy}"; BullMQ needs "noeviction" (CONFIG SET maxmemory-policy noeviction). Refusing to start.`);
    process.exit(1);
  }
  if (policy.ok === null) logger.warn({ err: policy.error }, 'could not read Redis maxmemory-policy (CONFIG disabled?); make sure it is noeviction');
}

main().catch((err) => {
  logger.fatal({ err }, 'worker failed to start');
  process.exit(1);
});
