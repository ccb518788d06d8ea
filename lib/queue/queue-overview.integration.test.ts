import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

// The admin queues overview against a real Redis: finished in the last hour, failure rate, the
// oldest waiting job and workers per queue from the heartbeats.
process.env.QUEUE_PREFIX = `ro-qo-${randomUUID().slice(0, 8)}`;

const { Worker } = await import('bullmq');
const { env } = await import('@/lib/env');
const { createRedis } = await import('@/lib/queue/connection');
const { closeQueues, getQueue } = await import('@/lib/queue/queues');
const { QUEUE_NAMES } = await import('@/lib/queue/jobs');
const { failureRate, getQueueOverview } = await import('@/lib/queue/queue-stats');

afterAll(async () => {
  for (const name of QUEUE_NAMES) await (await getQueue(name)).obliterate({ force: true });
  await closeQueues();
});

describe('queue overview', () => {
  it('failure rate is failed over finished, and unknown when nothing finished', () => {
    expect(failureRate(0, 0)).toBeNull();
    expect(failureRate(3, 1)).toBe(0.25);
    expect(failureRate(0, 2)).toBe(1);
  });

  it('counts completed and failed in the last hour, the oldest waiting job and workers per queue', async () => {
    const queue = await getQueue('reports');
    await queue.add('probe', { fail: false }, { attempts: 1 });
    await queue.add('probe', { fail: true }, { attempts: 1 });
    await queue.add('probe', { fail: false }, { attempts: 1 });
    const connection = createRedis('worker');
    const worker = new Worker(
      'reports',
      async (job) => {
        if ((job.data as { fail: boolean }).fail) throw new Error('probe failure');
      },
      { connection, prefix: env.QUEUE_PREFIX, autorun: true },
    );
    const done = async () => (await queue.getJobCounts('completed', 'failed')) as { completed: number; failed: number };
    for (let i = 0; i < 100 && ((await done()).completed < 2 || (await done()).failed < 1); i++) await new Promise((r) => setTimeout(r, 100));
    await worker.close();
    connection.disconnect();

    await queue.add('waiting-probe', {}, { attempts: 1 });
    const addedAt = Date.now();
    const now = addedAt + 5_000;
    const overview = await getQueueOverview(
      async () => [
        { id: 'a', at: new Date().toISOString(), queues: ['reports', 'analysis'] },
        { id: 'b', at: new Date().toISOString(), queues: ['analysis'] },
        { id: 'c', at: new Date().toISOString() },
      ],
      now,
    );
    const reports = overview.queues.find((q) => q.name === 'reports')!;
    if ('error' in reports) throw new Error(reports.error);
    expect(reports).toMatchObject({ completedLastHour: 2, failedLastHour: 1, workersOnline: 2, counts: { waiting: 1, completed: 2, failed: 1 } });
    expect(reports.failureRate).toBeCloseTo(1 / 3);
    expect(reports.oldestWaitingMs).toBeGreaterThanOrEqual(4_900);
    expect(reports.oldestWaitingMs).toBeLessThan(7_000);
    expect(overview.workers).toHaveLength(3);

    // An hour later the same jobs no longer count as recent.
    const later = await getQueueOverview(async () => [], addedAt + 2 * 3_600_000);
    const reportsLater = later.queues.find((q) => q.name === 'reports')!;
    if ('error' in reportsLater) throw new Error(reportsLater.error);
    expect(reportsLater).toMatchObject({ completedLastHour: 0, failedLastHour: 0, failureRate: null, workersOnline: 0 });

    const maintenance = overview.queues.find((q) => q.name === 'maintenance')!;
    expect(maintenance).toMatchObject({ oldestWaitingMs: null, failureRate: null, workersOnline: 1 });
  });
});
