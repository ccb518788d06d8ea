import { type CheckCost, explainCheckCosts, isCategory, repeatFactor, SEVERITY_WEIGHTS, SHARE_WORDS, scoreCheckCosts, type ScoreExplanation } from '@/lib/checks/score';
import type { Severity } from '@/lib/checks/types';

// Site score, on the page score's scale (lib/checks/score.ts): each check costs its page weight
// times its reach, the square root of the share of pages it affects (the first affected pages
// matter most), times the repeat factor of its findings per affected URL. So a one-page site scores
// what its page scores, a site whose every page has the same findings scores what each page
// scores, one broken page of 500 costs little and a site-wide problem costs the full weight.
// Critical checks reach at least CRITICAL_REACH_FLOOR: a critical problem is never rounded away.
// Same findings in, same score out.

export type ScorableFinding = { checkId: string; severity: Severity; category: string; url: string; title?: string };

/** One check's findings in an audit: how many, on how many distinct URLs. */
export type CheckTally = { checkId: string; title: string; severity: Severity; category: string; findings: number; urls: number };

/** A critical check costs at least this share of its full weight, however few pages it affects. */
export const CRITICAL_REACH_FLOOR = 0.1;

/**
 * Site-scope checks about the site as a whole (robots.txt, sitemaps, hosts, the site's trust
 * pages): their findings name robots.txt, a sitemap or the home page, yet every page is affected.
 */
export const SITE_WIDE_CHECKS: ReadonlySet<string> = new Set([
  'robots-txt-missing',
  'robots-txt-unreachable',
  'robots-txt-invalid',
  'robots-txt-blocks-site',
  'robots-txt-blocks-ai-search',
  'robots-txt-content-signal-opt-out',
  'sitemap-missing',
  'sitemap-not-in-robots-txt',
  'sitemap-invalid',
  'sitemap-off-site-url',
  'trust-pages-missing',
  'thin-content-share',
  'www-and-non-www-served',
  'http-not-redirected-to-https',
]);

/** How much of the site a check reaches, 0..1. */
export function siteReach(tally: Pick<CheckTally, 'checkId' | 'severity' | 'urls'>, pageCount: number): number {
  if (SITE_WIDE_CHECKS.has(tally.checkId)) return 1;
  const share = Math.sqrt(Math.min(1, tally.urls / Math.max(pageCount, 1)));
  return tally.severity === 'critical' ? Math.max(CRITICAL_REACH_FLOOR, share) : share;
}

export function tallyFindings(findings: readonly ScorableFinding[]): CheckTally[] {
  const byCheck = new Map<string, CheckTally & { urlSet: Set<string> }>();
  for (const f of findings) {
    let entry = byCheck.get(f.checkId);
    if (!entry) byCheck.set(f.checkId, (entry = { checkId: f.checkId, title: f.title ?? f.checkId, severity: f.severity, category: f.category, findings: 0, urls: 0, urlSet: new Set() }));
    entry.findings++;
    entry.urlSet.add(f.url);
  }
  return [...byCheck.values()].map(({ urlSet, ...t }) => ({ ...t, urls: urlSet.size }));
}

/** The audit's checks as costs on the page scale. A category the scorer does not know (none today) costs nothing. */
export function siteCheckCosts(tallies: readonly CheckTally[], pageCount: number): CheckCost[] {
  return tallies.flatMap((t) => {
    if (!isCategory(t.category) || SEVERITY_WEIGHTS[t.severity] === undefined) return [];
    const spread = siteReach(t, pageCount) * repeatFactor(t.findings / Math.max(t.urls, 1));
    return [{ checkId: t.checkId, title: t.title, category: t.category, severity: t.severity, count: t.findings, spread }];
  });
}

export function scoreAuditTallies(tallies: readonly CheckTally[], pageCount: number): { score: number; categoryScores: Record<string, number> } {
  const { overall, categories } = scoreCheckCosts(siteCheckCosts(tallies, pageCount));
  return { score: overall, categoryScores: categories };
}

/** pageCount: the crawled URLs that answered (status > 0), the denominator of every share. */
export function scoreAudit(findings: readonly ScorableFinding[], pageCount: number): { score: number; categoryScores: Record<string, number> } {
  return scoreAuditTallies(tallyFindings(findings), pageCount);
}

export function siteScoreNote(pageCount: number): string {
  const pages = `${pageCount.toLocaleString('en')} ${pageCount === 1 ? 'page' : 'pages'}`;
  return `Starts at 100; each check costs what it would cost one page (by severity and category weight), scaled by how much of the site it reaches: the square root of the share of the ${pages} that answered (site-wide problems reach every page; a critical one at least ${Math.round(CRITICAL_REACH_FLOOR * 100)} %); ${SHARE_WORDS}.`;
}

/** Why the site scores what it scores: the same numbers scoreAudit uses. */
export function explainAuditScore(tallies: readonly CheckTally[], pageCount: number): ScoreExplanation {
  return explainCheckCosts(siteCheckCosts(tallies, pageCount), siteScoreNote(pageCount));
}
