import { db } from '@/lib/db';
import { readAuditState } from '@/lib/audits/audit-json';
import { emptySeverityCounts, type ProgressSnapshot, type SeverityCounts } from '@/lib/progress/events';

export async function countFindingsBySeverity(auditId: string): Promise<SeverityCounts> {
  const rows = await db.finding.groupBy({ by: ['severity'], where: { auditId }, _count: { _all: true } });
  const counts = emptySeverityCounts();
  for (const r of rows) counts[r.severity.toLowerCase() as keyof SeverityCounts] = r._count._all;
  return counts;
}

/** The progress state as PostgreSQL knows it: what a browser sees first when it connects. */
export async function getAuditSnapshot(auditId: string): Promise<ProgressSnapshot | null> {
  const audit = await db.audit.findUnique({ where: { id: auditId } });
  if (!audit) return null;
  const state = readAuditState(audit.state);
  const terminal = !['QUEUED', 'RUNNING'].includes(audit.status);
  return {
    auditId,
    status: audit.status,
    phase: terminal ? 'done' : audit.status === 'QUEUED' ? 'queued' : (state.phase ?? 'crawling'),
    discovered: audit.pagesTotal,
    crawled: audit.pagesDone,
    failed: audit.pagesFailed,
    limit: state.limit ?? audit.pagesTotal,
    currentUrl: null,
    etaSeconds: null,
    findings: await countFindingsBySeverity(auditId),
    score: audit.score,
    error: audit.error,
  };
}
