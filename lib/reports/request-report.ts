import type { CurrentUser } from '@/lib/auth/require-user';
import type { Redis } from 'ioredis';
import { AppError } from '@/lib/errors';
import { assertEnabled, modeOf } from '@/lib/flags/flags';
import type { AuditStatus } from '@/lib/generated/prisma/enums';
import { dispatch, type RunMode } from '@/lib/queue/dispatch';
import { enqueue, producerBreaker } from '@/lib/queue/enqueue';
import { priorityFor } from '@/lib/queue/jobs';
import { getProducerRedis } from '@/lib/queue/queues';
import { generateReport } from '@/lib/reports/generate-report';
import type { ReportRequest } from '@/lib/reports/report-input';
import { createReport, findActiveReport, markReportFailed } from '@/lib/reports/report-queries';
import { countAuditPages, getAuditForReport } from '@/lib/reports/report-source';
import { limitRate } from '@/lib/users/rate-limit';

/**
 * Why an audit cannot be reported on yet, or null when it can: it must have finished, and a
 * failed audit only counts when it got as far as crawling some pages.
 */
export function reportableProblem(status: AuditStatus, pages: number): string | null {
  switch (status) {
    case 'COMPLETED':
    case 'COMPLETED_WITH_ERRORS':
      return null;
    case 'FAILED':
      return pages > 0 ? null : 'This audit failed before any page was crawled, so there is nothing to report.';
    case 'CANCELLED':
      return 'This audit was cancelled. Reports are available for finished audits only.';
    case 'QUEUED':
    case 'RUNNING':
      return 'This audit is still running. Request a report when it has finished.';
  }
}

/** 404 for an audit the user may not see (null user: the CLI, which sees all), 409 when it has not finished. */
export async function assertReportableAudit(auditId: string, user: Pick<CurrentUser, 'id' | 'role'> | null) {
  const audit = await getAuditForReport(auditId, user);
  const problem = reportableProblem(audit.status, audit.status === 'FAILED' ? await countAuditPages(auditId) : 0);
  if (problem) throw new AppError('CONFLICT', problem, { auditStatus: audit.status });
  return audit;
}

/** Live events only when Redis answers; the report row in PostgreSQL carries progress either way. */
async function progressRedis(): Promise<Redis | null> {
  if (producerBreaker.state !== 'closed') return null;
  return getProducerRedis().catch(() => null);
}

/**
 * Creates the report row (QUEUED) and queues its job, or writes the file in this process (flag
 * says sync, or Redis is unreachable); returns at once either way, with the mode that ran. The same
 * report already queued or running for this audit is returned instead of a second one (mode
 * "async": it was not started by this request).
 */
export async function requestReport(auditId: string, input: ReportRequest, user: Pick<CurrentUser, 'id' | 'role'> | null) {
  await assertEnabled('report-generation');
  // Every request counts, found or not, so audit ids cannot be probed faster than the limit either;
  // the CLI (no user) is not limited.
  if (user) await limitRate('report', user.id);
  await assertReportableAudit(auditId, user);
  const existing = await findActiveReport(auditId, input.format, input.kind);
  if (existing) return { ...existing, mode: 'async' as RunMode };
  const report = await createReport({ auditId, ...input, userId: user?.id ?? null });
  const premium = user?.role === 'PREMIUM' || user?.role === 'ADMIN';
  let mode: RunMode;
  try {
    mode = await dispatch({
      mode: await modeOf('report-generation', user?.id),
      enqueue: () => enqueue('report.generate', { reportId: report.id }, { priority: priorityFor(premium ? 'premium' : 'free', true), jobId: `report-${report.id}` }),
      // One attempt in-process: a failure is final and the row says why (generateReport marks it).
      inProcess: { name: `report ${report.id}`, run: async () => generateReport(report.id, { redis: await progressRedis(), finalAttempt: true }) },
    });
  } catch (err) {
    // Otherwise the row would sit in QUEUED until the stale sweep gives up on it a day later.
    await markReportFailed(report.id, err instanceof AppError ? err.message : 'Could not queue the report.');
    throw err;
  }
  return { ...report, mode };
}
