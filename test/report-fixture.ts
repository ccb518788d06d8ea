import type { ReportData } from '@/lib/reports/report-data';
import type { FindingRow, IssueRow, PageRow, RedirectRow } from '@/lib/reports/report-tables';

/** Batches of `size` rows, as report-source.ts yields them from PostgreSQL. */
async function* inBatches<R>(rows: R[], size: number): AsyncGenerator<R[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export type ReportFixture = { findings: FindingRow[]; pages: PageRow[]; redirects: RedirectRow[]; issues: IssueRow[] };

/** A small audit in memory, with hostile text where crawled text goes (titles, URLs, messages). */
export function reportFixture(): ReportFixture {
  const pages: PageRow[] = [
    { id: 'p1', url: 'https://example.com/', status: 200, depth: 0, title: 'Home, "quoted"', wordCount: 420, loadMs: 120, score: 88, findings: 2, error: null },
    { id: 'p2', url: 'https://example.com/evil', status: 200, depth: 1, title: '=HYPERLINK("http://attacker.example","click")', wordCount: 10, loadMs: 80, score: 40, findings: 1, error: null },
    { id: 'p3', url: 'https://example.com/old', status: 301, depth: 1, title: null, wordCount: 0, loadMs: 30, score: null, findings: 0, error: null },
    { id: 'p4', url: 'https://example.com/gone', status: 404, depth: 2, title: '-1+1', wordCount: 0, loadMs: 25, score: null, findings: 1, error: 'Not found' },
  ];
  const findings: FindingRow[] = [
    { id: 'f1', severity: 'critical', category: 'crawlability', checkId: 'noindex', title: 'Page is noindex', url: 'https://example.com/', message: 'The page says noindex.' },
    { id: 'f2', severity: 'high', category: 'on-page', checkId: 'title-missing', title: 'Missing title', url: 'https://example.com/evil', message: '@SUM(A1:A9) line one\nline two, with a comma' },
    { id: 'f3', severity: 'medium', category: 'on-page', checkId: 'title-length', title: 'Title too long', url: 'https://example.com/', message: 'Title is 78 characters' },
    { id: 'f4', severity: 'low', category: 'links', checkId: 'broken-link', title: 'Broken link', url: 'https://example.com/gone', message: '+cmd|" /C calc"!A0' },
  ];
  const redirects: RedirectRow[] = [
    { id: 'p3', url: 'https://example.com/old', status: 301, target: 'https://example.com/', depth: 1, error: null },
    { id: 'p4', url: 'https://example.com/gone', status: 404, target: null, depth: 2, error: 'Not found' },
  ];
  const issues: IssueRow[] = [
    { checkId: 'noindex', severity: 'critical', category: 'crawlability', title: 'Page is noindex', why: 'Not indexed.', fix: 'Remove noindex.', findings: 1, pagesAffected: 1, exampleUrls: ['https://example.com/'] },
    { checkId: 'title-missing', severity: 'high', category: 'on-page', title: 'Missing title', why: 'Titles rank.', fix: '=Add a title', findings: 1, pagesAffected: 1, exampleUrls: ['https://example.com/evil'] },
    { checkId: 'title-length', severity: 'medium', category: 'on-page', title: 'Title too long', why: 'Cut off.', fix: 'Shorten it.', findings: 1, pagesAffected: 1, exampleUrls: ['https://example.com/'] },
    { checkId: 'broken-link', severity: 'low', category: 'links', title: 'Broken link', why: 'Dead ends.', fix: 'Fix the link.', findings: 1, pagesAffected: 1, exampleUrls: ['https://example.com/gone'] },
  ];
  return { findings, pages, redirects, issues };
}

export function reportDataOf(fixture: ReportFixture, batchSize = 2): ReportData {
  return {
    audit: {
      id: 'audit-1',
      url: 'https://example.com/',
      kind: 'PROFESSIONAL',
      status: 'COMPLETED',
      score: 71,
      categoryScores: { 'on-page': 60, links: 90 },
      createdAt: new Date('2026-12-01T10:00:00Z'),
      finishedAt: new Date('2026-12-01T10:05:00Z'),
    },
    severityCounts: { critical: 1, high: 1, medium: 1, low: 1, info: 0 },
    crawlStats: { pages: fixture.pages.length, ok: 2, redirects: 1, clientErrors: 1, serverErrors: 0, noResponse: 0, avgLoadMs: 64, medianLoadMs: 55, maxDepth: 2 },
    counts: { findings: fixture.findings.length, pages: fixture.pages.length, redirects: fixture.redirects.length },
    issues: fixture.issues,
    findings: () => inBatches(fixture.findings, batchSize),
    pages: () => inBatches(fixture.pages, batchSize),
    redirects: () => inBatches(fixture.redirects, batchSize),
  };
}
