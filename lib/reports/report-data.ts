import type { Severity } from '@/lib/checks/types';
import type { FindingRow, IssueRow, PageRow, RedirectRow } from '@/lib/reports/report-tables';

// What the report writers read. Big tables come as batches from an async iterator, so a writer
// holds one batch at a time; report-source.ts reads them from PostgreSQL, tests from arrays.

export type ReportAudit = {
  id: string;
  url: string;
  kind: string;
  status: string;
  score: number | null;
  categoryScores: Record<string, number>;
  createdAt: Date;
  finishedAt: Date | null;
};

export type CrawlStats = {
  pages: number;
  ok: number;
  redirects: number;
  clientErrors: number;
  serverErrors: number;
  /** No HTTP response at all (status 0: DNS, timeout, refused, blocked by robots.txt). */
  noResponse: number;
  avgLoadMs: number | null;
  medianLoadMs: number | null;
  maxDepth: number | null;
};

export type ReportCounts = { findings: number; pages: number; redirects: number };

export type ReportData = {
  audit: ReportAudit;
  severityCounts: Record<Severity, number>;
  crawlStats: CrawlStats;
  counts: ReportCounts;
  /** Every check that fired, most severe first (small: one row per check). */
  issues: IssueRow[];
  findings: () => AsyncIterable<FindingRow[]>;
  pages: () => AsyncIterable<PageRow[]>;
  /** Pages whose status is not 200. */
  redirects: () => AsyncIterable<RedirectRow[]>;
};

/** Called after each batch a writer has committed. */
export type OnRows = (rows: number) => Promise<void> | void;
