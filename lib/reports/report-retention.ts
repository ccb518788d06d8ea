import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { db } from '@/lib/db';
import { logger } from '@/lib/logger';
import { removeFile, reportFileName, reportIdOfFile, reportsDir, TEMP_SUFFIX } from '@/lib/reports/report-files';
import { fromDbFormat } from '@/lib/reports/report-input';
import { failStaleReports } from '@/lib/reports/report-queries';

const BATCH = 500;
/** A file this young may belong to a report whose row is being written right now. */
const ORPHAN_MIN_AGE_MS = 3600_000;

export type RetentionResult = { removedReports: number; removedOrphanFiles: number; failedStale: number };

/**
 * Deletes reports past their expiry (file first, then row), then files no row accounts for: rows
 * deleted with their audit (ON DELETE CASCADE cannot remove files) and temp files of killed attempts.
 */
export async function removeExpiredReports(now = new Date()): Promise<RetentionResult> {
  const failedStale = await failStaleReports(now.getTime());
  let removedReports = 0;
  for (;;) {
    const expired = await db.report.findMany({
      where: { expiresAt: { lt: now }, status: { in: ['READY', 'FAILED'] } },
      select: { id: true, format: true },
      take: BATCH,
    });
    if (expired.length === 0) break;
    const dir = reportsDir();
    for (const r of expired) {
      const file = path.join(dir, reportFileName(r.id, fromDbFormat(r.format)));
      await removeFile(file);
      await removeFile(file + TEMP_SUFFIX);
    }
    removedReports += (await db.report.deleteMany({ where: { id: { in: expired.map((r) => r.id) } } })).count;
  }
  const removedOrphanFiles = await removeOrphanFiles(now);
  return { removedReports, removedOrphanFiles, failedStale };
}

async function removeOrphanFiles(now: Date): Promise<number> {
  const dir = reportsDir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (let i = 0; i < names.length; i += BATCH) {
    const files = names.slice(i, i + BATCH).flatMap((name) => {
      const id = reportIdOfFile(name);
      return id ? [{ name, id, temp: name.endsWith(TEMP_SUFFIX) }] : [];
    });
    const rows = await db.report.findMany({ where: { id: { in: files.map((f) => f.id) } }, select: { id: true, status: true } });
    const status = new Map(rows.map((r) => [r.id, r.status]));
    for (const f of files) {
      const rowStatus = status.get(f.id);
      const wanted = f.temp ? rowStatus === 'RUNNING' : rowStatus === 'READY';
      if (wanted) continue;
      const filePath = path.join(dir, f.name);
      const info = await stat(filePath).catch(() => null);
      if (!info || now.getTime() - info.mtimeMs < ORPHAN_MIN_AGE_MS) continue;
      await removeFile(filePath);
      removed++;
      logger.info({ file: f.name }, 'removed a report file no report row accounts for');
    }
  }
  return removed;
}
