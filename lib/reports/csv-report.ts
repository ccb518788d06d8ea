import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { CSV_BOM, csvLine } from '@/lib/reports/csv-format';
import type { OnRows, ReportData } from '@/lib/reports/report-data';
import { FINDING_COLUMNS, headerOf, ISSUE_COLUMNS, PAGE_COLUMNS, rowOf, type Column } from '@/lib/reports/report-tables';

export const CSV_KINDS = ['findings', 'pages', 'issues'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

export type CsvOptions = { onRows?: OnRows; signal?: AbortSignal };

/** Rows a CSV of this kind will have (header excluded), for progress. */
export function csvRowCount(data: Pick<ReportData, 'counts' | 'issues'>, kind: CsvKind): number {
  return kind === 'findings' ? data.counts.findings : kind === 'pages' ? data.counts.pages : data.issues.length;
}

/** Streams one table as CSV into `out` (which it ends), one database batch per write. */
export async function writeCsvReport(data: ReportData, kind: CsvKind, out: Writable, options: CsvOptions = {}): Promise<void> {
  switch (kind) {
    case 'findings':
      return writeCsv(FINDING_COLUMNS, data.findings(), out, options);
    case 'pages':
      return writeCsv(PAGE_COLUMNS, data.pages(), out, options);
    case 'issues':
      return writeCsv(ISSUE_COLUMNS, single(data.issues), out, options);
  }
}

async function* single<R>(rows: R[]): AsyncGenerator<R[]> {
  if (rows.length > 0) yield rows;
}

async function writeCsv<R>(columns: readonly Column<R>[], batches: AsyncIterable<R[]>, out: Writable, { onRows = () => {}, signal }: CsvOptions): Promise<void> {
  // Honour backpressure: a slow disk must not make the whole export pile up in memory.
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain', { signal });
  };
  await write(CSV_BOM + csvLine(headerOf(columns)));
  for await (const batch of batches) {
    signal?.throwIfAborted();
    await write(batch.map((row) => csvLine(rowOf(columns, row))).join(''));
    await onRows(batch.length);
  }
  out.end();
}
