import type { Redis } from 'ioredis';
import type { CurrentUser } from '@/lib/auth/require-user';
import { createAudit, finishAudit } from '@/lib/audits/audit-lifecycle';
import type { AuditSettings } from '@/lib/crawler/crawl-options';
import { type CrawlSecrets, encryptSecrets, hasSecrets } from '@/lib/audits/crawl-secrets';
import { MAX_BULK_URLS, type ParsedUrlList, toBulkOptions } from '@/lib/audits/audit-input';
import { countOf } from '@/lib/checks/labels';
import { runAudit } from '@/lib/audits/run-audit';
import { runBulkInProcess } from '@/lib/audits/run-bulk';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getRenderPool } from '@/lib/fetch/shared-render-pool';
import { assertEnabled, modeOf } from '@/lib/flags/flags';
import { dispatch, type RunMode } from '@/lib/queue/dispatch';
import { enqueue, enqueueFlow, producerBreaker } from '@/lib/queue/enqueue';
import { priorityFor, type Tier } from '@/lib/queue/jobs';
import { getProducerRedis } from '@/lib/queue/queues';
import { limitRate } from '@/lib/users/rate-limit';
import { attachAuditToSite } from '@/lib/sites/sites';

export function tierOf(user: Pick<CurrentUser, 'role'> | null): Tier {
  return user && (user.role === 'PREMIUM' || user.role === 'ADMIN') ? 'premium' : 'free';
}

/** If the work could go nowhere, the audit row says so instead of sitting in QUEUED forever. */
async function failUnqueued(auditId: string, err: unknown): Promise<never> {
  const message = err instanceof AppError ? err.message : 'Could not queue the audit.';
  await db.audit.update({ where: { id: auditId }, data: { status: 'FAILED', error: message, finishedAt: new Date() } });
  throw err;
}

/**
 * Live events for in-process work: only when the producer's breaker says Redis answers (a flag
 * chose sync). With Redis down, progress lives in PostgreSQL alone, which every reader starts from.
 */
async function progressRedis(): Promise<Redis | null> {
  if (producerBreaker.state !== 'closed') return null;
  return getProducerRedis().catch(() => null);
}

/** Last line of defence for in-process work: nothing may stay RUNNING because the run threw. */
async function failOnError(auditId: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (err) {
    await finishAudit(auditId, { status: 'FAILED', error: `The audit failed while running in the web process: ${err instanceof Error ? err.message : String(err)}` });
    throw err;
  }
}

/**
 * Creates the audit row (QUEUED) and sends the crawl to the queue, or runs it in this process
 * (flag says sync, or Redis is unreachable); returns at once either way, with the mode that ran.
 */
export async function startProfessionalAudit(
  input: { url: string; secrets?: CrawlSecrets } & AuditSettings,
  user: Pick<CurrentUser, 'id' | 'role'> | null,
) {
  await assertEnabled('professional-audit');
  if (user) await limitRate('audit', user.id);
  const priority = priorityFor(tierOf(user), false);
  const { url, secrets, ...options } = input;
  const sealed = secrets && hasSecrets(secrets) ? encryptSecrets(secrets) : null;
  const audit = await createAudit({ kind: 'PROFESSIONAL', url, options, secrets: sealed, userId: user?.id, priority, limit: options.maxPages });
  await attachAuditToSite(audit.id, user?.id, url);
  const mode: RunMode = await dispatch({
    mode: await modeOf('professional-audit', user?.id),
    enqueue: () => enqueue('audit.crawl', { auditId: audit.id }, { priority, jobId: `audit-${audit.id}` }),
    inProcess: {
      name: `audit ${audit.id}`,
      run: async () => failOnError(audit.id, async () => runAudit(audit.id, { redis: await progressRedis(), render: (u, o) => getRenderPool().render(u, o) })),
    },
  }).catch((err) => failUnqueued(audit.id, err));
  return { ...audit, mode };
}

/**
 * One parent bulk audit, one quick child job per URL, and a finalize job when all are done (or,
 * in-process, the same steps one URL after another).
 * `skipped` (rejected lines, duplicates) is stored with the URLs so the audit page can list it.
 */
export async function startBulkAnalysis(urls: string[], user: Pick<CurrentUser, 'id' | 'role'> | null, skipped?: Pick<ParsedUrlList, 'invalid' | 'duplicates'>) {
  await assertEnabled('bulk-analysis');
  if (urls.length === 0) throw new AppError('BAD_REQUEST', 'No valid URLs to analyse.');
  if (urls.length > MAX_BULK_URLS) throw new AppError('BAD_REQUEST', `At most ${MAX_BULK_URLS} URLs per bulk analysis (got ${urls.length}).`);
  if (user) await limitRate('bulk', user.id);
  const priority = priorityFor(tierOf(user), true);
  const audit = await createAudit({ kind: 'BULK', url: countOf(urls.length, 'URL'), options: toBulkOptions(urls, skipped), userId: user?.id, priority, limit: urls.length });
  await db.audit.update({ where: { id: audit.id }, data: { pagesTotal: urls.length } });
  const mode: RunMode = await dispatch({
    mode: await modeOf('bulk-analysis', user?.id),
    enqueue: () =>
      enqueueFlow(
        { name: 'bulk.finalize', payload: { auditId: audit.id }, priority, jobId: `bulk-${audit.id}` },
        urls.map((url) => ({ name: 'bulk.analyze-url' as const, payload: { auditId: audit.id, url }, priority })),
      ),
    inProcess: {
      name: `bulk ${audit.id}`,
      run: async () => failOnError(audit.id, async () => runBulkInProcess(audit.id, urls, { redis: await progressRedis(), render: (u) => getRenderPool().render(u) })),
    },
  }).catch((err) => failUnqueued(audit.id, err));
  return { ...audit, pagesTotal: urls.length, mode };
}
