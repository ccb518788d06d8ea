import { db } from '@/lib/db';
import { logger } from '@/lib/logger';
import { QUEUE_NAMES } from '@/lib/queue/jobs';
import { getProducerRedis, getQueue } from '@/lib/queue/queues';
import {
  BACKFILL_DAYS,
  dayKey,
  daysToCompute,
  dayWindow,
  isFinalAt,
  mergeDurations,
  summarizeAudits,
  summarizeDurations,
  type FinishedJob,
  type JobDurationStats,
} from '@/lib/maintenance/aggregate-days';
import { durationOf, readFinishedJobs } from '@/lib/maintenance/finished-jobs';

/** Jobs that finished in [start, end) on every queue, as far as BullMQ still keeps them. */
export type ReadJobsOfDay = (start: Date, end: Date) => Promise<FinishedJob[]>;

export const readJobsFromQueues: ReadJobsOfDay = async (start, end) => {
  const redis = await getProducerRedis();
  const jobs: FinishedJob[] = [];
  for (const name of QUEUE_NAMES) {
    for (const j of await readFinishedJobs(redis, await getQueue(name), start.getTime(), end.getTime())) {
      const durationMs = durationOf(j);
      if (durationMs !== null) jobs.push({ name: j.name, durationMs, failed: j.failed });
    }
  }
  return jobs;
};

export type DailyAggregatesResult = { computed: string[]; final: string[] };

/**
 * Computes the daily aggregates of every day of the last 30 that is not stored as final yet (all of
 * them on an empty table). Idempotent: a day is upserted, and a final day is never touched again.
 * When Redis cannot be read the audit numbers are still written (job durations are left as stored).
 */
export async function computeDailyAggregates({ now = new Date(), readJobs = readJobsFromQueues }: { now?: Date; readJobs?: ReadJobsOfDay } = {}): Promise<DailyAggregatesResult> {
  const days = daysToCompute(await db.dailyAggregate.findMany({ where: { day: { gte: new Date(now.getTime() - BACKFILL_DAYS * 86_400_000) } }, select: { day: true, final: true } }), now);
  if (days.length === 0) return { computed: [], final: [] };
  const from = dayWindow(days[0]!).start;
  const to = dayWindow(days.at(-1)!).end;

  // Top-level audits only: a bulk run's per-URL children are counted through their parent.
  const audits = await db.audit.findMany({
    where: { parentId: null, OR: [{ createdAt: { gte: from, lt: to } }, { finishedAt: { gte: from, lt: to } }] },
    select: { status: true, score: true, createdAt: true, finishedAt: true },
  });
  // One scan for every day's pages (Page has no index on crawledAt).
  const pageRows = await db.$queryRaw<{ day: Date; n: bigint }[]>`
    SELECT date_trunc('day', "crawledAt" AT TIME ZONE 'UTC') AS day, count(*) AS n
    FROM "Page" WHERE "crawledAt" >= ${from} AND "crawledAt" < ${to} GROUP BY 1`;
  const pagesByDay = new Map(pageRows.map((r) => [dayKey(new Date(r.day)), Number(r.n)]));

  const result: DailyAggregatesResult = { computed: [], final: [] };
  for (const day of days) {
    const { start, end } = dayWindow(day);
    let durations: JobDurationStats[] | null = null;
    try {
      durations = summarizeDurations(await readJobs(start, end));
    } catch (err) {
      logger.warn({ err: err instanceof Error ? err.message : String(err), day: dayKey(day) }, 'daily aggregates: job durations unavailable');
    }
    const stats = summarizeAudits(audits, day);
    const final = isFinalAt(day, now);
    const data = { ...stats, pagesCrawled: pagesByDay.get(dayKey(day)) ?? 0, final, computedAt: now };
    await db.$transaction(async (tx) => {
      await tx.dailyAggregate.upsert({ where: { day }, create: { day, ...data }, update: data });
      if (durations === null) return;
      const stored = await tx.dailyJobDuration.findMany({ where: { day } });
      const merged = mergeDurations(stored, durations);
      await tx.dailyJobDuration.deleteMany({ where: { day } });
      if (merged.length) await tx.dailyJobDuration.createMany({ data: merged.map((m) => ({ day, ...m })) });
    });
    result.computed.push(dayKey(day));
    if (final) result.final.push(dayKey(day));
  }
  return result;
}

export type DailyAggregateView = {
  day: string;
  auditsStarted: number;
  auditsCompleted: number;
  auditsFailed: number;
  avgScore: number | null;
  pagesCrawled: number;
};

/** The last `days` days for the admin charts, oldest first; a day not computed yet shows as zeros. */
export async function listDailyAggregates(days = 14, now = new Date()): Promise<DailyAggregateView[]> {
  const wanted = daysToCompute([], now, days);
  const rows = await db.dailyAggregate.findMany({ where: { day: { gte: wanted[0]! } }, orderBy: { day: 'asc' } });
  const byDay = new Map(rows.map((r) => [dayKey(r.day), r]));
  return wanted.map((d) => {
    const r = byDay.get(dayKey(d));
    return { day: dayKey(d), auditsStarted: r?.auditsStarted ?? 0, auditsCompleted: r?.auditsCompleted ?? 0, auditsFailed: r?.auditsFailed ?? 0, avgScore: r?.avgScore ?? null, pagesCrawled: r?.pagesCrawled ?? 0 };
  });
}

/** Per job name over the last `days` days: finished jobs, failures and the worst day's p50/p95. */
export async function listJobDurations(days = 7, now = new Date()) {
  const since = daysToCompute([], now, days)[0]!;
  const rows = await db.dailyJobDuration.findMany({ where: { day: { gte: since } }, orderBy: [{ jobName: 'asc' }, { day: 'asc' }] });
  const byName = new Map<string, { jobName: string; count: number; failed: number; p50Ms: number; p95Ms: number; lastDay: string }>();
  for (const r of rows) {
    const e = byName.get(r.jobName);
    if (!e) byName.set(r.jobName, { jobName: r.jobName, count: r.count, failed: r.failed, p50Ms: r.p50Ms, p95Ms: r.p95Ms, lastDay: dayKey(r.day) });
    else Object.assign(e, { count: e.count + r.count, failed: e.failed + r.failed, p50Ms: Math.max(e.p50Ms, r.p50Ms), p95Ms: Math.max(e.p95Ms, r.p95Ms), lastDay: dayKey(r.day) });
  }
  return [...byName.values()];
}

/** The sum of pages crawled on final days before today, for a monotonic "pages crawled" counter. */
export async function sumPagesCrawledBefore(day: Date): Promise<number> {
  const agg = await db.dailyAggregate.aggregate({ where: { day: { lt: day } }, _sum: { pagesCrawled: true } });
  return agg._sum.pagesCrawled ?? 0;
}
