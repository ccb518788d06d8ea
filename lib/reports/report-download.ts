import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { AppError } from '@/lib/errors';
import type { Report } from '@/lib/generated/prisma/client';
import { downloadFileName, reportFilePath } from '@/lib/reports/report-files';
import { CONTENT_TYPE, fromDbFormat, fromDbKind } from '@/lib/reports/report-input';

type DownloadableReport = Report & { audit: { url: string; createdAt: Date; finishedAt: Date | null } };

/**
 * The file of a READY report as a streamed response. The caller has already checked that the user
 * may see the report. Length comes from the opened file itself, so it always matches the bytes sent.
 */
export async function createReportDownload(report: DownloadableReport): Promise<Response> {
  if (report.status !== 'READY' || !report.path) {
    const why = report.status === 'FAILED' ? `This report failed: ${report.error ?? 'unknown reason'}` : 'This report is not ready yet: follow its progress and download it when it is READY.';
    throw new AppError('CONFLICT', why, { status: report.status });
  }
  const handle = await open(reportFilePath(report.path), 'r').catch((err: { code?: string }) => {
    if (err.code === 'ENOENT') throw new AppError('NOT_FOUND', 'The report file is no longer available. Request a new report.');
    throw err;
  });
  const { size } = await handle.stat().catch(async (err) => {
    await handle.close();
    throw err;
  });
  const format = fromDbFormat(report.format);
  const fileName = downloadFileName(report.audit.url, report.audit.finishedAt ?? report.audit.createdAt, fromDbKind(report.kind), format);
  // The handle closes when the stream ends or the client goes away (the web stream's cancel destroys it).
  const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'Content-Type': CONTENT_TYPE[format],
      'Content-Length': String(size),
      'Content-Disposition': `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
