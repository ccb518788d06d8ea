import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The daily aggregates job against real PostgreSQL (and Redis for the job durations): backfill on an
// empty table, idempotent per day, final days left alone, durations from BullMQ's finished jobs.
process.env.QUEUE_PREFIX = `ro-agg-${randomUUID().slice(0, 8)}`;

const { Worker } = await import('bullmq');
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { createRedis } = await import('@/lib/queue/connection');
const { closeQueues, getQueue } = await import('@/lib/queue/queues');
const { computeDailyAggregates, listDailyAggregates, readJobsFromQueues } = await import('@/lib/maintenance/daily-aggregates');
const { waitFor } = await import('@/test/wait-for');

// A fixed past month, so audits other tests write today never land in these days.
const NOW = new Date('2020-06-30T12:00:00Z');
const at = (iso: string) => new Date(iso);
const jobsOf = (n: number, name = 'audit.crawl') => Array.from({ length: n }, (_, i) => ({ name, durationMs: (i + 1) * 100, failed: false }));

beforeAll(async () => {
  await db.dailyAggregate.deleteMany({});
  await db.audit.deleteMany({ where: { createdAt: { gte: at('2020-05-01T00:00:00Z'), lt: at('2020-08-01T00:00:00Z') } } });
  const mk = (status: 'COMPLETED' | 'FAILED' | 'RUNNING', createdAt: string, finishedAt: string | null, score: number | null) =>
    db.audit.create({ data: { kind: 'PROFESSIONAL', url: 'https://example.com/', status, createdAt: at(createdAt), finishedAt: finishedAt ? at(finishedAt) : null, score } });
  const a = await mk('COMPLETED', '2020-06-29T08:00:00Z', '2020-06-29T09:00:00Z', 90);
  await mk('COMPLETED', '2020-06-29T10:00:00Z', '2020-06-29T11:00:00Z', 70);
  await mk('FAILED', '2020-06-29T12:00:00Z', '2020-06-29T12:05:00Z', null);
  await mk('RUNNING', '2020-06-30T08:00:00Z', null, null);
  await mk('COMPLETED', '2020-06-10T08:00:00Z', '2020-06-10T08:30:00Z', 50);
  // A bulk run's child is counted through its parent only.
  await db.audit.create({ data: { kind: 'SINGLE', url: 'https://example.com/x', status: 'COMPLETED', parentId: a.id, createdAt: at('2020-06-29T08:10:00Z'), finishedAt: at('2020-06-29T08:11:00Z'), score: 10 } });
  await db.page.createMany({
    data: [1, 2, 3].map((i) => ({ auditId: a.id, url: `https://example.com/${i}`, status: 200, crawledAt: at(`2020-06-29T08:0${i}:00Z`) })),
  });
});

afterAll(async () => {
  await db.audit.deleteMany({ where: { createdAt: { gte: at('2020-05-01T00:00:00Z'), lt: at('2020-08-01T00:00:00Z') } } });
  await db.dailyAggregate.deleteMany({});
  for (const name of ['reports'] as const) await (await getQueue(name)).obliterate({ force: true });
  await closeQueues();
  await db.$disconnect();
});

