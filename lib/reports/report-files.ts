import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { env } from '@/lib/env';
import { FILE_EXTENSION, type ReportFormatName, type ReportKindName } from '@/lib/reports/report-input';

// Report files live in REPORTS_DIR under names derived from the report id only, so nothing a user
// or a crawled page controls ever becomes part of a path. A file is written under a temporary name
// and renamed when complete: a reader never sees half a file under the final name.

/** Relative REPORTS_DIR is taken from the project root, which is where app, worker and CLI start. */
export function reportsDir(): string {
  // Runtime data, not source: the ignore comment keeps Next's file tracer from bundling the project.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.REPORTS_DIR);
}

export async function ensureReportsDir(): Promise<string> {
  const dir = reportsDir();
  await mkdir(dir, { recursive: true });
  return dir;
}

export const reportFileName = (reportId: string, format: ReportFormatName) => `${reportId}.${FILE_EXTENSION[format]}`;
export const TEMP_SUFFIX = '.part';

/** The absolute path of a stored file name; refuses anything that is not a plain name. */
export function reportFilePath(fileName: string): string {
  if (fileName !== path.basename(fileName) || fileName.startsWith('.')) throw new Error(`Invalid report file name: ${fileName}`);
  return path.join(/*turbopackIgnore: true*/ reportsDir(), fileName);
}

/** The report id a file in REPORTS_DIR belongs to (finished or temporary), or null for strangers. */
export function reportIdOfFile(fileName: string): string | null {
  const match = /^([a-z0-9-]{1,64})\.(xlsx|csv)(\.part)?$/i.exec(fileName);
  return match ? match[1]! : null;
}

export async function removeFile(filePath: string): Promise<void> {
  await rm(filePath, { force: true });
}

export type FileSink = {
  /** Write here; it hashes and counts what passes through to the file. */
  stream: Transform;
  /** Rejects as soon as the file cannot be written (disk full, permissions); never resolves otherwise. */
  failure: Promise<never>;
  /** Resolves when every byte is on disk. */
  done: () => Promise<{ sizeBytes: number; sha256: string }>;
  /** Stops writing; resolves once the file is closed, so deleting it then cannot race its opening. */
  abort: () => Promise<void>;
};

export function createFileSink(filePath: string): FileSink {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      callback(null, chunk);
    },
  });
  const finished = pipeline(stream, createWriteStream(filePath));
  const failure = new Promise<never>((_, reject) => void finished.catch(reject));
  failure.catch(() => {}); // observed through done() or a race; never an unhandled rejection
  return {
    stream,
    failure,
    async done() {
      await finished;
      return { sizeBytes, sha256: hash.digest('hex') };
    },
    async abort() {
      stream.destroy();
      await finished.catch(() => {});
    },
  };
}

/** `example.com-2026-12-01-findings.csv`: host, the audit's date and the kind, safe in any header. */
export function downloadFileName(siteUrl: string, date: Date, kind: ReportKindName, format: ReportFormatName): string {
  let host = 'site';
  try {
    host = new URL(siteUrl).hostname || host;
  } catch {
    // a bulk audit's "url" is a description, not a URL
  }
  const safeHost = host.replace(/[^a-z0-9.-]+/gi, '_').replace(/^[.-]+/, '').slice(0, 100) || 'site';
  const label = kind === 'workbook' ? 'audit' : kind;
  return `${safeHost}-${date.toISOString().slice(0, 10)}-${label}.${FILE_EXTENSION[format]}`;
}
