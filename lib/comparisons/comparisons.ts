// Comparison rows: reading them for a user, the view the API and page show, and closing one for good.
import type { CurrentUser } from '@/lib/auth/require-user';
import { readCategoryScores } from '@/lib/audits/audit-json';
import { readComparisonResult } from '@/lib/comparisons/comparison-result';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { ComparisonStatus } from '@/lib/generated/prisma/enums';

export const ACTIVE_COMPARISON: ComparisonStatus[] = ['QUEUED', 'RUNNING'];

/** The comparison if this user may see it (owner or admin); 404 otherwise, so ids cannot be probed. */
export async function getComparisonForUser(id: string, user: Pick<CurrentUser, 'id' | 'role'>) {
  const comparison = await db.comparison.findUnique({ where: { id } });
  if (!comparison || (comparison.userId !== user.id && user.role !== 'ADMIN')) throw new AppError('NOT_FOUND', 'Comparison not found.');
  return comparison;
}

/** The audits of a comparison, the user's own site first. */
export function listComparisonAudits(comparisonId: string) {
  return db.audit.findMany({
    where: { comparisonId },
    orderBy: { comparisonPosition: 'asc' },
    select: { id: true, url: true, status: true, score: true, categoryScores: true, pagesDone: true, pagesTotal: true, error: true, comparisonPosition: true, finishedAt: true },
  });
}

export type ComparisonSite = {
  url: string;
  auditId: string;
  role: 'you' | 'rival';
  status: string;
  score: number | null;
  categoryScores: Record<string, number>;
  pagesDone: number;
  error: string | null;
};

/** What GET /api/comparisons/:id and the compare page show: live site statuses, then the result. */
export async function getComparisonView(comparison: Awaited<ReturnType<typeof getComparisonForUser>>) {
  const audits = await listComparisonAudits(comparison.id);
  const sites: ComparisonSite[] = audits.map((a) => ({
    url: a.url,
    auditId: a.id,
    role: a.comparisonPosition === 0 ? 'you' : 'rival',
    status: a.status,
    score: a.score,
    categoryScores: readCategoryScores(a.categoryScores),
    pagesDone: a.pagesDone,
    error: a.error,
  }));
  const result = readComparisonResult(comparison.result);
  return {
    id: comparison.id,
    status: comparison.status,
    url: comparison.url,
    rivals: comparison.rivals,
    keyword: comparison.keyword,
    maxPages: comparison.maxPages,
    error: comparison.error,
    createdAt: comparison.createdAt,
    finishedAt: comparison.finishedAt,
    sites,
    wins: result?.wins ?? [],
    losses: result?.losses ?? [],
    ties: result?.ties ?? [],
    theyDoItYouDont: result?.theyDoItYouDont ?? [],
    facts: result?.facts ?? {},
  };
}
export type ComparisonView = Awaited<ReturnType<typeof getComparisonView>>;

export function listComparisons(userId: string, take = 50) {
  return db.comparison.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take, select: { id: true, url: true, rivals: true, status: true, createdAt: true } });
}

/** Opens a FAILED comparison again for a replayed finalize job (a dead letter). */
export async function reopenFailedComparison(comparisonId: string): Promise<void> {
  await db.comparison.updateMany({ where: { id: comparisonId, status: 'FAILED' }, data: { status: 'RUNNING', error: null, finishedAt: null } });
}

/** Nothing may stay RUNNING: the finalize job's last failure (or a failed start) closes the comparison. */
export async function failComparisonForGood(comparisonId: string, err: Error | string): Promise<void> {
  const message = typeof err === 'string' ? err : err.message;
  await db.comparison.updateMany({
    where: { id: comparisonId, status: { in: ACTIVE_COMPARISON } },
    data: { status: 'FAILED', error: `The comparison could not be computed: ${message}`, finishedAt: new Date() },
  });
}
