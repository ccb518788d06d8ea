import type { Redis } from 'ioredis';
import { analyzeUrl } from '@/lib/audits/analyze-url';
import { finishAudit, markAuditRunning } from '@/lib/audits/audit-lifecycle';
import { getAudit } from '@/lib/audits/audit-queries';
import { countFindingsBySeverity, getAuditSnapshot } from '@/lib/audits/audit-snapshot';
import { savePageResult } from '@/lib/audits/save-page-result';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { RenderResult } from '@/lib/fetch/types';
import { createAuditReporter } from '@/lib/audits/audit-reporter';
import { isTerminal } from '@/lib/progress/events';
import { logger } from '@/lib/logger';

type BulkDeps = { redis: Redis | null; render?: (url: string) => Promise<RenderResult>; signal?: AbortSignal };

/** Counters are recounted from the pages table, so a retried child never counts twice. */
async function refreshCounters(auditId: string) {
  const [done, failed] = await Promise.all([
    db.page.count({ where: { auditId } }),
    db.page.count({ where: { auditId, error: { not: null } } }),
  ]);
  await db.audit.updateMany({ where: { id: auditId, status: 'RUNNING' }, data: { pagesDone: done, pagesFailed: failed } });
  return { done, failed };
}

/**
 * One URL of a bulk run. A URL that cannot be fetched is a result (stored with its error),
 * not a job failure: only infrastructure errors (database, Redis) make BullMQ retry.
 */
export async function analyzeBulkUrl(auditId: string, url: string, deps: BulkDeps) {
  const audit = await getAudit(auditId);
  if (!audit || isTerminal(audit.status)) return; // cancelled: skip the remaining URLs quickly
  await markAuditRunning(auditId);
  let status = 0;
  let error: string | null = null;
  let findingsCount = 0;
  try {
    const analyzed = await analyzeUrl(url, { render: 'auto', renderPage: deps.render, signal: deps.signal });
    const { result, facts } = analyzed;
    status = result.status;
    error = result.status >= 400 ? `HTTP ${result.status}` : null;
    findingsCount = result.findings.length;
    await savePageResult(
      auditId,
      { url, finalUrl: result.finalUrl, status, depth: null, title: facts.title, wordCount: facts.wordCount, loadMs: Math.round(facts.timings.totalMs), score: result.score, error },
      result.findings,
    );
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    error = err.message;
    await savePageResult(auditId, { url, status: 0, error }, []);
  }
  const counters = await refreshCounters(auditId);
  const snapshot = await getAuditSnapshot(auditId);
  if (!snapshot) return;
  const reporter = createAuditReporter(deps.redis, { ...snapshot, phase: 'crawling', crawled: counters.done, failed: counters.failed, currentUrl: url });
  await reporter.page({ url, status, depth: null, findings: findingsCount, error });
}

/** After every child: average the page scores and set the final status. */
export async function finalizeBulk(auditId: string, deps: Pick<BulkDeps, 'redis'>) {
  const audit = await getAudit(auditId);
  if (!audit || isTerminal(audit.status)) return;
  const { done, failed } = await refreshCounters(auditId);
  const scores = await db.page.aggregate({ where: { auditId, score: { not: null } }, _avg: { score: true } });
  const expected = audit.pagesTotal;
  const missing = Math.max(expected - done, 0);
  const ok = done - failed;
  const status = ok === 0 ? 'FAILED' : failed + missing > 0 ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED';
  const problems = [failed && `${failed} URL${failed === 1 ? '' : 's'} could not be analysed`, missing && `${missing} never ran`].filter(Boolean).join('; ');
  const score = scores._avg.score === null ? null : Math.round(scores._avg.score);
  await finishAudit(auditId, { status, score, error: problems ? `${problems}.` : null, counts: { pages: done, failed } });
  const reporter = createAuditReporter(deps.redis, {
    auditId,
    status,
    phase: 'done',
    discovered: expected,
    crawled: done,
    failed,
    limit: expected,
    findings: await countFindingsBySeverity(auditId),
    score,
    error: problems || null,
  });
  await reporter.status({});
}

/**
 * The whole bulk run in this process (no queue): the same steps the worker's jobs take, a few URLs
 * at a time, then the finalize step. A URL whose analysis throws is left out, as a child job that
 * failed for good would be: finalize counts it as "never ran".
 */
export async function runBulkInProcess(auditId: string, urls: string[], deps: BulkDeps, concurrency = 3) {
  let next = 0;
  const lane = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      await analyzeBulkUrl(auditId, url, deps).catch((err: unknown) => logger.warn({ err, auditId, url }, 'in-process bulk URL failed'));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, lane));
  await finalizeBulk(auditId, deps);
}
