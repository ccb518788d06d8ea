import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { db } from '@/lib/db';
import { createRedis } from '@/lib/queue/connection';
import { startHeartbeat } from '@/lib/health/worker-heartbeat';
import { jobOptionsFor, QUEUE_NAMES } from '@/lib/queue/jobs';
import { closeQueues, getQueue } from '@/lib/queue/queues';
import { closeRenderPool } from '@/lib/fetch/shared-render-pool';
import { closeAnalysisPool } from '@/lib/audits/analysis-pool';
import { startWorkers } from '@/worker/start-workers';

// The only place BullMQ workers start. Scale out by running more of these processes.
async function main() {
  const { close } = startWorkers();
  const heartbeatRedis = createRedis('worker');
  const stopHeartbeat = startHeartbeat(heartbeatRedis, { queues: QUEUE_NAMES, concurrency: env.WORKER_CONCURRENCY });

  // Periodic maintenance; upsert is idempotent across many worker processes.
  const maintenance = await getQueue('maintenance');
  await maintenance.upsertJobScheduler('sweep-dead-letters', { every: 60_000 }, {
    name: 'maintenance.sweep-dead-letters',
    data: {},
    opts: jobOptionsFor('maintenance.sweep-dead-letters'),
  });
  await maintenance.upsertJobScheduler('sweep-stuck-work', { every: 5 * 60_000 }, {
    name: 'maintenance.sweep-stuck-work',
    data: {},
    opts: jobOptionsFor('maintenance.sweep-stuck-work'),
  });
  await maintenance.upsertJobScheduler('daily-cleanup', { pattern: '0 3 * * *', tz: 'UTC' }, {
    name: 'maintenance.cleanup',
    data: { olderThanDays: 30 },
    opts: jobOptionsFor('maintenance.cleanup'),
  });
  logger.info({ queues: QUEUE_NAMES, concurrency: env.WORKER_CONCURRENCY, pid: process.pid }, 'worker started');

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

main().catch((err) => {
  logger.fatal({ err }, 'worker failed to start');
  process.exit(1);
});
