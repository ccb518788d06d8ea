import type { Category, Severity } from '@/lib/checks/types';

// The audit explorer's shapes: what lib/audits/explorer-queries.ts returns, the JSON API serves
// and the explorer pages render. Everything is paginated on the server: nothing is ever cut off.

export type Paged<T> = { total: number; page: number; pageSize: number; items: T[] };

/** One check that fired in an audit, with how many URLs it affects. */
export type IssueRow = {
  checkId: string;
  category: Category;
  severity: Severity;
  title: string;
  why: string;
  fix: string;
  urls: number;
  /** Points this check costs the site score (see ScoreExplanation); ranks the "Fix first" list. */
  impact: number;
};

/** One affected URL of an issue. pageId is null for URLs that were never crawled (e.g. a broken link target). */
export type IssueUrlRow = { url: string; pageId: string | null; message: string };

export const PAGE_SORTS = ['url', 'status', 'depth', 'title', 'wordCount', 'loadMs', 'score', 'findings'] as const;
export type PageSort = (typeof PAGE_SORTS)[number];

export const PAGE_STATUS_FILTERS = ['ok', 'redirect', 'client-error', 'server-error', 'failed', 'blocked'] as const;
export type PageStatusFilter = (typeof PAGE_STATUS_FILTERS)[number];

export type PagesQuery = {
  page: number;
  pageSize: number;
  sort: PageSort;
  order: 'asc' | 'desc';
  status?: PageStatusFilter;
  /** Substring of the URL or title, case-insensitive. */
  q?: string;
  /** Only pages with a finding of this check. */
  hasIssue?: string;
};

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

export type PageFinding = { checkId: string; category: Category; severity: Severity; title: string; message: string; why: string; fix: string };

export type PageLink = { url: string; text: string; pageId: string | null; status: number | null };

/** A difference between the raw HTML and the rendered DOM of a page, in what search engines read. */
export type RenderDifference = { field: string; raw: string; rendered: string };

export type PageDetail = {
  page: PageRow & { finalUrl: string | null; crawledAt: string };
  /** Every stored fact, grouped for display ("Head", "Content", "Links", …), each a label and a readable value. */
  facts: { group: string; items: { label: string; value: string }[] }[];
  findings: PageFinding[];
  inlinks: Paged<PageLink>;
  outlinks: Paged<PageLink>;
  /** Present when the page was rendered with a browser; empty when nothing differed. */
  renderDifferences: RenderDifference[] | null;
  score: ScoreExplanation | null;
};

/** Why a score is what it is: every check that costs points, most costly first. */
export type ScoreExplanation = {
  score: number;
  lines: { checkId: string; title: string; severity: Severity; category: Category; count: number; points: number }[];
  /** One sentence on how the number is made (e.g. capped by the worst finding). */
  note: string;
};

export type Histogram = { label: string; count: number }[];

export type AuditOverview = {
  score: number | null;
  categoryScores: { category: Category; score: number }[];
  severityCounts: Record<Severity, number>;
  statusCodes: Histogram;
  depths: Histogram;
  responseTimes: Histogram;
  pages: { total: number; failed: number; blocked: number };
  fixFirst: IssueRow[];
  explanation: ScoreExplanation | null;
};
