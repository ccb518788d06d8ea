// Pure helpers of the daily aggregates (lib/maintenance/daily-aggregates.ts): which UTC days to
// compute, audit counts of a day, and job-duration percentiles. No I/O, so they are unit-tested.

const DAY_MS = 86_400_000;
/** A day is final (never recomputed) once it ended this long ago: late writes have landed by then. */
export const FINAL_AFTER_MS = 15 * 60_000;
export const BACKFILL_DAYS = 30;

/** Midnight UTC of the day `at` falls in. */
export function utcDay(at: Date | number): Date {
  const t = typeof at === 'number' ? at : at.getTime();
  return new Date(t - (((t % DAY_MS) + DAY_MS) % DAY_MS));
}

export const dayKey = (day: Date) => day.toISOString().slice(0, 10);

export function dayWindow(day: Date): { start: Date; end: Date } {
  const start = utcDay(day);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

export const isFinalAt = (day: Date, now: Date) => now.getTime() >= dayWindow(day).end.getTime() + FINAL_AFTER_MS;

/**
 * The last `backfillDays` days (today included), oldest first, minus those already stored as final.
 * An empty table therefore backfills the whole window; afterwards only today (and yesterday until
 * it is final) are recomputed.
 */
export function daysToCompute(stored: { day: Date; final: boolean }[], now: Date, backfillDays = BACKFILL_DAYS): Date[] {
  const finalDays = new Set(stored.filter((s) => s.final).map((s) => dayKey(s.day)));
  const today = utcDay(now).getTime();
  const days: Date[] = [];
  for (let i = backfillDays - 1; i >= 0; i--) {
    const day = new Date(today - i * DAY_MS);
    if (!finalDays.has(dayKey(day))) days.push(day);
  }
  return days;
}

export type AuditRow = { status: string; score: number | null; createdAt: Date; finishedAt: Date | null };
export type AuditDayStats = { auditsStarted: number; auditsCompleted: number; auditsFailed: number; avgScore: number | null };

const COMPLETED = new Set(['COMPLETED', 'COMPLETED_WITH_ERRORS']);
const within = (at: Date | null, w: { start: Date; end: Date }) => at !== null && at >= w.start && at < w.end;

/** Started = created that day; completed/failed = finished that day; average score of those completed. */
export function summarizeAudits(rows: readonly AuditRow[], day: Date): AuditDayStats {
  const w = dayWindow(day);
  let started = 0;
  let completed = 0;
  let failed = 0;
  let scoreSum = 0;
  let scored = 0;
  for (const r of rows) {
    if (within(r.createdAt, w)) started++;
    if (!within(r.finishedAt, w)) continue;
    if (COMPLETED.has(r.status)) {
      completed++;
      if (r.score !== null) {
        scoreSum += r.score;
        scored++;
      }
    } else if (r.status === 'FAILED') failed++;
  }
  return { auditsStarted: started, auditsCompleted: completed, auditsFailed: failed, avgScore: scored ? Math.round((scoreSum / scored) * 10) / 10 : null };
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export type FinishedJob = { name: string; durationMs: number; failed: boolean };
export type JobDurationStats = { jobName: string; count: number; failed: number; p50Ms: number; p95Ms: number };

/** Per job name: how many finished (completed or failed for good), how many failed, p50/p95 duration. */
export function summarizeDurations(jobs: readonly FinishedJob[]): JobDurationStats[] {
  const byName = new Map<string, FinishedJob[]>();
  for (const j of jobs) {
    if (!Number.isFinite(j.durationMs) || j.durationMs < 0) continue;
    byName.set(j.name, [...(byName.get(j.name) ?? []), j]);
  }
  return [...byName.entries()]
    .map(([jobName, list]) => {
      const ms = list.map((j) => j.durationMs);
      return { jobName, count: list.length, failed: list.filter((j) => j.failed).length, p50Ms: percentile(ms, 50)!, p95Ms: percentile(ms, 95)! };
    })
    .sort((a, b) => a.jobName.localeCompare(b.jobName));
}

/**
 * BullMQ trims finished jobs (completed after 24 h or 5,000), so recomputing a day later may see
 * fewer of them: per job name the summary with more samples wins, so a recompute never loses data.
 */
export function mergeDurations(stored: readonly JobDurationStats[], fresh: readonly JobDurationStats[]): JobDurationStats[] {
  const merged = new Map(stored.map((s) => [s.jobName, s]));
  for (const f of fresh) {
    const s = merged.get(f.jobName);
    if (!s || f.count >= s.count) merged.set(f.jobName, f);
  }
  return [...merged.values()].sort((a, b) => a.jobName.localeCompare(b.jobName));
}
