// Scores a page (or any set of findings) from 0 to 100, overall and per category.
//
// Model (see docs/scoring.md):
//   1. Each failing check contributes   severityWeight × categoryWeight × repeatFactor.
//      repeatFactor = 1 + 0.25 per extra finding of the same check, at most 2 (five copies of one
//      mistake are worse than one, but not five times worse).
//   2. Contributions are summed per severity and squashed with a saturating curve,
//      cap × (1 − e^(−sum / cap)), so each severity can take at most `cap` points. That is the
//      diminishing penalty: 50 low findings can never cost more than 20 points, one critical costs 45.
//   3. score = 100 − Σ squashed penalties, floored at 0 and rounded.
// Category scores use the same formula restricted to that category (without the category weight).
// Findings are summed in a canonical order, so the score is deterministic for a given set.
import type { Category, Finding, Severity } from '@/lib/checks/types';
import { CATEGORIES } from '@/lib/checks/types';

export const SEVERITY_WEIGHTS: Record<Severity, number> = { critical: 60, high: 15, medium: 6, low: 2, info: 0 };
export const SEVERITY_CAPS: Record<Severity, number> = { critical: 100, high: 60, medium: 35, low: 20, info: 1 };
/** How much a category matters for rankings; multiplies the severity weight in the overall score. */
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

type CheckGroup = { checkId: string; category: Category; severity: Severity; count: number };

function groupByCheck(findings: readonly Finding[]): CheckGroup[] {
  const groups = new Map<string, CheckGroup>();
  for (const f of findings) {
    const key = `${f.checkId}\u0000${f.category}\u0000${f.severity}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { checkId: f.checkId, category: f.category, severity: f.severity, count: 1 });
  }
  return [...groups.values()].sort((a, b) => (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]));
}

function repeatFactor(count: number): number {
  return Math.min(MAX_REPEAT_FACTOR, 1 + REPEAT_STEP * (count - 1));
}

function scoreGroups(groups: readonly CheckGroup[], useCategoryWeight: boolean): number {
  const sums: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const g of groups) {
    const weight = SEVERITY_WEIGHTS[g.severity] * (useCategoryWeight ? CATEGORY_WEIGHTS[g.category] : 1);
    sums[g.severity] += weight * repeatFactor(g.count);
  }
  let penalty = 0;
  for (const sev of Object.keys(sums) as Severity[]) {
    const cap = SEVERITY_CAPS[sev];
    penalty += cap * (1 - Math.exp(-sums[sev] / cap));
  }
  return Math.max(0, Math.round(100 - penalty));
}

/** Overall and per-category 0–100 scores for a set of findings (100 = nothing wrong). */
export function computeScore(findings: readonly Finding[]): Score {
  const groups = groupByCheck(findings);
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, scoreGroups(groups.filter((g) => g.category === c), false)])) as Record<Category, number>;
  return { overall: scoreGroups(groups, true), categories };
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
