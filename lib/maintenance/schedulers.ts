import { jobOptionsFor, type JobName, type JobPayload } from '@/lib/queue/jobs';
import { getQueue } from '@/lib/queue/queues';

type Schedule = { every: number } | { pattern: string; tz: string };
type SchedulerEntry<N extends JobName = JobName> = { id: string; schedule: Schedule; job: N; data: JobPayload<N> };

/**
 * Every background task and when it runs. All of them are on the 'maintenance' queue, which the
 * worker runs with concurrency 1, so they never take a slot from user jobs.
 */
export const MAINTENANCE_SCHEDULERS: readonly SchedulerEntry[] = [
  { id: 'sweep-dead-letters', schedule: { every: 60_000 }, job: 'maintenance.sweep-dead-letters', data: {} },
  { id: 'sweep-stuck-work', schedule: { every: 5 * 60_000 }, job: 'maintenance.sweep-stuck-work', data: {} },
  // Retention: instant analyses (30 days), audits (AUDIT_RETENTION_DAYS), reports and their files.
  { id: 'daily-cleanup', schedule: { pattern: '0 3 * * *', tz: 'UTC' }, job: 'maintenance.cleanup', data: { olderThanDays: 30 } },
  // Hourly so each day is computed while BullMQ still keeps its finished jobs (24 h) for the durations.
  { id: 'daily-aggregates', schedule: { every: 60 * 60_000 }, job: 'maintenance.daily-aggregates', data: {} },
  { id: 'queue-health', schedule: { every: 60_000 }, job: 'maintenance.queue-health', data: {} },
];

/** Creates or updates every scheduler; idempotent across many worker processes (upsert by id). */
export async function ensureMaintenanceSchedulers(): Promise<string[]> {
  const maintenance = await getQueue('maintenance');
  for (const s of MAINTENANCE_SCHEDULERS) {
    await maintenance.upsertJobScheduler(s.id, s.schedule, { name: s.job, data: s.data, opts: jobOptionsFor(s.job) });
  }
  return MAINTENANCE_SCHEDULERS.map((s) => s.id);
}
