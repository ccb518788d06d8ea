// The pure half of single-page analysis: facts in, score + findings (+ keyword report) out.
// Fetching and rendering happen elsewhere; this never touches the network.
import { analyzeKeyword, type KeywordAnalysis } from '@/lib/analysis/keyword';
import type { PageFacts } from '@/lib/crawler/page-facts';
import { computeScore, sortFindingsByImpact } from '@/lib/checks/score';
import { pageChecks } from '@/lib/checks/page-checks';
import { runPageChecks } from '@/lib/checks/run-page-checks';
import type { Category, Finding, PageCheck } from '@/lib/checks/types';

export type PageAnalysis = {
  url: string;
  finalUrl: string;
  status: number;
  /** 0–100, see docs/scoring.md. */
  score: number;
  categoryScores: Record<Category, number>;
  /** Most impactful first. */
  findings: Finding[];
  keyword?: KeywordAnalysis;
};

export type AnalyzePageOptions = {
  keyword?: string;
  /** Defaults to the full page-check catalogue. */
  checks?: readonly PageCheck[];
};

export function analyzePageFacts(page: PageFacts, options: AnalyzePageOptions = {}): PageAnalysis {
  const findings = sortFindingsByImpact(runPageChecks(page, options.checks ?? pageChecks));
  const score = computeScore(findings);
  const keyword = options.keyword?.trim();
  return {
    url: page.url,
    finalUrl: page.finalUrl,
    status: page.status,
    score: score.overall,
    categoryScores: score.categories,
    findings,
    ...(keyword ? { keyword: analyzeKeyword(page, keyword) } : {}),
  };
}
