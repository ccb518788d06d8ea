import { z } from 'zod';
import { SEVERITIES } from '@/lib/checks/types';

// What comparison.finalize computes and stores in Comparison.result: one schema, one reader.
// The pure parts (wins and losses, "they do it, you don't") live here, beside the schema, so they
// are tested without a database.

const placement = z.object({ title: z.boolean(), h1: z.boolean(), description: z.boolean(), url: z.boolean(), firstWords: z.boolean() });
export type KeywordPlacementRow = z.infer<typeof placement>;

export const siteFactsSchema = z.object({
  homeUrl: z.string().nullable(),
  title: z.string().nullable(),
  h1: z.string().nullable(),
  description: z.string().nullable(),
  wordCount: z.number().nullable(),
  structuredDataTypes: z.array(z.string()),
  pageCount: z.number(),
  maxDepth: z.number().nullable(),
  /** Mean response time of the crawled pages, ms. */
  avgLoadMs: z.number().nullable(),
  homeLoadMs: z.number().nullable(),
  /** With a keyword: where it appears on the home page; null when the page could not be read. */
  keyword: placement.nullable().optional(),
});
export type SiteFacts = z.infer<typeof siteFactsSchema>;

const categoryOutcome = z.object({
  category: z.string(),
  yours: z.number(),
  /** Best rival score and who has it. */
  best: z.number(),
  bestUrl: z.string(),
  /** Rivals you beat (win) or that beat you (loss). */
  rivals: z.array(z.string()),
});
export type CategoryOutcome = z.infer<typeof categoryOutcome>;

const gap = z.object({
  checkId: z.string(),
  title: z.string(),
  category: z.string(),
  severity: z.enum(SEVERITIES),
  /** Distinct URLs of your site where it fires. */
  yourUrls: z.number(),
  /** Rivals (of those audited) where it does not fire. */
  rivalsPassing: z.number(),
  rivalsAudited: z.number(),
});
export type CheckGap = z.infer<typeof gap>;

export const comparisonResultSchema = z.object({
  computedAt: z.string(),
  wins: z.array(categoryOutcome),
  losses: z.array(categoryOutcome),
  ties: z.array(z.string()),
  theyDoItYouDont: z.array(gap),
  /** Keyed by audit id. */
  facts: z.record(z.string(), siteFactsSchema),
});
export type ComparisonResult = z.infer<typeof comparisonResultSchema>;

/** Comparison.result; null while it is being computed or when it does not read. */
export function readComparisonResult(json: unknown): ComparisonResult | null {
  const parsed = comparisonResultSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export type ScoredSite = { url: string; categoryScores: Record<string, number> };

/**
 * Per category: a win when your score is above every rival's, a loss when at least one rival is
 * above yours, a tie otherwise. Only categories both sides were scored on count.
 */
export function compareCategories(yours: ScoredSite, rivals: ScoredSite[]): Pick<ComparisonResult, 'wins' | 'losses' | 'ties'> {
  const wins: CategoryOutcome[] = [];
  const losses: CategoryOutcome[] = [];
  const ties: string[] = [];
  for (const [category, mine] of Object.entries(yours.categoryScores)) {
    const scored = rivals.filter((r) => category in r.categoryScores).map((r) => ({ url: r.url, score: r.categoryScores[category]! }));
    if (scored.length === 0) continue;
    const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
    const outcome = { category, yours: mine, best: best.score, bestUrl: best.url };
    if (mine > best.score) wins.push({ ...outcome, rivals: scored.map((r) => r.url) });
    else if (mine < best.score) losses.push({ ...outcome, rivals: scored.filter((r) => r.score > mine).map((r) => r.url) });
    else ties.push(category);
  }
  wins.sort((a, b) => b.yours - b.best - (a.yours - a.best));
  losses.sort((a, b) => a.yours - a.best - (b.yours - b.best));
  return { wins, losses, ties };
}

export type CheckTallyRow = { checkId: string; title: string; category: string; severity: CheckGap['severity']; yourUrls: number; rivalsFiring: number };

/** Checks that fire on your site but not on most rivals (more than half of those audited). */
export function findGaps(rows: CheckTallyRow[], rivalsAudited: number): CheckGap[] {
  if (rivalsAudited === 0) return [];
  return rows
    .map((r) => ({ checkId: r.checkId, title: r.title, category: r.category, severity: r.severity, yourUrls: r.yourUrls, rivalsPassing: rivalsAudited - r.rivalsFiring, rivalsAudited }))
    .filter((g) => g.rivalsPassing * 2 > rivalsAudited)
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.yourUrls - a.yourUrls || a.checkId.localeCompare(b.checkId));
}