describe('daily aggregates', () => {
  it('backfills the last 30 days on an empty table with per-day counts, score, pages and job durations', async () => {
    const result = await computeDailyAggregates({ now: NOW, readJobs: async (start) => (start.toISOString().startsWith('2020-06-29') ? jobsOf(20) : []) });
    expect(result.computed).toHaveLength(30);
    expect(result.computed[0]).toBe('2020-06-01');
    expect(result.final).toHaveLength(29);
    expect(await db.dailyAggregate.count()).toBe(30);

    const day29 = await db.dailyAggregate.findUniqueOrThrow({ where: { day: at('2020-06-29T00:00:00Z') }, include: { jobDurations: true } });
    expect(day29).toMatchObject({ auditsStarted: 3, auditsCompleted: 2, auditsFailed: 1, avgScore: 80, pagesCrawled: 3, final: true });
    expect(day29.jobDurations).toEqual([expect.objectContaining({ jobName: 'audit.crawl', count: 20, failed: 0, p50Ms: 1000, p95Ms: 1900 })]);
    expect(await db.dailyAggregate.findUniqueOrThrow({ where: { day: at('2020-06-30T00:00:00Z') } })).toMatchObject({ auditsStarted: 1, auditsCompleted: 0, avgScore: null, final: false });
    expect(await db.dailyAggregate.findUniqueOrThrow({ where: { day: at('2020-06-10T00:00:00Z') } })).toMatchObject({ auditsStarted: 1, auditsCompleted: 1, avgScore: 50 });
  });

  it('is idempotent: a second run recomputes only the day that is not final, and keeps the durations with more samples', async () => {
    // The running audit finishes; BullMQ has trimmed some of the day's jobs meanwhile.
    await db.audit.updateMany({ where: { status: 'RUNNING', createdAt: at('2020-06-30T08:00:00Z') }, data: { status: 'COMPLETED', finishedAt: at('2020-06-30T10:00:00Z'), score: 40 } });
    await computeDailyAggregates({ now: NOW, readJobs: async (start) => (start.toISOString().startsWith('2020-06-30') ? jobsOf(5) : jobsOf(1)) });
    const again = await computeDailyAggregates({ now: NOW, readJobs: async (start) => (start.toISOString().startsWith('2020-06-30') ? jobsOf(2) : []) });
    expect(again.computed).toEqual(['2020-06-30']);
    expect(await db.dailyAggregate.count()).toBe(30);
    const day30 = await db.dailyAggregate.findUniqueOrThrow({ where: { day: at('2020-06-30T00:00:00Z') }, include: { jobDurations: true } });
    expect(day30).toMatchObject({ auditsStarted: 1, auditsCompleted: 1, avgScore: 40 });
    expect(day30.jobDurations.map((d) => d.count)).toEqual([5]);
    // The final day was not touched: still the 20 jobs of the first run.
    expect((await db.dailyJobDuration.findUniqueOrThrow({ where: { day_jobName: { day: at('2020-06-29T00:00:00Z'), jobName: 'audit.crawl' } } })).count).toBe(20);
  });

  it('lists the days for the charts, oldest first, zeros for days not computed', async () => {
    const days = await listDailyAggregates(3, at('2020-07-01T06:00:00Z'));
    expect(days.map((d) => [d.day, d.auditsStarted, d.auditsCompleted])).toEqual([['2020-06-29', 3, 2], ['2020-06-30', 1, 1], ['2020-07-01', 0, 0]]);
  });

  it('reads job durations from the jobs BullMQ keeps (completed and failed for good)', async () => {
    const queue = await getQueue('reports');
    await queue.add('report.generate', { ok: true }, { attempts: 1 });
    await queue.add('report.generate', { ok: false }, { attempts: 1 });
    const connection = createRedis('worker');
    const worker = new Worker('reports', async (job) => {
      await new Promise((r) => setTimeout(r, 30));
      if (!(job.data as { ok: boolean }).ok) throw new Error('probe failure');
    }, { connection, prefix: env.QUEUE_PREFIX });
    await waitFor(async () => {
      const c = await queue.getJobCounts('completed', 'failed');
      return c.completed === 1 && c.failed === 1;
    }, 15_000, 'both probe jobs to finish');
    await worker.close();
    connection.disconnect();

    const now = Date.now();
    const jobs = await readJobsFromQueues(new Date(now - 3_600_000), new Date(now + 1_000));
    expect(jobs.filter((j) => j.name === 'report.generate').map((j) => j.failed).sort()).toEqual([false, true]);
    for (const j of jobs) expect(j.durationMs).toBeGreaterThanOrEqual(25);
  });
});
