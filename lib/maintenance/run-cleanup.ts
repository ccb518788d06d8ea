import { db } from '@/lib/db';

export type CleanupResult = { removedAudits: number; removedSessions: number; runId: string };

/** Deletes instant analyses past their retention and expired sessions; records the run. */
export async function runCleanup({ olderThanDays }: { olderThanDays: number }): Promise<CleanupResult> {
  const cutoff = new Date(Date.now() - olderThanDays * 24 * 3600 * 1000);
  const [audits, sessions] = await db.$transaction([
    db.audit.deleteMany({ where: { kind: 'SINGLE', createdAt: { lt: cutoff } } }),
    db.session.deleteMany({ where: { expires: { lt: new Date() } } }),
  ]);
  const run = await db.maintenanceRun.create({
    data: {
      task: 'cleanup',
      removed: audits.count + sessions.count,
      detail: { olderThanDays, removedAudits: audits.count, removedSessions: sessions.count },
    },
  });
  return { removedAudits: audits.count, removedSessions: sessions.count, runId: run.id };
}

export function listMaintenanceRuns(limit = 20) {
  return db.maintenanceRun.findMany({ orderBy: { finishedAt: 'desc' }, take: limit });
}
