import { finishAudit } from '@/lib/audits/audit-lifecycle';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { failStaleReports, markReportFailed } from '@/lib/reports/report-queries';

// No audit or report may stay QUEUED/RUNNING for ever. Two paths close them:
// - a job that fails for good calls its registry hook (worker/processors.ts → failAuditForGood /
//   failReportForGood) from the worker's 'failed' listener;
// - the stuck-work sweep (a maintenance job) finds rows with no progress for STUCK_WORK_MINUTES
//   whose job is not waiting or running any more, and re-queues them once, then fails them.

const reasonOf = (err: Error | string) => (typeof err === 'string' ? err : err.message || err.name);

export async function failAuditForGood(auditId: string, err: Error | string): Promise<void> {
  await finishAudit(auditId, { status: 'FAILED', error: `The audit failed and will not be retried: ${reasonOf(err)}` });
}

export async function failReportForGood(reportId: string, err: Error | string): Promise<void> {
  await markReportFailed(reportId, `The report failed and will not be retried: ${reasonOf(err)}`);
}

/** Where BullMQ has the job: waiting/active/… or gone (null: never queued, lost, or removed). */
export type JobState = 'waiting' | 'prioritized' | 'delayed' | 'active' | 'waiting-children' | 'completed' | 'failed' | 'unknown' | null;

export type StuckWorkDeps = {
  /** The state of the work's current job in the queue. */
  jobState: (work: StuckWork) => Promise<JobState>;
  /** Adds a fresh job for the work (a new job id, since the old one may still be in the failed set). */
  requeue: (work: StuckWork) => Promise<void>;
  now?: number;
  stuckMinutes?: number;
};

export type StuckWork = { kind: 'audit' | 'bulk' | 'report'; id: string; requeued: boolean };

export type SweepResult = { requeued: string[]; failed: string[]; stillQueued: number };

const PENDING: ReadonlySet<JobState> = new Set(['waiting', 'prioritized', 'delayed', 'active', 'waiting-children']);
const REQUEUED_MARK = 'Re-queued by the stuck-work sweep';
const stuckError = (minutes: number) => `No progress for ${minutes} minutes and its job is gone (a worker or web process stopped while running it).`;

/**
 * One pass over stuck work. A row whose job is still pending is left alone (the queue owns it: a
 * dead worker's job is handed to another by BullMQ's stall check, and a final failure calls the
 * hook). Otherwise it is re-queued once (its run resumes from PostgreSQL) and failed the next time.
 */
export async function sweepStuckWork(deps: StuckWorkDeps): Promise<SweepResult> {
  const minutes = deps.stuckMinutes ?? env.STUCK_WORK_MINUTES;
  const cutoff = new Date((deps.now ?? Date.now()) - minutes * 60_000);
  const result: SweepResult = { requeued: [], failed: [], stillQueued: 0 };
  await failStaleReports(deps.now).catch((err: Error) => logger.warn({ err: err.message }, 'stale report sweep failed'));

  const audits = await db.audit.findMany({
    where: { kind: { in: ['PROFESSIONAL', 'BULK'] }, status: { in: ['QUEUED', 'RUNNING'] }, updatedAt: { lt: cutoff } },
    select: { id: true, kind: true, error: true },
    take: 200,
  });
  const reports = await db.report.findMany({
    where: { status: { in: ['QUEUED', 'RUNNING'] }, updatedAt: { lt: cutoff } },
    select: { id: true, error: true },
    take: 200,
  });
  const work: StuckWork[] = [
    ...audits.map((a) => ({ kind: a.kind === 'BULK' ? ('bulk' as const) : ('audit' as const), id: a.id, requeued: a.error?.startsWith(REQUEUED_MARK) ?? false })),
    ...reports.map((r) => ({ kind: 'report' as const, id: r.id, requeued: r.error?.startsWith(REQUEUED_MARK) ?? false })),
  ];

  for (const item of work) {
    if (PENDING.has(await deps.jobState(item))) {
      result.stillQueued++;
      continue;
    }
    if (!item.requeued) {
      await deps.requeue(item);
      // The mark (and the fresh updatedAt) gives the new job another full period before a second look.
      const error = `${REQUEUED_MARK} after ${minutes} minutes without progress.`;
      if (item.kind === 'report') await db.report.updateMany({ where: { id: item.id, status: { in: ['QUEUED', 'RUNNING'] } }, data: { status: 'QUEUED', error } });
      else await db.audit.updateMany({ where: { id: item.id, status: { in: ['QUEUED', 'RUNNING'] } }, data: { error } });
      result.requeued.push(item.id);
    } else {
      if (item.kind === 'report') await failReportForGood(item.id, stuckError(minutes));
      else await failAuditForGood(item.id, stuckError(minutes));
      result.failed.push(item.id);
    }
  }
  if (result.requeued.length || result.failed.length) logger.warn(result, 'stuck work swept');
  return result;
}
