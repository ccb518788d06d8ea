import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/test/wait-for';
import type { SupervisorEvent } from '@/lib/scaling/supervisor';

// A real supervisor with real worker processes (test/scaling-worker.ts) on the reports pool.
const prefix = `ro-scale-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;
const resultsKey = `${prefix}:scaling-results`;
const startedKey = `${resultsKey}:started`;

const { Supervisor } = await import('@/lib/scaling/supervisor');
const { getQueueLoad } = await import('@/lib/queue/queue-stats');
const { enqueue } = await import('@/lib/queue/enqueue');
const { closeQueues, getProducerRedis, getQueue } = await import('@/lib/queue/queues');
const { logger } = await import('@/lib/logger');

// Long enough for one process to need ~35 s, so the added processes (a tsx start takes 10-25 s on a
// loaded machine) start while the backlog is still there and take part.
const JOBS = 48;
const JOB_MS = 750;
const MAX = 3;
const supervisor = new Supervisor({
  pools: { reports: { min: 1, max: MAX } },
  policy: { waitingPerProcess: 2, oldestWaitingMs: 60_000, cooldownMs: 1_500 },
  intervalMs: 250,
  readLoad: (pool) => getQueueLoad(pool),
  spawnSpec: (pool) => ({
    command: process.execPath,
    args: ['--import', 'tsx', 'test/scaling-worker.ts', '--pool', pool],
    env: { ...process.env, QUEUE_PREFIX: prefix, SCALING_RESULTS_KEY: resultsKey, SCALING_JOB_MS: String(JOB_MS), SCALING_SLOW_JOB_MS: '3000', LOG_LEVEL: 'warn' },
  }),
  log: logger,
});

afterAll(async () => {
  await supervisor.stop();
  await (await getQueue('reports')).obliterate({ force: true }).catch(() => {});
  await (await getProducerRedis()).del(resultsKey, startedKey);
  await closeQueues();
});

/** `jobId@pid` entries → job ids and the set of processes that ran them. */
function readResults(entries: string[]) {
  const ids = entries.map((e) => e.split('@')[0]!);
  const pids = new Set(entries.map((e) => e.split('@')[1]!));
  return { ids, pids };
}

describe('autoscaling supervisor', () => {
  it('scales a backlog up to max, drains it, scales back down to min gracefully, and loses no job', async () => {
    const events: SupervisorEvent[] = [];
    let peak = 0;
    supervisor.on('event', (e) => events.push(e));
    supervisor.start();
    const redis = await getProducerRedis();
    await waitFor(async () => supervisor.running('reports') === 1 && (await redis.llen(startedKey)) === 1, 60_000, 'the minimum of one process, started');

    const ids = Array.from({ length: JOBS }, (_, i) => `scale-${i}`);
    for (const id of ids) await enqueue('report.generate', { reportId: id }, { jobId: id });

    // Up to the maximum, and those processes really start (not merely spawned).
    await waitFor(async () => {
      peak = Math.max(peak, supervisor.running('reports'));
      return peak === MAX;
    }, 15_000, `the pool to reach its maximum of ${MAX}`, 50);
    await waitFor(async () => (await redis.llen(startedKey)) === MAX, 60_000, `${MAX} processes started`);

    await waitFor(async () => (await redis.llen(resultsKey)) >= JOBS, 90_000, 'the backlog to drain');
    await waitFor(async () => supervisor.alive('reports') === 1, 30_000, 'the pool to scale back down to 1');

    const { ids: done, pids } = readResults(await redis.lrange(resultsKey, 0, -1));
    expect(done.sort()).toEqual([...ids].sort()); // every job exactly once: none lost, none twice
    expect(pids.size).toBeGreaterThanOrEqual(2); // the added processes took part in the drain
    const queue = await getQueue('reports');
    const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'prioritized', 'active');
    expect(counts).toMatchObject({ completed: JOBS, failed: 0, waiting: 0, prioritized: 0, active: 0 });
    // No job was interrupted and re-run after a stall (a killed process would leave one).
    const jobs = await queue.getCompleted(0, JOBS);
    expect(jobs.filter((j) => j.attemptsStarted !== 1 || j.stalledCounter !== 0).map((j) => j.id)).toEqual([]);

    // One step at a time: 1→2→3 while the backlog lasts, then 3→2→1 after it; never above the max.
    const scaled = events.flatMap((e) => (e.type === 'scaled' ? [`${e.from}->${e.to}`] : []));
    expect(scaled).toEqual(['0->1', '1->2', '2->3', '3->2', '2->1']);
    // The two extra processes were stopped with SIGTERM and exited cleanly (no crash, no kill).
    expect(events.filter((e) => e.type === 'crashed')).toEqual([]);
    expect(events.filter((e) => e.type === 'exited').map((e) => (e.type === 'exited' ? e.code : null))).toEqual([0, 0]);
    expect(supervisor.running('reports')).toBe(1);
  }, 240_000);

  it('stopping the pool lets the job in flight finish: it completes once and the process exits 0', async () => {
    const redis = await getProducerRedis();
    await enqueue('report.generate', { reportId: 'slow-1' }, { jobId: 'slow-1' });
    const queue = await getQueue('reports');
    await waitFor(async () => (await queue.getJobCounts('active')).active === 1, 20_000, 'the slow job to start');

    const exits: (number | null)[] = [];
    supervisor.on('event', (e) => {
      if (e.type === 'exited' || e.type === 'crashed') exits.push(e.code);
    });
    await supervisor.stop(); // SIGTERM, as a scale-down does, then wait for the exit

    expect(exits).toEqual([0]);
    const { ids } = readResults(await redis.lrange(resultsKey, 0, -1));
    expect(ids.filter((id) => id === 'slow-1')).toEqual(['slow-1']);
    const job = await queue.getJob('slow-1');
    expect(await job!.getState()).toBe('completed');
    expect(job!.attemptsStarted).toBe(1);
  }, 60_000);
});
