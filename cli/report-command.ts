import { copyFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

// `report <auditId> --format xlsx|csv [--kind …] [--out FILE]`: through the queue when a worker that
// serves the reports queue is up, otherwise in this process; prints the path of the file written.
// Modules that connect to PostgreSQL or Redis are imported only once the arguments are valid.

export const REPORT_USAGE =
  'rival-outranker report <auditId> --format xlsx|csv [--kind findings|pages|issues] [--out FILE] [--in-process]';

const HELP = `Usage:
  ${REPORT_USAGE}

Writes an Excel workbook (every table as a sheet) or one CSV table (default: findings) for a finished
audit. The file is kept in REPORTS_DIR like reports asked for in the app; --out also copies it to FILE
(or into FILE when it is a directory). Prints the path of the file on stdout.`;

const stderr = (line: string) => process.stderr.write(`${line}\n`);

function usageError(message: string): number {
  stderr(`error: ${message}\n\n${HELP}`);
  return 64;
}

export async function commandReport(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        kind: { type: 'string' },
        out: { type: 'string' },
        'in-process': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    return usageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [auditId, ...extra] = positionals;
  if (!auditId) return usageError('report needs an audit id.');
  if (extra.length > 0) return usageError(`Unexpected argument "${extra[0]}".`);
  if (!values.format) return usageError('--format is required: xlsx or csv.');
  const { requestReportInput } = await import('@/lib/reports/report-input');
  const input = requestReportInput.safeParse({ format: values.format, kind: values.kind });
  if (!input.success) return usageError(input.error.issues.map((i) => i.message).join(' '));

  const { db } = await import('@/lib/db');
  const { closeQueues } = await import('@/lib/queue/queues');
  try {
    return await generate(auditId, input.data, { out: values.out, inProcess: values['in-process'] });
  } finally {
    await closeQueues();
    await db.$disconnect();
  }
}

async function generate(auditId: string, input: import('@/lib/reports/report-input').ReportRequest, opts: { out?: string; inProcess: boolean }): Promise<number> {
  const { AppError } = await import('@/lib/errors');
  const { assertReportableAudit, requestReport } = await import('@/lib/reports/request-report');
  const { createReport, getReport } = await import('@/lib/reports/report-queries');
  const { generateReport } = await import('@/lib/reports/generate-report');
  const { reportFilePath, downloadFileName } = await import('@/lib/reports/report-files');

  let audit;
  try {
    audit = await assertReportableAudit(auditId, null);
  } catch (err) {
    if (err instanceof AppError) {
      stderr(`error: ${err.code === 'NOT_FOUND' ? `no audit with id "${auditId}".` : err.message}`);
      return 2;
    }
    throw err;
  }

  let running: Promise<unknown> | undefined;
  let reportId: string;
  const workers = opts.inProcess ? 0 : await countReportWorkers();
  if (workers > 0) {
    reportId = (await requestReport(auditId, input, null)).id;
    stderr(`report ${reportId} queued (${workers} worker${workers === 1 ? '' : 's'} up)`);
  } else {
    reportId = (await createReport({ auditId, ...input, userId: null })).id;
    stderr(`report ${reportId} running in this process (no worker serves the reports queue)`);
    running = generateReport(reportId, { redis: null, finalAttempt: true });
    running.catch(() => {}); // the row says FAILED and why; read below
  }

  let shown = '';
  for (;;) {
    const report = await getReport(reportId);
    if (!report) throw new Error('the report row disappeared (was its audit deleted?)');
    const line = `[${report.status.toLowerCase()}] ${report.rowsWritten}/${report.rowsTotal} rows`;
    if (line !== shown) stderr((shown = line));
    if (report.status === 'READY' || report.status === 'FAILED') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await running?.catch(() => {});

  const report = (await getReport(reportId))!;
  if (report.status !== 'READY' || !report.path) {
    stderr(`error: ${report.error ?? 'the report failed.'}`);
    return 2;
  }
  const stored = reportFilePath(report.path);
  if (!opts.out) {
    console.log(stored);
    return 0;
  }
  let target = path.resolve(opts.out);
  if ((await stat(target).catch(() => null))?.isDirectory()) {
    target = path.join(target, downloadFileName(audit.url, audit.finishedAt ?? audit.createdAt, input.kind, input.format));
  }
  await copyFile(stored, target);
  console.log(target);
  return 0;
}

/** Live workers whose heartbeat says they serve the reports queue; 0 when Redis is down. */
async function countReportWorkers(): Promise<number> {
  const { getProducerRedis } = await import('@/lib/queue/queues');
  const { listLiveWorkers } = await import('@/lib/health/worker-heartbeat');
  try {
    const workers = await listLiveWorkers(await getProducerRedis());
    return workers.filter((w) => w.queues?.includes('reports')).length;
  } catch {
    return 0;
  }
}
