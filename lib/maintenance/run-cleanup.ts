import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { removeExpiredReports } from '@/lib/reports/report-retention';

export type CleanupResult = { removedAudits: number; removedSessions: number; removedReports: number; removedLongAudits: number; runId: string };

const DAY_MS = 24 * 3600 * 1000;
/** Long audits are deleted in batches: each one cascades to its pages and findings. */
const AUDIT_BATCH = 100;

/**
 * Deletes finished professional/bulk/comparison audits created before the cutoff (their pages,
 * findings, child audits and report rows cascade; report files are swept after). Work still
 * QUEUED or RUNNING is never deleted.
 */
export async function removeOldAudits(retentionDays: number, now = new Date()): Promise<number> {
  if (retentionDays <= 0) return 0;
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  let removed = 0;
  for (;;) {
    const batch = await db.audit.findMany({
      where: { kind: { not: 'SINGLE' }, parentId: null, createdAt: { lt: cutoff }, status: { notIn: ['QUEUED', 'RUNNING'] } },
      select: { id: true },
      take: AUDIT_BATCH,
    });
    if (batch.length === 0) return removed;
    removed += (await db.audit.deleteMany({ where: { id: { in: batch.map((a) => a.id) } } })).count;
  }
}

/**
 * Retention: instant analyses past `olderThanDays`, other audits past AUDIT_RETENTION_DAYS (0 keeps
 * them), expired sessions, and expired reports with their files; records the run.
 */
export async function runCleanup({ olderThanDays, auditRetentionDays = env.AUDIT_RETENTION_DAYS }: { olderThanDays: number; auditRetentionDays?: number }): Promise<CleanupResult> {
  const cutoff = new Date(Date.now() - olderThanDays * DAY_MS);
  const [audits, sessions] = await db.$transaction([
    db.audit.deleteMany({ where: { kind: 'SINGLE', createdAt: { lt: cutoff } } }),
    db.session.deleteMany({ where: { expires: { lt: new Date() } } }),
  ]);
  const removedLongAudits = await removeOldAudits(auditRetentionDays);
  // After the audits: their deleted reports left files behind, which this also sweeps.
  const reports = await removeExpiredReports();
  const run = await db.maintenanceRun.create({
    data: {
      task: 'cleanup',
      removed: audits.count + removedLongAudits + sessions.count + reports.removedReports,
      detail: { olderThanDays, auditRetentionDays, removedAudits: audits.count, removedLongAudits, removedSessions: sessions.count, ...reports },
    },
  });
  return { removedAudits: audits.count, removedSessions: sessions.count, removedReports: reports.removedReports, removedLongAudits, runId: run.id };
}

export function listMaintenanceRuns(limit = 20) {
  return db.maintenanceRun.findMany({ orderBy: { finishedAt: 'desc' }, take: limit });
}
