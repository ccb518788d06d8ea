import { randomUUID } from 'node:crypto';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { csvRowCount, writeCsvReport } from '@/lib/reports/csv-report';
import { createFileSink, ensureReportsDir, removeFile, reportFileName, reportsDir, TEMP_SUFFIX, type FileSink } from '@/lib/reports/report-files';
import { fromDbFormat, fromDbKind } from '@/lib/reports/report-input';
import { createReportProgress } from '@/lib/reports/report-progress';
import {
  claimReport,
  failStaleReports,
  getReport,
  markReportFailed,
  markReportReady,
  requeueReport,
  saveReportRows,
  setReportTotal,
} from '@/lib/reports/report-queries';
import type { ReportData } from '@/lib/reports/report-data';
import { loadReportData } from '@/lib/reports/report-source';
import { writeXlsxReport } from '@/lib/reports/xlsx-report';

export type GenerateReportDeps = {
  /** Fail-fast connection for live progress; null where Redis is not wanted (CLI without a worker). */
  redis: Redis | null;
  signal?: AbortSignal;
  /**
   * Whether a failure is final. A queued job that will be retried goes back to QUEUED with the
   * reason instead, so a report is FAILED exactly when nothing will try it again.
   */
  finalAttempt: boolean;
  batchRows?: number;
};

export type GeneratedReport = { reportId: string; filePath: string; sizeBytes: number; sha256: string; rows: number };

/** Rows the workbook will have: Fix first and Issues hold one row per check each. */
export function xlsxRowCount(data: Pick<ReportData, 'counts' | 'issues'>): number {
  return data.issues.length * 2 + data.counts.findings + data.counts.pages + data.counts.redirects;
}

/**
 * Writes one report file and marks its row READY; null when there is nothing to do (already
 * finished, or deleted with its audit). The file is written under a temporary name and renamed
 * once complete; on failure the partial file is removed and the row says why.
 */
export async function generateReport(reportId: string, deps: GenerateReportDeps): Promise<GeneratedReport | null> {
  await failStaleReports().catch((err: Error) => logger.warn({ err: err.message }, 'stale report sweep failed'));
  const report = await getReport(reportId);
  if (!report || !(await claimReport(reportId))) return null;
  const format = fromDbFormat(report.format);
  const kind = fromDbKind(report.kind);

  const progress = createReportProgress(deps.redis, { reportId, rowsWritten: 0, rowsTotal: 0 }, (rows) => saveReportRows(reportId, rows));
  const fileName = reportFileName(reportId, format);
  const filePath = path.join(reportsDir(), fileName);
  const tempPath = filePath + TEMP_SUFFIX;
  let sink: FileSink | undefined;
  try {
    await ensureReportsDir();
    const data = await loadReportData(report.auditId, { batchRows: deps.batchRows });
    progress.state.rowsTotal = kind === 'workbook' ? xlsxRowCount(data) : csvRowCount(data, kind);
    await setReportTotal(reportId, progress.state.rowsTotal);
    await progress.started();

    await removeFile(tempPath); // left by an attempt that was killed
    sink = createFileSink(tempPath);
    // The writer stops at its next batch when the job is aborted or the file cannot be written.
    const diskFailed = new AbortController();
    sink.failure.catch((err: unknown) => diskFailed.abort(err));
    const signal = deps.signal ? AbortSignal.any([deps.signal, diskFailed.signal]) : diskFailed.signal;
    const options = { onRows: (rows: number) => progress.rows(rows), signal };
    const writing = kind === 'workbook' ? writeXlsxReport(data, sink.stream, options) : writeCsvReport(data, kind, sink.stream, options);
    writing.catch(() => {}); // when the disk fails first, the writer's own rejection comes later
    // A disk that fails mid-way must end the wait, not leave the writer waiting for 'finish'.
    await Promise.race([writing, sink.failure]);
    const { sizeBytes, sha256 } = await sink.done();
    await rename(tempPath, filePath);
    await markReportReady(reportId, { path: fileName, sizeBytes, sha256, rowsWritten: progress.state.rowsWritten });
    await progress.finished({ status: 'READY', sizeBytes, error: null });
    return { reportId, filePath, sizeBytes, sha256, rows: progress.state.rowsWritten };
  } catch (err) {
    // The file may still be opening: closed first, it cannot appear again after it is removed.
    await sink?.abort();
    await removeFile(tempPath).catch(() => {});
    const reason = deps.signal?.aborted ? STOPPED : describeReportError(err, reportId);
    if (deps.finalAttempt) {
      await markReportFailed(reportId, reason);
      await progress.finished({ status: 'FAILED', sizeBytes: null, error: reason });
    } else {
      await requeueReport(reportId, `${reason} Trying again.`);
      await progress.finished({ status: 'QUEUED', sizeBytes: null, error: reason });
    }
    throw err;
  }
}

const STOPPED = 'The worker stopped (it was shutting down) while writing the report.';

/** The reason a user sees: plain words for what they can act on, a reference for the rest. */
export function describeReportError(err: unknown, reportId: string): string {
  if (err instanceof AppError) return err.message;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC') return 'The report could not be written: the disk is full.';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') return 'The report could not be written: the reports directory is not writable.';
  const correlationId = randomUUID();
  logger.error({ err, reportId, correlationId }, 'report generation failed');
  return `The report could not be generated because of an internal error (reference ${correlationId}).`;
}
