import { STATUS_CODES } from 'node:http';
import { getCheck } from '@/lib/checks/catalog';
import { SEVERITY_WEIGHTS } from '@/lib/checks/score';
import { SEVERITIES, type Severity } from '@/lib/checks/types';
import type { CellValue } from '@/lib/reports/cell-text';

// The tables a report is made of, as data: the workbook and the CSV files use the same columns,
// so a CSV of findings holds exactly what the Findings sheet holds.

export type FindingRow = { id: string; severity: Severity; category: string; checkId: string; title: string; url: string; message: string };

export type PageRow = {
  id: string;
  url: string;
  status: number;
  depth: number | null;
  title: string | null;
  wordCount: number;
  loadMs: number | null;
  score: number | null;
  findings: number;
  error: string | null;
};

export type RedirectRow = { id: string; url: string; status: number; target: string | null; depth: number | null; error: string | null };

/** One check that fired, with what the catalogue says about it. */
export type IssueRow = {
  checkId: string;
  severity: Severity;
  category: string;
  title: string;
  why: string;
  fix: string;
  findings: number;
  pagesAffected: number;
  exampleUrls: string[];
};

/** Findings of one check, aggregated in PostgreSQL (see report-source.ts). */
export type CheckAggregate = { checkId: string; severity: Severity; category: string; title: string; findings: number; pagesAffected: number; exampleUrls: string[] };

export type Column<R> = {
  header: string;
  /** Excel column width, in characters. */
  width: number;
  value: (row: R) => CellValue;
  /** Coloured by severity in the workbook. */
  severity?: boolean;
  /** Long text: wrapped in the workbook. */
  wrap?: boolean;
};

export const FINDING_COLUMNS: Column<FindingRow>[] = [
  { header: 'Severity', width: 10, value: (r) => r.severity, severity: true },
  { header: 'Category', width: 16, value: (r) => r.category },
  { header: 'Check', width: 32, value: (r) => r.checkId },
  { header: 'Title', width: 40, value: (r) => r.title },
  { header: 'URL', width: 60, value: (r) => r.url },
  { header: 'Message', width: 90, value: (r) => r.message },
];

export const PAGE_COLUMNS: Column<PageRow>[] = [
  { header: 'URL', width: 60, value: (r) => r.url },
  { header: 'Status', width: 8, value: (r) => r.status },
  { header: 'Depth', width: 7, value: (r) => r.depth },
  { header: 'Title', width: 50, value: (r) => r.title },
  { header: 'Word count', width: 11, value: (r) => r.wordCount },
  { header: 'Load (ms)', width: 10, value: (r) => r.loadMs },
  { header: 'Score', width: 7, value: (r) => r.score },
  { header: 'Findings', width: 9, value: (r) => r.findings },
  { header: 'Error', width: 40, value: (r) => r.error },
];

export const ISSUE_COLUMNS: Column<IssueRow>[] = [
  { header: 'Severity', width: 10, value: (r) => r.severity, severity: true },
  { header: 'Category', width: 16, value: (r) => r.category },
  { header: 'Check', width: 32, value: (r) => r.checkId },
  { header: 'Title', width: 40, value: (r) => r.title },
  { header: 'Pages affected', width: 14, value: (r) => r.pagesAffected },
  { header: 'Findings', width: 9, value: (r) => r.findings },
  { header: 'Example URLs', width: 60, value: (r) => r.exampleUrls.join('\n'), wrap: true },
  { header: 'Why it matters', width: 60, value: (r) => r.why, wrap: true },
  { header: 'How to fix', width: 60, value: (r) => r.fix, wrap: true },
];

export type FixFirstRow = IssueRow & { rank: number; priority: number };

export const FIX_FIRST_COLUMNS: Column<FixFirstRow>[] = [
  { header: 'Rank', width: 6, value: (r) => r.rank },
  { header: 'Priority', width: 9, value: (r) => r.priority },
  { header: 'Severity', width: 10, value: (r) => r.severity, severity: true },
  { header: 'Title', width: 40, value: (r) => r.title },
  { header: 'Category', width: 16, value: (r) => r.category },
  { header: 'Pages affected', width: 14, value: (r) => r.pagesAffected },
  { header: 'How to fix', width: 70, value: (r) => r.fix, wrap: true },
];

export const REDIRECT_COLUMNS: Column<RedirectRow>[] = [
  { header: 'URL', width: 60, value: (r) => r.url },
  { header: 'Status', width: 8, value: (r) => r.status },
  { header: 'Meaning', width: 24, value: (r) => statusText(r.status) },
  { header: 'Redirect target', width: 60, value: (r) => r.target },
  { header: 'Depth', width: 7, value: (r) => r.depth },
  { header: 'Error', width: 50, value: (r) => r.error },
];

export function statusText(status: number): string {
  if (status === 0) return 'No response';
  return STATUS_CODES[status] ?? `HTTP ${status}`;
}

export function headerOf<R>(columns: readonly Column<R>[]): string[] {
  return columns.map((c) => c.header);
}

export function rowOf<R>(columns: readonly Column<R>[], row: R): CellValue[] {
  return columns.map((c) => c.value(row));
}

/** Adds the catalogue's explanation and fix; a check the catalogue no longer has keeps its stored title. */
export function toIssueRows(aggregates: readonly CheckAggregate[]): IssueRow[] {
  return aggregates
    .map((a) => {
      const check = getCheck(a.checkId);
      return { ...a, title: check?.title ?? a.title, why: check?.why ?? '', fix: check?.fix ?? '' };
    })
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.pagesAffected - a.pagesAffected || a.checkId.localeCompare(b.checkId));
}

/**
 * What to fix first: severity weight (the scoring model's) × pages affected, so a high issue on
 * 300 pages outranks a critical one on a single page. Ties: more severe, then more pages.
 */
export function rankFixFirst(issues: readonly IssueRow[]): FixFirstRow[] {
  return issues
    .map((issue) => ({ ...issue, priority: SEVERITY_WEIGHTS[issue.severity] * issue.pagesAffected, rank: 0 }))
    .sort((a, b) => b.priority - a.priority || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.pagesAffected - a.pagesAffected || a.checkId.localeCompare(b.checkId))
    .map((row, i) => ({ ...row, rank: i + 1 }));
}
