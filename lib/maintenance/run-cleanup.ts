import { db } from '@/lib/db';
import { removeExpiredReports } from '@/lib/reports/report-retention';

export type CleanupResult = { removedAudits: number; removedSessions: number; removedReports: number; runId: string };

/** Deletes instant analyses past their retention, expired sessions and expired reports (files too); records the run. */
export async function runCleanup({ olderThanDays }: { olderThanDays: number }): Promise<CleanupResult> {
  const cutoff = new Date(Date.now() - olderThanDays * 24 * 3600 * 1000);
  const [audits, sessions] = await db.$transaction([
    db.audit.deleteMany({ where: { kind: 'SINGLE', createdAt: { lt: cutoff } } }),
    db.session.deleteMany({ where: { expires: { lt: new Date() } } }),
  ]);
  // After the audits: their deleted reports left files behind, which this also sweeps.
  const reports = await removeExpiredReports();
  const run = await db.maintenanceRun.create({
    data: {
      task: 'cleanup',
      removed: audits.count + sessions.count + reports.removedReports,
      detail: { olderThanDays, removedAudits: audits.count, removedSessions: sessions.count, ...reports },
    },
  });
  return { removedAudits: audits.count, removedSessions: sessions.count, removedReports: reports.removedReports, runId: run.id };
}

export function listMaintenanceRuns(limit = 20) {
  return db.maintenanceRun.findMany({ orderBy: { finishedAt: 'desc' }, take: limit });
}
