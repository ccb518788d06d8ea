import type { CurrentUser } from '@/lib/auth/require-user';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { Report } from '@/lib/generated/prisma/client';
import { fromDbFormat, fromDbKind, toDbFormat, toDbKind, type ReportFormatName, type ReportKindName } from '@/lib/reports/report-input';
import type { ReportProgressState } from '@/lib/reports/report-progress';

// The Report rows: one per requested file, from QUEUED to READY or FAILED.

/** A RUNNING report writes its row at least every second; this long without a write, its worker is gone. */
export const STALE_RUNNING_MS = 5 * 60_000;
/** A QUEUED report whose job never started (e.g. Redis lost it) gives up after this. */
export const STALE_QUEUED_MS = 24 * 3600_000;

const ACTIVE = ['QUEUED', 'RUNNING'] as const;

export function expiresFrom(date: Date): Date {
  return new Date(date.getTime() + env.REPORT_RETENTION_DAYS * 24 * 3600_000);
}

export function createReport(input: { auditId: string; format: ReportFormatName; kind: ReportKindName; userId: string | null }) {
  return db.report.create({
    data: { auditId: input.auditId, format: toDbFormat(input.format), kind: toDbKind(input.kind), userId: input.userId, expiresAt: expiresFrom(new Date()) },
  });
}

/** The same report already on its way, so a double click does not queue a second one. */
export function findActiveReport(auditId: string, format: ReportFormatName, kind: ReportKindName) {
  return db.report.findFirst({ where: { auditId, format: toDbFormat(format), kind: toDbKind(kind), status: { in: [...ACTIVE] } }, orderBy: { createdAt: 'desc' } });
}

export function getReport(id: string) {
  return db.report.findUnique({ where: { id } });
}

/** The report if this user may see its audit (owner or admin); 404 otherwise, so ids cannot be probed. */
export async function getReportForUser(id: string, user: Pick<CurrentUser, 'id' | 'role'>) {
  const report = await db.report.findUnique({ where: { id }, include: { audit: { select: { userId: true, url: true, createdAt: true, finishedAt: true } } } });
  if (!report || (report.audit.userId !== user.id && user.role !== 'ADMIN')) throw new AppError('NOT_FOUND', 'Report not found.');
  if (await failIfStale(report)) return { ...report, ...(await db.report.findUniqueOrThrow({ where: { id } })) };
  return report;
}

export function listReportsForAudit(auditId: string, take = 50) {
  return db.report.findMany({ where: { auditId }, orderBy: { createdAt: 'desc' }, take });
}

/** Starts (or restarts, after a stalled attempt) a run; false when the report is done or gone. */
export async function claimReport(id: string): Promise<boolean> {
  const { count } = await db.report.updateMany({
    where: { id, status: { in: [...ACTIVE] } },
    data: { status: 'RUNNING', startedAt: new Date(), rowsWritten: 0, error: null },
  });
  return count === 1;
}

export function setReportTotal(id: string, rowsTotal: number) {
  return db.report.update({ where: { id }, data: { rowsTotal } });
}

export function saveReportRows(id: string, rowsWritten: number) {
  return db.report.updateMany({ where: { id, status: 'RUNNING' }, data: { rowsWritten } });
}

export function markReportReady(id: string, file: { path: string; sizeBytes: number; sha256: string; rowsWritten: number }) {
  const readyAt = new Date();
  return db.report.update({
    where: { id },
    data: { status: 'READY', path: file.path, sizeBytes: file.sizeBytes, sha256: file.sha256, rowsWritten: file.rowsWritten, error: null, readyAt, expiresAt: expiresFrom(readyAt) },
  });
}

/** Never overwrites READY: a late failure of a finished report changes nothing. */
/** Closes an open report; the first reason written wins (a job's own plain words over the raw error its final-failure hook sees). */
export function markReportFailed(id: string, error: string) {
  return db.report.updateMany({ where: { id, status: { in: [...ACTIVE] } }, data: { status: 'FAILED', error, path: null } });
}

/** Opens a FAILED report again for a replayed job (a dead letter): the job only claims open reports. */
export function reopenFailedReport(id: string) {
  return db.report.updateMany({ where: { id, status: 'FAILED' }, data: { status: 'QUEUED', error: null } });
}

/** Between attempts: back in the queue, with the reason the last attempt gave. */
export function requeueReport(id: string, error: string) {
  return db.report.updateMany({ where: { id, status: 'RUNNING' }, data: { status: 'QUEUED', error } });
}

const STALE_RUNNING_ERROR = 'The worker writing this report stopped (it was killed or lost its connection). Request the report again.';
const STALE_QUEUED_ERROR = 'The report was never started (the job queue lost it). Request the report again.';

async function failIfStale(report: Report, now = Date.now()): Promise<boolean> {
  const stale =
    (report.status === 'RUNNING' && report.updatedAt.getTime() < now - STALE_RUNNING_MS) ||
    (report.status === 'QUEUED' && report.updatedAt.getTime() < now - STALE_QUEUED_MS);
  if (!stale) return false;
  await markReportFailed(report.id, report.status === 'RUNNING' ? STALE_RUNNING_ERROR : STALE_QUEUED_ERROR);
  return true;
}

/**
 * A job that runs out of stall retries fails in BullMQ without running our code again, so the
 * row would say RUNNING forever: reports whose row went quiet are marked FAILED here (by the
 * cleanup, by every report job, and when the report itself is read).
 */
export async function failStaleReports(now = Date.now()): Promise<number> {
  const [running, queued] = await db.$transaction([
    db.report.updateMany({ where: { status: 'RUNNING', updatedAt: { lt: new Date(now - STALE_RUNNING_MS) } }, data: { status: 'FAILED', error: STALE_RUNNING_ERROR, path: null } }),
    db.report.updateMany({ where: { status: 'QUEUED', updatedAt: { lt: new Date(now - STALE_QUEUED_MS) } }, data: { status: 'FAILED', error: STALE_QUEUED_ERROR } }),
  ]);
  return running.count + queued.count;
}

export function toReportState(report: Report): ReportProgressState {
  return {
    reportId: report.id,
    status: report.status,
    rowsWritten: report.rowsWritten,
    rowsTotal: report.rowsTotal,
    sizeBytes: report.sizeBytes,
    error: report.error,
  };
}

export async function readReportState(id: string): Promise<ReportProgressState | null> {
  const report = await getReport(id);
  return report ? toReportState(report) : null;
}

/** The JSON shape of a report in the API (status route, audit's report list, POST answer). */
export function toReportView(report: Report) {
  const percent = report.status === 'READY' ? 100 : report.rowsTotal > 0 ? Math.min(99, Math.floor((report.rowsWritten / report.rowsTotal) * 100)) : 0;
  return {
    id: report.id,
    auditId: report.auditId,
    status: report.status,
    format: fromDbFormat(report.format),
    kind: fromDbKind(report.kind),
    sizeBytes: report.sizeBytes,
    sha256: report.sha256,
    progress: { rowsWritten: report.rowsWritten, rowsTotal: report.rowsTotal, percent },
    error: report.error,
    createdAt: report.createdAt,
    readyAt: report.readyAt,
    expiresAt: report.expiresAt,
    downloadUrl: report.status === 'READY' ? `/api/reports/${report.id}/download` : null,
    eventsUrl: `/api/reports/${report.id}/events`,
  };
}

export type ReportView = ReturnType<typeof toReportView>;
