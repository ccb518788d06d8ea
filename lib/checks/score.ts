// Scores from 0 to 100, overall and per category, and the explanation of every point lost.
//
// Model (see docs/scoring.md): one scale for a page and for a site.
//   1. Each check that fired costs   severityWeight × categoryWeight × spread,   where spread says
//      how widely it applies: on a page, repeats of the check (1 + 0.25 per extra finding, at most
//      2); on a site, how much of the site it reaches (lib/audits/score-audit.ts builds those).
//   2. Costs are summed per severity and squashed with a saturating curve,
//      cap × (1 − e^(−sum / cap)): the share (in %) of the score that severity takes, at most `cap`.
//   3. Severities take their share in order, critical first, each from what the more severe ones
//      left: score = 100 × Π (1 − share / 100). So 50 low findings can never cost more than 20 %
//      of the score, one critical costs about 45 points, and no pile of lesser problems takes more
//      than what is left (the score only reaches 0 when criticals take everything).
//   4. A category's score is the score the page (or site) would have if that category's findings
//      were the only ones: same formula, same weights. So the overall score is never above its
//      worst category, and a problem in one category moves both numbers alike.
// Checks are summed in a canonical order, so the score is deterministic for a given set.
import type { Category, Finding, Severity } from '@/lib/checks/types';
import { CATEGORIES, SEVERITIES } from '@/lib/checks/types';

export const SEVERITY_WEIGHTS: Record<Severity, number> = { critical: 60, high: 15, medium: 6, low: 2, info: 0 };
export const SEVERITY_CAPS: Record<Severity, number> = { critical: 100, high: 60, medium: 35, low: 20, info: 1 };
/** How much a category matters for rankings; multiplies the severity weight. */
export const CATEGORY_WEIGHTS: Record<Category, number> = {
  crawlability: 1.5,
  http: 1.5,
  canonical: 1.2,
  'on-page': 1.2,
  content: 1.0,
  links: 1.0,
  urls: 0.6,
  images: 0.8,
  performance: 1.0,
  mobile: 1.2,
  'structured-data': 0.8,
  security: 1.0,
  international: 0.8,
  social: 0.5,
  'local-eeat': 0.7,
};
export const REPEAT_STEP = 0.25;
export const MAX_REPEAT_FACTOR = 2;

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export type Score = { overall: number; categories: Record<Category, number> };

/** One check that fired, with how widely it applies (see the model above). */
export type CheckCost = {
  checkId: string;
  title: string;
  category: Category;
  severity: Severity;
  /** Findings of this check (shown as "occurrences"). */
  count: number;
  /** Multiplies the check's weight: repeats on a page (1..2), reach across a site (0..2). */
  spread: number;
};

/** Why a score is what it is: every check that costs points, most costly first. Structurally the explorer's ScoreExplanation. */
export type ScoreExplanation = {
  score: number;
  lines: { checkId: string; title: string; severity: Severity; category: Category; count: number; points: number }[];
  note: string;
};

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** 1 for one finding, +0.25 per repeat, at most 2: five copies of one mistake are worse than one, but not five times worse. */
export function repeatFactor(count: number): number {
  return Math.min(MAX_REPEAT_FACTOR, 1 + REPEAT_STEP * (Math.max(1, count) - 1));
}

function weightOf(cost: CheckCost): number {
  return SEVERITY_WEIGHTS[cost.severity] * CATEGORY_WEIGHTS[cost.category] * cost.spread;
}

function canonicalOrder(costs: readonly CheckCost[]): CheckCost[] {
  return [...costs].sort((a, b) => (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]));
}

function squash(sum: number, severity: Severity): number {
  const cap = SEVERITY_CAPS[severity];
  return cap * (1 - Math.exp(-sum / cap));
}

/** Raw cost sum per severity, in canonical order so floating-point sums never depend on input order. */
function sumsBySeverity(costs: readonly CheckCost[]): Record<Severity, number> {
  const sums: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const c of canonicalOrder(costs)) sums[c.severity] += weightOf(c);
  return sums;
}

/** Points each severity takes, critical first, each a share of what the more severe ones left; they sum to 100 − score. */
function lossesBySeverity(sums: Record<Severity, number>): Record<Severity, number> {
  const losses: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  let left = 100;
  for (const s of SEVERITIES) {
    losses[s] = (left * squash(sums[s], s)) / 100;
    left -= losses[s];
  }
  return losses;
}

function scoreOf(costs: readonly CheckCost[]): number {
  const losses = lossesBySeverity(sumsBySeverity(costs));
  return Math.max(0, Math.round(100 - SEVERITIES.reduce((total, s) => total + losses[s], 0)));
}

/** Overall and per-category 0–100 scores for a set of check costs (100 = nothing wrong). */
export function scoreCheckCosts(costs: readonly CheckCost[]): Score {
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, scoreOf(costs.filter((x) => x.category === c))])) as Record<Category, number>;
  return { overall: scoreOf(costs), categories };
}

/** How the severities combine, in words, for the explanation notes. */
export const SHARE_WORDS = `critical problems take their points first, then each lesser severity takes at most a fixed share of what is left (high ${SEVERITY_CAPS.high} %, medium ${SEVERITY_CAPS.medium} %, low ${SEVERITY_CAPS.low} %)`;

/**
 * Every check that costs points and how many: a severity's points are shared among its checks in
 * proportion to their cost, so the lines add up to 100 − score (before rounding).
 */
export function explainCheckCosts(costs: readonly CheckCost[], howItIsMade: string): ScoreExplanation {
  const sums = sumsBySeverity(costs);
  const losses = lossesBySeverity(sums);
  const lines = canonicalOrder(costs)
    .filter((c) => weightOf(c) > 0)
    .map((c) => ({ checkId: c.checkId, title: c.title, severity: c.severity, category: c.category, count: c.count, points: (losses[c.severity] * weightOf(c)) / sums[c.severity] }))
    .sort((a, b) => b.points - a.points || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0));
  return { score: scoreOf(costs), lines, note: howItIsMade };
}

/** A page's findings as check costs: one per check, spread = repeats on the page. */
export function pageCheckCosts(findings: readonly Finding[]): CheckCost[] {
  const groups = new Map<string, CheckCost>();
  for (const f of findings) {
    const key = `${f.checkId}\u0000${f.category}\u0000${f.severity}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { checkId: f.checkId, title: f.title, category: f.category, severity: f.severity, count: 1, spread: 1 });
  }
  return [...groups.values()].map((g) => ({ ...g, spread: repeatFactor(g.count) }));
}

/** Overall and per-category 0–100 scores for a page's findings (100 = nothing wrong). */
export function computeScore(findings: readonly Finding[]): Score {
  return scoreCheckCosts(pageCheckCosts(findings));
}

export const PAGE_SCORE_NOTE = `Starts at 100; each check costs points by its severity and its category’s weight, more when it fires several times on the page (at most double); ${SHARE_WORDS}, so small problems never outweigh a critical one.`;

/** Why a page scores what it scores: the same numbers computeScore uses. */
export function explainPageScore(findings: readonly Finding[]): ScoreExplanation {
  return explainCheckCosts(pageCheckCosts(findings), PAGE_SCORE_NOTE);
}

/** Most impactful first: severity, then category weight, then check id and message (stable). */
export function sortFindingsByImpact(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      CATEGORY_WEIGHTS[b.category] - CATEGORY_WEIGHTS[a.category] ||
      a.checkId.localeCompare(b.checkId) ||
      a.message.localeCompare(b.message) ||
      a.url.localeCompare(b.url),
  );
}
