import { describe, expect, it } from 'vitest';
import { CRITICAL_REACH_FLOOR, explainAuditScore, scoreAudit, SITE_WIDE_CHECKS, tallyFindings, type ScorableFinding } from '@/lib/audits/score-audit';
import { getCheck } from '@/lib/checks/catalog';
import { computeScore } from '@/lib/checks/score';
import { CATEGORIES, type Category, type Finding, type Severity } from '@/lib/checks/types';

const f = (checkId: string, severity: Severity, url: string, category: Category = 'on-page'): ScorableFinding => ({ checkId, severity, category, url });
const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://example.com/${i}`);
const asPageFinding = (x: ScorableFinding): Finding => ({ ...x, category: x.category as Category, title: x.checkId, message: 'm' });

describe('scoreAudit', () => {
  it('is 100 with no findings and deterministic', () => {
    expect(scoreAudit([], 10).score).toBe(100);
    const findings = [f('title-missing', 'critical', '/a'), f('x', 'low', '/b', 'links')];
    expect(scoreAudit(findings, 10)).toEqual(scoreAudit([...findings].reverse(), 10));
  });

  it('one scale: a one-page site scores what its page scores, overall and per category', () => {
    const page = [f('h1-missing', 'high', '/'), f('img-alt', 'low', '/', 'images'), f('img-alt', 'low', '/', 'images'), f('http-not-https', 'critical', '/', 'security')];
    const site = scoreAudit(page, 1);
    const alone = computeScore(page.map(asPageFinding));
    expect(site.score).toBe(alone.overall);
    expect(site.categoryScores).toEqual(alone.categories);
  });

  it('one scale: a site whose every page has the same findings scores what each page scores', () => {
    const onePage = [f('h1-missing', 'high', ''), f('title-long', 'medium', ''), f('title-long', 'medium', '')];
    const site = urls(40).flatMap((url) => onePage.map((x) => ({ ...x, url })));
    expect(scoreAudit(site, 40).score).toBe(computeScore(onePage.map(asPageFinding)).overall);
  });

  it('charges a site-wide problem more than the same problem on one page of many', () => {
    const onePage = scoreAudit([f('title-missing', 'high', '/a')], 100);
    const allPages = scoreAudit(urls(100).map((url) => f('title-missing', 'high', url)), 100);
    expect(allPages.score).toBeLessThan(onePage.score);
    expect(onePage.score).toBeGreaterThan(95);
  });

  it('counts affected URLs, not findings: ten findings on one page reach one page', () => {
    const tenOnOne = scoreAudit(Array.from({ length: 10 }, () => f('broken', 'critical', '/a', 'http')), 100);
    const tenPages = scoreAudit(urls(10).map((url) => f('broken', 'critical', url, 'http')), 100);
    expect(tenOnOne.score).toBeGreaterThan(tenPages.score);
  });

  it('a site full of critical findings cannot look green', () => {
    // 101 pages, every one served over plain HTTP: 101 critical findings (the old model said 90).
    const plainHttp = scoreAudit(urls(101).map((url) => f('http-not-https', 'critical', url, 'security')), 101);
    expect(plainHttp.score).toBeLessThan(80);
    expect(plainHttp.score).toBe(computeScore([asPageFinding(f('http-not-https', 'critical', '/', 'security'))]).overall);
    // A quarter of 1,000 pages broken.
    expect(scoreAudit(urls(250).map((url) => f('http-4xx', 'critical', url, 'http')), 1000).score).toBeLessThan(80);
  });

  it('a critical problem is never rounded away: on one page of 10,000 it still costs points, without turning the site red', () => {
    const one = scoreAudit([f('http-4xx', 'critical', '/gone', 'http')], 10_000).score;
    expect(one).toBeLessThanOrEqual(100 - Math.floor(100 * (1 - Math.exp((-60 * 1.5 * CRITICAL_REACH_FLOOR) / 100))));
    expect(one).toBeGreaterThanOrEqual(80);
    // The same share of a high problem is nearly free: the floor is for criticals only.
    expect(scoreAudit([f('h1-missing', 'high', '/gone')], 10_000).score).toBe(100);
  });

  it('site-wide checks count as affecting every page, whatever URL they name', () => {
    const blocked = scoreAudit([f('robots-txt-blocks-site', 'critical', 'https://example.com/robots.txt', 'crawlability')], 500);
    const onEveryPage = scoreAudit(urls(500).map((url) => f('some-page-check', 'critical', url, 'crawlability')), 500);
    expect(blocked.score).toBe(onEveryPage.score);
  });

  it('never exceeds its worst category', () => {
    const findings = [...urls(30).map((url) => f('thin', 'medium', url, 'content')), f('http-4xx', 'critical', '/x', 'http'), f('og', 'low', '/y', 'social')];
    const { score, categoryScores } = scoreAudit(findings, 60);
    expect(score).toBeLessThanOrEqual(Math.min(...CATEGORIES.map((c) => categoryScores[c]!)));
  });

  it('charges critical more than low', () => {
    expect(scoreAudit([f('a', 'critical', '/a')], 1).score).toBeLessThan(scoreAudit([f('a', 'low', '/a')], 1).score);
  });
});

describe('explainAuditScore', () => {
  it('gives the stored score, and the lines add up to 100 − score (rounding aside)', () => {
    const findings = [
      ...urls(37).map((url) => f('h1-missing', 'high', url)),
      ...urls(5).map((url) => f('http-4xx', 'critical', url, 'http')),
      ...urls(80).flatMap((url) => [f('img-alt', 'low', url, 'images'), f('img-alt', 'low', url, 'images')]),
      f('sitemap-missing', 'medium', 'https://example.com/robots.txt', 'crawlability'),
      f('external-links', 'info', '/a', 'links'),
    ];
    for (const pages of [1, 10, 80, 100, 5_000]) {
      const e = explainAuditScore(tallyFindings(findings), pages);
      expect(e.score).toBe(scoreAudit(findings, pages).score);
      expect(Math.abs(e.lines.reduce((sum, l) => sum + l.points, 0) - (100 - e.score))).toBeLessThanOrEqual(0.5);
      expect(e.lines.map((l) => l.checkId)).not.toContain('external-links');
      expect(e.note).toMatch(new RegExp(`${pages.toLocaleString('en')} page`));
    }
  });

  it('a line counts occurrences', () => {
    const e = explainAuditScore(tallyFindings(urls(3).flatMap((url) => [f('img-alt', 'low', url, 'images'), f('img-alt', 'low', url, 'images')])), 10);
    expect(e.lines).toEqual([expect.objectContaining({ checkId: 'img-alt', count: 6 })]);
  });
});

describe('SITE_WIDE_CHECKS', () => {
  it('names site-scope checks of the catalogue', () => {
    for (const id of SITE_WIDE_CHECKS) expect(getCheck(id)?.scope, id).toBe('site');
  });
});
