import type { CurrentUser } from '@/lib/auth/require-user';
import { createAudit } from '@/lib/audits/audit-lifecycle';
import type { AuditSettings } from '@/lib/crawler/crawl-options';
import { type CrawlSecrets, encryptSecrets, hasSecrets } from '@/lib/audits/crawl-secrets';
import { countOf, MAX_BULK_URLS, type ParsedUrlList, toBulkOptions } from '@/lib/audits/audit-input';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { enqueue, enqueueFlow } from '@/lib/queue/enqueue';
import { priorityFor, type Tier } from '@/lib/queue/jobs';
import { limitRate } from '@/lib/users/rate-limit';

export function tierOf(user: Pick<CurrentUser, 'role'> | null): Tier {
  return user && (user.role === 'PREMIUM' || user.role === 'ADMIN') ? 'premium' : 'free';
}

/** If the queue refuses the job, the audit row says so instead of sitting in QUEUED forever. */
async function failUnqueued(auditId: string, err: unknown): Promise<never> {
  const message = err instanceof AppError ? err.message : 'Could not queue the audit.';
  await db.audit.update({ where: { id: auditId }, data: { status: 'FAILED', error: message, finishedAt: new Date() } });
  throw err;
}

/** Creates the audit row (QUEUED) and enqueues the crawl; returns at once. */
export async function startProfessionalAudit(input: { url: string; secrets?: CrawlSecrets } & AuditSettings, user: Pick<CurrentUser, 'id' | 'role'> | null) {
  if (user) await limitRate('audit', user.id);
  const priority = priorityFor(tierOf(user), false);
  const { url, secrets, ...options } = input;
  const sealed = secrets && hasSecrets(secrets) ? encryptSecrets(secrets) : null;
  const audit = await createAudit({ kind: 'PROFESSIONAL', url, options, secrets: sealed, userId: user?.id, priority, limit: options.maxPages });
  await enqueue('audit.crawl', { auditId: audit.id }, { priority, jobId: `audit-${audit.id}` }).catch((err) => failUnqueued(audit.id, err));
  return audit;
}

/**
 * One parent bulk audit, one quick child job per URL, and a finalize job when all are done.
 * `skipped` (rejected lines, duplicates) is stored with the URLs so the audit page can list it.
 */
export async function startBulkAnalysis(urls: string[], user: Pick<CurrentUser, 'id' | 'role'> | null, skipped?: Pick<ParsedUrlList, 'invalid' | 'duplicates'>) {
  if (urls.length === 0) throw new AppError('BAD_REQUEST', 'No valid URLs to analyse.');
  if (urls.length > MAX_BULK_URLS) throw new AppError('BAD_REQUEST', `At most ${MAX_BULK_URLS} URLs per bulk analysis (got ${urls.length}).`);
  if (user) await limitRate('bulk', user.id);
  const priority = priorityFor(tierOf(user), true);
  const audit = await createAudit({ kind: 'BULK', url: countOf(urls.length, 'URL'), options: toBulkOptions(urls, skipped), userId: user?.id, priority, limit: urls.length });
  await db.audit.update({ where: { id: audit.id }, data: { pagesTotal: urls.length } });
  await enqueueFlow(
    { name: 'bulk.finalize', payload: { auditId: audit.id }, priority, jobId: `bulk-${audit.id}` },
    urls.map((url) => ({ name: 'bulk.analyze-url' as const, payload: { auditId: audit.id, url }, priority })),
  ).catch((err) => failUnqueued(audit.id, err));
  return audit;
}
