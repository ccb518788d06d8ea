import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/test/wait-for';

// A real supervisor with real worker processes (test/scaling-worker.ts) on the reports pool.
const prefix = `ro-scale-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;
const resultsKey = `${prefix}:scaling-results`;

const { Supervisor } = await import('@/lib/scaling/supervisor');
const { getQueueLoad } = await import('@/lib/queue/queue-stats');
const { enqueue } = await import('@/lib/queue/enqueue');
const { closeQueues, getProducerRedis, getQueue } = await import('@/lib/queue/queues');
const { logger } = await import('@/lib/logger');

const JOBS = 40;
const supervisor = new Supervisor({
  pools: { reports: { min: 1, max: 3 } },
  policy: { waitingPerProcess: 2, oldestWaitingMs: 60_000, cooldownMs: 1_500 },
  intervalMs: 250,
  readLoad: (pool) => getQueueLoad(pool),
  spawnSpec: (pool) => ({
    command: process.execPath,
    args: ['--import', 'tsx', 'test/scaling-worker.ts', '--pool', pool],
    env: { ...process.env, QUEUE_PREFIX: prefix, SCALING_RESULTS_KEY: resultsKey, SCALING_JOB_MS: '250', LOG_LEVEL: 'warn' },
  }),
  log: logger,
});

afterAll(async () => {
  await supervisor.stop();
  await (await getQueue('reports')).obliterate({ force: true }).catch(() => {});
  await (await getProducerRedis()).del(resultsKey);
  await closeQueues();
});

describe('autoscaling supervisor', () => {
  it('scales a backlog up to max, drains it, scales back down to min gracefully, and loses no job', async () => {
    let peak = 0;
    const exitCodes: (number | null)[] = [];
    supervisor.on('event', (e) => {
      if (e.type === 'exited') exitCodes.push(e.code);
      if (e.type === 'crashed') exitCodes.push(e.code ?? -1);
    });
    supervisor.start();
    await waitFor(async () => supervisor.running('reports') === 1, 5_000, 'the minimum of one process');

    const ids = Array.from({ length: JOBS }, (_, i) => `scale-${i}`);
    for (const id of ids) await enqueue('report.generate', { reportId: id }, { jobId: id });

    await waitFor(async () => {
      peak = Math.max(peak, supervisor.running('reports'));
      return peak === 3;
    }, 15_000, 'the pool to reach its maximum of 3', 50);

    const redis = await getProducerRedis();
    await waitFor(async () => (await redis.llen(resultsKey)) >= JOBS, 45_000, 'the backlog to drain');
    await waitFor(async () => supervisor.alive('reports') === 1, 20_000, 'the pool to scale back down to 1');

    const done = await redis.lrange(resultsKey, 0, -1);
    expect(done.sort()).toEqual([...ids].sort()); // every job exactly once: none lost, none twice
    const counts = await (await getQueue('reports')).getJobCounts('completed', 'failed', 'waiting', 'prioritized', 'active');
    expect(counts).toMatchObject({ completed: JOBS, failed: 0, waiting: 0, prioritized: 0, active: 0 });
    // The two extra processes were stopped with SIGTERM and exited cleanly (no crash, no kill).
    expect(exitCodes).toEqual([0, 0]);
    expect(supervisor.running('reports')).toBe(1);
  }, 60_000);
});
