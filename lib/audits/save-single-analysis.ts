import type { AnalyzedPage } from '@/lib/audits/analyze-url';
import { savePageResult } from '@/lib/audits/save-page-result';
import { db } from '@/lib/db';

/** Stores an instant analysis as a completed SINGLE audit so it shows in the user's history. */
export async function saveSingleAnalysis(analyzed: AnalyzedPage, input: { url: string; keyword?: string; render: string }, userId: string | null) {
  const { result, facts } = analyzed;
  const audit = await db.audit.create({
    data: {
      kind: 'SINGLE',
      status: 'COMPLETED',
      url: input.url,
      options: { keyword: input.keyword ?? null, render: input.render },
      userId,
      pagesTotal: 1,
      pagesDone: 1,
      pagesFailed: result.status >= 400 ? 1 : 0,
      score: result.score,
      categoryScores: result.categoryScores,
      startedAt: new Date(Date.now() - facts.timings.totalMs),
      finishedAt: new Date(),
    },
  });
  await savePageResult(
    audit.id,
    {
      url: input.url,
      finalUrl: result.finalUrl,
      status: result.status,
      depth: 0,
      title: facts.title,
      wordCount: facts.wordCount,
      loadMs: Math.round(facts.timings.totalMs),
      score: result.score,
      facts: { keyword: result.keyword ?? null, rendered: analyzed.rendered, renderError: analyzed.renderError ?? null },
    },
    result.findings,
  );
  return audit.id;
}
