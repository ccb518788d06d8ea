import type { Redis } from 'ioredis';
import type { CurrentUser } from '@/lib/auth/require-user';
import { createAudit, finishAudit } from '@/lib/audits/audit-lifecycle';
import { runAudit } from '@/lib/audits/run-audit';
import { tierOf } from '@/lib/audits/start-audit';
import { analyzeUrl } from '@/lib/audits/analyze-url';
import { DEFAULT_COMPARISON_PAGES, type ComparisonRequest } from '@/lib/comparisons/comparison-input';
import { failComparisonForGood } from '@/lib/comparisons/comparisons';
import { finalizeComparison, type FinalizeDeps } from '@/lib/comparisons/finalize-comparison';
import { auditSettingsSchema } from '@/lib/crawler/crawl-options';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getRenderPool } from '@/lib/fetch/shared-render-pool';
import { assertEnabled, modeOf } from '@/lib/flags/flags';
import { logger } from '@/lib/logger';
import { dispatch, type RunMode } from '@/lib/queue/dispatch';
import { enqueueFlow, producerBreaker } from '@/lib/queue/enqueue';
import { priorityFor } from '@/lib/queue/jobs';
import { getProducerRedis } from '@/lib/queue/queues';
import { findOrCreateSite } from '@/lib/sites/sites';
import { limitRate } from '@/lib/users/rate-limit';

/** The keyword placement of one home page, for the finalize step (app, worker and CLI alike). */
export const analyzeHomeKeyword: NonNullable<FinalizeDeps['analyzeKeyword']> = async (url, keyword) =>
  (await analyzeUrl(url, { keyword, render: 'never' })).result.keyword ?? null;

/** Every site's audit in this process, one after another, then the result (the queue's flow, without a queue). */
export async function runComparisonInProcess(comparisonId: string, auditIds: string[], redis: Redis | null) {
  try {
    for (const auditId of auditIds) {
      await runAudit(auditId, { redis, render: (u, o) => getRenderPool().render(u, o) }).catch(async (err: unknown) => {
        // As a child job failing for good: that site is left out, the others go on.
        logger.warn({ err, comparisonId, auditId }, 'in-process comparison audit failed');
        await finishAudit(auditId, { status: 'FAILED', error: err instanceof Error ? err.message : String(err) });
      });
    }
    await finalizeComparison(comparisonId, { analyzeKeyword: analyzeHomeKeyword });
  } catch (err) {
    await failComparisonForGood(comparisonId, err instanceof Error ? err : String(err));
    throw err;
  }
}

/**
 * Creates the comparison (RUNNING) and one audit per site (the user's own first), each in its
 * site's history, then sends them to the queue as a flow — one audit.crawl child per site and
 * comparison.finalize as the parent — or runs them in this process when the professional-audit flag
 * says sync or Redis is unreachable. Returns at once either way.
 */
export async function startComparison(input: ComparisonRequest, user: Pick<CurrentUser, 'id' | 'role'> | null, { inProcess = false }: { inProcess?: boolean } = {}) {
  await assertEnabled('comparison');
  await assertEnabled('professional-audit');
  if (user) await limitRate('audit', user.id);
  const priority = priorityFor(tierOf(user), false);
  const options = auditSettingsSchema.parse({ maxPages: input.maxPages ?? DEFAULT_COMPARISON_PAGES });
  const comparison = await db.comparison.create({
    data: { userId: user?.id ?? null, status: 'RUNNING', url: input.url, rivals: input.rivals, keyword: input.keyword ?? null, maxPages: options.maxPages },
  });
  const auditIds: string[] = [];
  for (const [position, url] of [input.url, ...input.rivals].entries()) {
    const audit = await createAudit({ kind: 'PROFESSIONAL', url, options, userId: user?.id, priority, limit: options.maxPages });
    const site = user ? await findOrCreateSite(user.id, url) : null;
    await db.audit.update({ where: { id: audit.id }, data: { comparisonId: comparison.id, comparisonPosition: position, siteId: site?.id ?? null } });
    auditIds.push(audit.id);
  }

  const mode: RunMode = await dispatch({
    // The CLI with no worker up asks for this process: queued jobs would wait for nobody.
    mode: inProcess ? 'sync' : await modeOf('professional-audit', user?.id),
    enqueue: () =>
      enqueueFlow(
        { name: 'comparison.finalize', payload: { comparisonId: comparison.id }, priority, jobId: `comparison-${comparison.id}` },
        auditIds.map((auditId) => ({ name: 'audit.crawl' as const, payload: { auditId }, priority })),
      ),
    inProcess: {
      name: `comparison ${comparison.id}`,
      run: async () => {
        const redis = producerBreaker.state === 'closed' ? await getProducerRedis().catch(() => null) : null;
        await runComparisonInProcess(comparison.id, auditIds, redis);
      },
    },
  }).catch(async (err: unknown) => {
    // The work could go nowhere: say so on every row instead of leaving them QUEUED.
    const message = err instanceof AppError ? err.message : 'Could not queue the comparison.';
    for (const auditId of auditIds) await finishAudit(auditId, { status: 'FAILED', error: message });
    await failComparisonForGood(comparison.id, message);
    throw err;
  });
  return { id: comparison.id, status: comparison.status, mode, auditIds };
}
