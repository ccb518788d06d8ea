import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { POOL_NAMES, parsePoolArgs, type PoolName } from '@/lib/queue/pools';
import { getQueueLoad } from '@/lib/queue/queue-stats';
import { closeQueues } from '@/lib/queue/queues';
import type { PoolLimits } from '@/lib/scaling/decide-scale';
import { Supervisor } from '@/lib/scaling/supervisor';

// `npm run start:supervisor [-- --pool crawl]`: one process that runs and scales the worker pools on
// one machine (VMs, docker compose). On Kubernetes use deploy/ (KEDA) instead of this.

const LIMITS: Record<PoolName, PoolLimits> = {
  crawl: { min: env.CRAWL_MIN_PROCESSES, max: env.CRAWL_MAX_PROCESSES },
  analysis: { min: env.ANALYSIS_MIN_PROCESSES, max: env.ANALYSIS_MAX_PROCESSES },
  reports: { min: env.REPORTS_MIN_PROCESSES, max: env.REPORTS_MAX_PROCESSES },
  maintenance: { min: env.MAINTENANCE_MIN_PROCESSES, max: env.MAINTENANCE_MAX_PROCESSES },
};

async function main() {
  const pools = parsePoolArgs(process.argv.slice(2));
  for (const pool of pools) {
    const { min, max } = LIMITS[pool];
    if (min > max) throw new Error(`${pool.toUpperCase()}_MIN_PROCESSES (${min}) is above ${pool.toUpperCase()}_MAX_PROCESSES (${max})`);
  }
  const supervisor = new Supervisor({
    pools: Object.fromEntries(pools.map((p) => [p, LIMITS[p]])),
    policy: { waitingPerProcess: env.SCALE_UP_WAITING_PER_PROCESS, oldestWaitingMs: env.SCALE_UP_OLDEST_WAITING_S * 1000, cooldownMs: env.SCALE_DOWN_COOLDOWN_S * 1000 },
    intervalMs: env.SCALE_INTERVAL_MS,
    readLoad: (pool) => getQueueLoad(pool),
    spawnSpec: (pool) => ({ command: process.execPath, args: ['--import', 'tsx', 'worker/main.ts', '--pool', pool], env: { ...process.env, RO_SERVICE: 'worker' } }),
    log: logger,
  }).start();
  logger.info({ pools: Object.fromEntries(pools.map((p) => [p, LIMITS[p]])), all: POOL_NAMES.length === pools.length }, 'supervisor started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'supervisor stopping: workers finish their jobs');
    await supervisor.stop();
    await closeQueues();
    logger.info('supervisor stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  logger.fatal({ err }, 'supervisor failed to start');
  process.exit(1);
});
