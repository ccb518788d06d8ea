// comparison.finalize: runs once every site's audit has finished or failed for good, and turns them
// into the side-by-side result. A rival whose audit failed is listed without scores; only the
// user's own site failing fails the comparison.
import type { KeywordAnalysis } from '@/lib/analysis/keyword';
import { finishAudit } from '@/lib/audits/audit-lifecycle';
import { readCrawlPageFacts } from '@/lib/audits/audit-json';
import { readCategoryScores } from '@/lib/audits/audit-json';
import { compareCategories, type ComparisonResult, findGaps, type SiteFacts } from '@/lib/comparisons/comparison-result';
import { ACTIVE_COMPARISON, listComparisonAudits } from '@/lib/comparisons/comparisons';
import type { Severity } from '@/lib/checks/types';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { logger } from '@/lib/logger';
import { isTerminal } from '@/lib/progress/events';

export type FinalizeDeps = {
  /** Analyses one home page for the keyword (analyzeUrl); null when it cannot be read. */
  analyzeKeyword?: (url: string, keyword: string) => Promise<KeywordAnalysis | null>;
};

const SUCCEEDED = new Set(['COMPLETED', 'COMPLETED_WITH_ERRORS']);

async function readSiteFacts(auditId: string, pageCount: number): Promise<SiteFacts> {
  // The start page is depth 0; a redirecting start URL leaves its target at depth 1.
  const [home, stats] = await Promise.all([
    db.page.findFirst({ where: { auditId, depth: { not: null }, error: null, status: { gte: 200, lt: 300 } }, orderBy: [{ depth: 'asc' }, { crawledAt: 'asc' }], select: { url: true, title: true, wordCount: true, loadMs: true, facts: true } }),
    db.page.aggregate({ where: { auditId }, _max: { depth: true }, _avg: { loadMs: true } }),
  ]);
  const facts = readCrawlPageFacts(home?.facts);
  return {
    homeUrl: home?.url ?? null,
    title: facts?.graph.facts?.title ?? home?.title ?? null,
    h1: facts?.graph.facts?.h1s[0] ?? null,
    description: facts?.graph.facts?.metaDescription ?? null,
    wordCount: home?.wordCount ?? null,
    structuredDataTypes: facts?.detail?.structuredData.types ?? [],
    pageCount,
    maxDepth: stats._max.depth,
    avgLoadMs: stats._avg.loadMs === null ? null : Math.round(stats._avg.loadMs),
    homeLoadMs: home?.loadMs ?? null,
  };
}

/** Per check firing on the user's site: its distinct URLs there and how many rivals it fires on too. */
function tallyChecks(yoursId: string, rivalIds: string[]) {
  return db.$queryRaw<{ checkId: string; title: string; category: string; severity: string; yourUrls: bigint; rivalsFiring: bigint }[]>`
    SELECT y."checkId", min(y.title) AS title, min(y.category) AS category, (array_agg(y.severity::text ORDER BY y.severity))[1] AS severity,
      count(DISTINCT y.url) AS "yourUrls",
      (SELECT count(DISTINCT r."auditId") FROM "Finding" r WHERE r."auditId" = ANY(${rivalIds}) AND r."checkId" = y."checkId") AS "rivalsFiring"
    FROM "Finding" y WHERE y."auditId" = ${yoursId}
    GROUP BY y."checkId"`;
}

export async function finalizeComparison(comparisonId: string, deps: FinalizeDeps = {}): Promise<void> {
  const comparison = await db.comparison.findUnique({ where: { id: comparisonId } });
  if (!comparison || !ACTIVE_COMPARISON.includes(comparison.status)) return;
  let audits = await listComparisonAudits(comparisonId);
  // The flow runs this after every child; one still open lost its job (its failure hook has not run yet).
  const open = audits.filter((a) => !isTerminal(a.status));
  for (const a of open) await finishAudit(a.id, { status: 'FAILED', error: 'The audit did not finish before the comparison was computed.' });
  if (open.length) audits = await listComparisonAudits(comparisonId);

  const ok = audits.filter((a) => SUCCEEDED.has(a.status) && a.score !== null);
  const yours = audits.find((a) => a.comparisonPosition === 0);
  const yoursOk = yours !== undefined && ok.includes(yours);
  const rivalsOk = ok.filter((a) => a !== yours);

  const facts: Record<string, SiteFacts> = {};
  for (const a of audits) {
    const siteFacts = await readSiteFacts(a.id, a.pagesDone);
    if (comparison.keyword && deps.analyzeKeyword) {
      const k = siteFacts.homeUrl ? await deps.analyzeKeyword(siteFacts.homeUrl, comparison.keyword).catch(() => null) : null;
      siteFacts.keyword = k && { title: k.title.found, h1: k.h1.found, description: k.metaDescription.found, url: k.url.found, firstWords: k.firstWords.found };
    }
    facts[a.id] = siteFacts;
  }

  let outcome: Pick<ComparisonResult, 'wins' | 'losses' | 'ties' | 'theyDoItYouDont'> = { wins: [], losses: [], ties: [], theyDoItYouDont: [] };
  if (yoursOk) {
    const scored = (a: (typeof audits)[number]) => ({ url: a.url, categoryScores: readCategoryScores(a.categoryScores) });
    const tallies = await tallyChecks(yours.id, rivalsOk.map((a) => a.id));
    const gaps = findGaps(
      tallies.map((t) => ({ ...t, severity: t.severity.toLowerCase() as Severity, yourUrls: Number(t.yourUrls), rivalsFiring: Number(t.rivalsFiring) })),
      rivalsOk.length,
    );
    outcome = { ...compareCategories(scored(yours), rivalsOk.map(scored)), theyDoItYouDont: gaps };
  }
  const result: ComparisonResult = { computedAt: new Date().toISOString(), ...outcome, facts };
  const failedRivals = audits.filter((a) => a !== yours && !ok.includes(a)).length;
  const error = !yoursOk
    ? `Your site could not be audited${yours?.error ? `: ${yours.error}` : '.'}`
    : failedRivals > 0
      ? `${failedRivals} rival${failedRivals === 1 ? '' : 's'} could not be audited.`
      : rivalsOk.length === 0
        ? 'No rival could be audited.'
        : null;
  await db.comparison.updateMany({
    where: { id: comparisonId, status: { in: ACTIVE_COMPARISON } },
    data: { status: yoursOk ? 'COMPLETED' : 'FAILED', result: result as unknown as Prisma.InputJsonValue, error, finishedAt: new Date() },
  });
  logger.info({ comparisonId, sites: audits.length, ok: ok.length }, 'comparison finalized');
}
