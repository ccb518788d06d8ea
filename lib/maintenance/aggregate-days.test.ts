import { describe, expect, it } from 'vitest';
import { dayKey, daysToCompute, isFinalAt, mergeDurations, percentile, summarizeAudits, summarizeDurations, utcDay } from '@/lib/maintenance/aggregate-days';

const at = (iso: string) => new Date(iso);

describe('daily aggregate days', () => {
  it('utcDay is midnight UTC of the day', () => {
    expect(utcDay(at('2026-12-01T23:59:59.999Z')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(utcDay(at('2026-12-02T00:00:00.000Z')).toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });

  it('an empty table backfills the last 30 days, oldest first, today included', () => {
    const days = daysToCompute([], at('2026-12-01T10:00:00Z'));
    expect(days).toHaveLength(30);
    expect(dayKey(days[0]!)).toBe('2026-11-02');
    expect(dayKey(days.at(-1)!)).toBe('2026-12-01');
  });

  it('skips days stored as final and recomputes the ones that are not', () => {
    const stored = daysToCompute([], at('2026-12-01T10:00:00Z')).map((day) => ({ day, final: dayKey(day) < '2026-11-30' }));
    expect(daysToCompute(stored, at('2026-12-01T10:00:00Z')).map(dayKey)).toEqual(['2026-11-30', '2026-12-01']);
  });

  it('a day is final a quarter of an hour after it ended', () => {
    const day = at('2026-11-30T00:00:00Z');
    expect(isFinalAt(day, at('2026-12-01T00:10:00Z'))).toBe(false);
    expect(isFinalAt(day, at('2026-12-01T00:15:00Z'))).toBe(true);
  });
});

describe('summarizeAudits', () => {
  const day = at('2026-11-30T00:00:00Z');
  it('counts audits created that day and those finished that day by outcome, and averages completed scores', () => {
    const rows = [
      { status: 'COMPLETED', score: 80, createdAt: at('2026-11-30T01:00:00Z'), finishedAt: at('2026-11-30T02:00:00Z') },
      { status: 'COMPLETED_WITH_ERRORS', score: 61, createdAt: at('2026-11-29T23:00:00Z'), finishedAt: at('2026-11-30T00:30:00Z') },
      { status: 'COMPLETED', score: null, createdAt: at('2026-11-30T03:00:00Z'), finishedAt: at('2026-11-30T04:00:00Z') },
      { status: 'FAILED', score: null, createdAt: at('2026-11-30T05:00:00Z'), finishedAt: at('2026-11-30T05:01:00Z') },
      { status: 'RUNNING', score: null, createdAt: at('2026-11-30T23:59:00Z'), finishedAt: null },
      // Finished the next day: started today, counted as completed tomorrow.
      { status: 'COMPLETED', score: 10, createdAt: at('2026-11-30T22:00:00Z'), finishedAt: at('2026-12-01T00:00:00Z') },
      { status: 'CANCELLED', score: null, createdAt: at('2026-11-28T00:00:00Z'), finishedAt: at('2026-11-30T06:00:00Z') },
    ];
    expect(summarizeAudits(rows, day)).toEqual({ auditsStarted: 5, auditsCompleted: 3, auditsFailed: 1, avgScore: 70.5 });
  });

  it('no completed audit: no average score', () => {
    expect(summarizeAudits([], day)).toEqual({ auditsStarted: 0, auditsCompleted: 0, auditsFailed: 0, avgScore: null });
  });
});

describe('job durations', () => {
  it('percentile is nearest-rank', () => {
    const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeNull();
  });

  it('summarises per job name, counts failures and ignores impossible durations', () => {
    const jobs = [
      ...Array.from({ length: 20 }, (_, i) => ({ name: 'audit.crawl', durationMs: (i + 1) * 1000, failed: i === 19 })),
      { name: 'report.generate', durationMs: 300, failed: false },
      { name: 'report.generate', durationMs: -5, failed: false },
    ];
    expect(summarizeDurations(jobs)).toEqual([
      { jobName: 'audit.crawl', count: 20, failed: 1, p50Ms: 10_000, p95Ms: 19_000 },
      { jobName: 'report.generate', count: 1, failed: 0, p50Ms: 300, p95Ms: 300 },
    ]);
  });

  it('a recompute with fewer samples (jobs trimmed by BullMQ) keeps the stored summary', () => {
    const stored = [{ jobName: 'a', count: 100, failed: 2, p50Ms: 10, p95Ms: 90 }, { jobName: 'b', count: 3, failed: 0, p50Ms: 1, p95Ms: 2 }];
    const fresh = [{ jobName: 'a', count: 40, failed: 0, p50Ms: 12, p95Ms: 50 }, { jobName: 'b', count: 5, failed: 1, p50Ms: 3, p95Ms: 4 }, { jobName: 'c', count: 1, failed: 0, p50Ms: 7, p95Ms: 7 }];
    expect(mergeDurations(stored, fresh)).toEqual([stored[0], fresh[1], fresh[2]]);
  });
});
