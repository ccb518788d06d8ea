import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '@/lib/checks/catalog';
import { FINDING_COLUMNS, headerOf, rankFixFirst, rowOf, statusText, toIssueRows, type IssueRow } from '@/lib/reports/report-tables';

const issue = (checkId: string, severity: IssueRow['severity'], pagesAffected: number): IssueRow => ({
  checkId,
  severity,
  category: 'on-page',
  title: checkId,
  why: '',
  fix: '',
  findings: pagesAffected,
  pagesAffected,
  exampleUrls: [],
});

describe('rankFixFirst', () => {
  it('ranks by severity weight × pages affected, so a widespread high beats a single critical', () => {
    const ranked = rankFixFirst([issue('one-critical', 'critical', 1), issue('many-high', 'high', 300), issue('info', 'info', 5000), issue('some-medium', 'medium', 5)]);
    expect(ranked.map((r) => r.checkId)).toEqual(['many-high', 'one-critical', 'some-medium', 'info']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(ranked[0]!.priority).toBe(15 * 300);
  });
});

describe('toIssueRows', () => {
  it("takes the catalogue's title, why and fix, and keeps the stored title for a check it no longer has", () => {
    const check = ALL_CHECKS[0]!;
    const [known, unknown] = toIssueRows([
      { checkId: check.id, severity: check.severity, category: check.category, title: 'old title', findings: 3, pagesAffected: 2, exampleUrls: ['https://a.example/'] },
      { checkId: 'retired-check', severity: 'info', category: 'content', title: 'Retired', findings: 1, pagesAffected: 1, exampleUrls: [] },
    ]);
    expect(known).toMatchObject({ checkId: check.id, title: check.title, why: check.why, fix: check.fix, pagesAffected: 2 });
    expect(unknown).toMatchObject({ checkId: 'retired-check', title: 'Retired', why: '', fix: '' });
  });
});

describe('columns', () => {
  it('give a header and one value per column', () => {
    const row = rowOf(FINDING_COLUMNS, { id: 'f', severity: 'high', category: 'links', checkId: 'c', title: 't', url: 'u', message: 'm' });
    expect(headerOf(FINDING_COLUMNS)).toEqual(['Severity', 'Category', 'Check', 'Title', 'URL', 'Message']);
    expect(row).toEqual(['high', 'links', 'c', 't', 'u', 'm']);
  });

  it('explain status codes', () => {
    expect(statusText(301)).toBe('Moved Permanently');
    expect(statusText(0)).toBe('No response');
    expect(statusText(599)).toBe('HTTP 599');
  });
});
