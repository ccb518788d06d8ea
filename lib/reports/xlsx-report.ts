import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { SEVERITIES, type Severity } from '@/lib/checks/types';
import { toCell, type CellValue } from '@/lib/reports/cell-text';
import type { OnRows, ReportData } from '@/lib/reports/report-data';
import {
  FINDING_COLUMNS,
  FIX_FIRST_COLUMNS,
  ISSUE_COLUMNS,
  PAGE_COLUMNS,
  rankFixFirst,
  REDIRECT_COLUMNS,
  statusText,
  type Column,
} from '@/lib/reports/report-tables';

// The workbook is written with exceljs's streaming writer: every row is committed (serialised and
// handed to the zip stream) as soon as it is added, and each sheet is committed before the next one
// starts, so memory holds one batch of rows, never the workbook. Shared strings are off: that table
// would keep every distinct string of the workbook in memory until the end.

export const SHEET_NAMES = {
  summary: 'Summary',
  fixFirst: 'Fix first',
  issues: 'Issues',
  findings: 'Findings',
  pages: 'Pages',
  redirects: 'Redirects and status codes',
} as const;

const SEVERITY_STYLE: Record<Severity, Partial<ExcelJS.Style>> = {
  critical: severityStyle('FF7F1D1D', 'FFFFFFFF'),
  high: severityStyle('FFDC2626', 'FFFFFFFF'),
  medium: severityStyle('FFF59E0B', 'FF111827'),
  low: severityStyle('FFBFDBFE', 'FF111827'),
  info: severityStyle('FFE5E7EB', 'FF374151'),
};

function severityStyle(fill: string, font: string): Partial<ExcelJS.Style> {
  return { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } }, font: { bold: true, color: { argb: font } } };
}

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F2937' } },
  alignment: { vertical: 'middle' },
};
const SECTION_STYLE: Partial<ExcelJS.Style> = { font: { bold: true, size: 12 } };
const WRAP_STYLE: Partial<ExcelJS.Style> = { alignment: { wrapText: true, vertical: 'top' } };

const isSeverity = (v: unknown): v is Severity => typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);

async function* once<R>(rows: R[]): AsyncGenerator<R[]> {
  if (rows.length > 0) yield rows;
}

export type XlsxOptions = { onRows?: OnRows; signal?: AbortSignal; now?: Date };

/** Writes the whole workbook to `out` (which it ends). Resolves once the zip is finished. */
export async function writeXlsxReport(data: ReportData, out: Writable, { onRows = () => {}, signal, now = new Date() }: XlsxOptions = {}): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Rival Outranker';
  workbook.created = now;
  const fixFirst = rankFixFirst(data.issues);

  writeSummary(workbook, data, fixFirst, now);
  await writeTable(workbook, SHEET_NAMES.fixFirst, FIX_FIRST_COLUMNS, once(fixFirst), onRows, signal);
  await writeTable(workbook, SHEET_NAMES.issues, ISSUE_COLUMNS, once(data.issues), onRows, signal);
  await writeTable(workbook, SHEET_NAMES.findings, FINDING_COLUMNS, data.findings(), onRows, signal);
  await writeTable(workbook, SHEET_NAMES.pages, PAGE_COLUMNS, data.pages(), onRows, signal);
  await writeTable(workbook, SHEET_NAMES.redirects, REDIRECT_COLUMNS, data.redirects(), onRows, signal);
  await workbook.commit();
}

/** One table sheet: a styled, frozen header row, one committed row per record, an auto-filter over all of it. */
async function writeTable<R>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly Column<R>[],
  batches: AsyncIterable<R[]>,
  onRows: OnRows,
  signal: AbortSignal | undefined,
): Promise<void> {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }] });
  // Styles on the columns apply to the cells created in them (wrapping for long text).
  sheet.columns = columns.map((c) => ({ width: c.width, ...(c.wrap ? { style: WRAP_STYLE } : {}) }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.eachCell((cell) => (cell.style = HEADER_STYLE));
  header.commit();

  const severityAt = columns.findIndex((c) => c.severity);
  let lastRow = 1;
  for await (const batch of batches) {
    signal?.throwIfAborted();
    for (const record of batch) {
      const values = columns.map((c) => toCell(c.value(record)));
      const row = sheet.addRow(values);
      const severity = severityAt >= 0 ? values[severityAt] : null;
      if (isSeverity(severity)) row.getCell(severityAt + 1).style = SEVERITY_STYLE[severity];
      row.commit();
    }
    lastRow += batch.length;
    await onRows(batch.length);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastRow, column: columns.length } };
  sheet.commit();
}

const fmtDate = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : null);

/** The first sheet: what was audited, the scores, counts by severity, crawl stats and the top issues. */
function writeSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, data: ReportData, fixFirst: ReturnType<typeof rankFixFirst>, now: Date): void {
  const { audit, severityCounts, crawlStats: s, counts } = data;
  const sheet = workbook.addWorksheet(SHEET_NAMES.summary, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 34 }, { width: 70 }, { width: 22 }];
  const add = (values: CellValue[], style?: Partial<ExcelJS.Style>) => {
    const row = sheet.addRow(values.map(toCell));
    if (style) row.eachCell((cell) => (cell.style = style));
    return row;
  };
  const section = (title: string) => {
    add([]).commit();
    add([title], SECTION_STYLE).commit();
  };

  add([`SEO audit report: ${audit.url}`], { font: { bold: true, size: 14 } }).commit();
  section('Audit');
  add(['Site', audit.url]).commit();
  add(['Audit id', audit.id]).commit();
  add(['Audit type', audit.kind]).commit();
  add(['Status', audit.status]).commit();
  add(['Requested', fmtDate(audit.createdAt)]).commit();
  add(['Finished', fmtDate(audit.finishedAt)]).commit();
  add(['Report generated', fmtDate(now)]).commit();

  section('Scores (0–100)');
  add(['Overall', audit.score]).commit();
  for (const [category, score] of Object.entries(audit.categoryScores).sort(([a], [b]) => a.localeCompare(b))) add([category, score]).commit();

  section('Findings by severity');
  for (const severity of SEVERITIES) {
    const row = add([severity, severityCounts[severity]]);
    row.getCell(1).style = SEVERITY_STYLE[severity];
    row.commit();
  }
  add(['Total', counts.findings], { font: { bold: true } }).commit();
  add(['Checks that fired', data.issues.length]).commit();

  section('Crawl');
  add(['Pages crawled', s.pages]).commit();
  add(['2xx (OK)', s.ok]).commit();
  add(['3xx (redirects)', s.redirects]).commit();
  add(['4xx (client errors)', s.clientErrors]).commit();
  add(['5xx (server errors)', s.serverErrors]).commit();
  add([statusText(0), s.noResponse]).commit();
  add(['Average load (ms)', s.avgLoadMs]).commit();
  add(['Median load (ms)', s.medianLoadMs]).commit();
  add(['Deepest page (clicks from start)', s.maxDepth]).commit();

  section('Top issues (see "Fix first")');
  add(['Issue', 'How to fix', 'Severity · pages'], HEADER_STYLE).commit();
  for (const issue of fixFirst.slice(0, 10)) {
    const row = add([issue.title, issue.fix, `${issue.severity} · ${issue.pagesAffected}`]);
    row.getCell(2).style = WRAP_STYLE;
    row.getCell(3).style = SEVERITY_STYLE[issue.severity];
    row.commit();
  }
  sheet.commit();
}
