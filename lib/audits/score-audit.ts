import { CATEGORY_WEIGHTS, SEVERITY_WEIGHTS } from '@/lib/checks/score';
import { CATEGORIES, type Severity } from '@/lib/checks/types';

// Site score, with the page score's weights (lib/analysis/score.ts): each check costs its severity
// weight times the share of pages it affects (square root: the first affected pages matter most),
// so one broken page on a 500-page site costs little and a site-wide problem the full weight.
// Site-scope findings count as affecting the pages they name. Same findings in, same score out.

export type ScorableFinding = { checkId: string; severity: Severity; category: string; url: string };

export function scoreAudit(findings: ScorableFinding[], pageCount: number): { score: number; categoryScores: Record<string, number> } {
  const pages = Math.max(pageCount, 1);
  const byCheck = new Map<string, { severity: Severity; category: string; urls: Set<string> }>();
  for (const f of findings) {
    const entry = byCheck.get(f.checkId) ?? { severity: f.severity, category: f.category, urls: new Set<string>() };
    entry.urls.add(f.url);
    byCheck.set(f.checkId, entry);
  }
  const penalty = new Map<string, number>();
  for (const { severity, category, urls } of byCheck.values()) {
    const share = Math.sqrt(Math.min(1, urls.size / pages));
    penalty.set(category, (penalty.get(category) ?? 0) + SEVERITY_WEIGHTS[severity] * share);
  }
  const categoryScores: Record<string, number> = {};
  let weighted = 0;
  let totalWeight = 0;
  for (const c of CATEGORIES) {
    const score = Math.max(0, Math.round(100 - (penalty.get(c) ?? 0)));
    categoryScores[c] = score;
    weighted += score * CATEGORY_WEIGHTS[c];
    totalWeight += CATEGORY_WEIGHTS[c];
  }
  return { score: Math.round(weighted / totalWeight), categoryScores };
}
