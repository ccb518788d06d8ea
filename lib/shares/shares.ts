import { z } from 'zod';
import { getAuditForUser } from '@/lib/audits/audit-queries';
import type { CurrentUser } from '@/lib/auth/require-user';
import { getComparisonForUser } from '@/lib/comparisons/comparisons';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { parseInput, readJson } from '@/lib/http/json-route';
import { createShareToken, hashShareToken, looksLikeShareToken } from '@/lib/shares/share-token';

// Read-only links to one audit or comparison for people without an account. A link is checked on every request
// (never cached), so revoking it or its expiry takes effect at once.

export const MAX_SHARE_DAYS = 365;

export const shareRequestSchema = z.object({
  expiresInDays: z.coerce.number().int().min(1, 'At least 1 day.').max(MAX_SHARE_DAYS, `At most ${MAX_SHARE_DAYS} days.`).default(7),
});
export type ShareRequest = z.output<typeof shareRequestSchema>;

/** A share route's body: {expiresInDays?}, or none at all for the default. */
export async function readShareRequest(request: Request): Promise<ShareRequest> {
  const hasBody = request.headers.get('content-length') !== '0' && request.body !== null;
  return parseInput(shareRequestSchema, hasBody ? await readJson(request, '{"expiresInDays": 7}') : {});
}

type Owner = Pick<CurrentUser, 'id' | 'role'>;

/** What a link shows: one audit or one comparison, never both. */
export type ShareTarget = { auditId: string } | { comparisonId: string };

export function shareUrl(token: string): string {
  return `${env.APP_URL.replace(/\/$/, '')}/share/${token}`;
}

/** The target's row id as the Share row names it, after checking this user may see it (404 otherwise). */
async function checkTarget(target: ShareTarget, user: Owner) {
  if ('auditId' in target) return { auditId: (await getAuditForUser(target.auditId, user)).id };
  return { comparisonId: (await getComparisonForUser(target.comparisonId, user)).id };
}

/** A new link for an audit or comparison its creator may see; the token is returned here and never again. */
export async function createShare(target: ShareTarget, input: ShareRequest, user: Owner) {
  const checked = await checkTarget(target, user);
  const { token, tokenHash } = createShareToken();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 3600_000);
  const share = await db.share.create({ data: { tokenHash, ...checked, userId: user.id, expiresAt } });
  return { id: share.id, token, url: shareUrl(token), expiresAt };
}

/** The target's links that still work, newest first (no tokens: only their hashes exist). */
export async function listActiveShares(target: ShareTarget, user: Owner) {
  const checked = await checkTarget(target, user);
  return db.share.findMany({
    where: { ...checked, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, createdAt: true, expiresAt: true },
  });
}

/**
 * Revokes a link given its token (as the API names it) or its id (as the share panel's list does).
 * 404 for a link of someone else's audit or comparison, so ids and tokens cannot be probed.
 */
export async function revokeShare(tokenOrId: string, user: Owner) {
  const where = looksLikeShareToken(tokenOrId) ? { tokenHash: hashShareToken(tokenOrId) } : { id: tokenOrId };
  const share = await db.share.findUnique({ where, include: { audit: { select: { userId: true } }, comparison: { select: { userId: true } } } });
  const ownerId = share?.audit?.userId ?? share?.comparison?.userId;
  if (!share || (ownerId !== user.id && share.userId !== user.id && user.role !== 'ADMIN')) throw new AppError('NOT_FOUND', 'Share link not found.');
  if (!share.revokedAt) await db.share.update({ where: { id: share.id }, data: { revokedAt: new Date() } });
  return { id: share.id, revoked: true };
}

/**
 * The audit or comparison behind a token; `expired` for a link past its date (its page says so),
 * null when the token is unknown or revoked. Read from PostgreSQL on every call: nothing may keep
 * serving a revoked link.
 */
export async function resolveShare(token: string) {
  if (!looksLikeShareToken(token)) return null;
  const share = await db.share.findUnique({
    where: { tokenHash: hashShareToken(token) },
    // Encrypted crawl secrets never leave the worker's side.
    include: { audit: { omit: { secrets: true } }, comparison: true },
  });
  if (!share || share.revokedAt) return null;
  if (share.expiresAt <= new Date()) return { kind: 'expired' as const, expiresAt: share.expiresAt };
  if (share.audit) return { kind: 'audit' as const, shareId: share.id, expiresAt: share.expiresAt, audit: share.audit };
  if (share.comparison) return { kind: 'comparison' as const, shareId: share.id, expiresAt: share.expiresAt, comparison: share.comparison };
  return null;
}

type LiveShare = Exclude<NonNullable<Awaited<ReturnType<typeof resolveShare>>>, { kind: 'expired' }>;
export type SharedAudit = Extract<LiveShare, { kind: 'audit' }>['audit'];

/** 404 (never 403) for a dead link: whether it ever existed is nobody's business. */
export async function requireShare(token: string): Promise<LiveShare> {
  const share = await resolveShare(token);
  if (!share) throw new AppError('NOT_FOUND', 'This share link does not exist, has expired or was revoked.');
  if (share.kind === 'expired') throw new AppError('NOT_FOUND', `This share link expired on ${share.expiresAt.toISOString().slice(0, 10)}.`);
  return share;
}

/** A READY report file of the shared audit (and only of it). */
export async function getSharedReport(token: string, reportId: string) {
  const share = await requireShare(token);
  // A comparison's link has no report files.
  if (share.kind !== 'audit') throw new AppError('NOT_FOUND', 'Report not found.');
  const report = await db.report.findFirst({
    where: { id: reportId, auditId: share.audit.id, status: 'READY' },
    include: { audit: { select: { url: true, createdAt: true, finishedAt: true } } },
  });
  if (!report) throw new AppError('NOT_FOUND', 'Report not found.');
  return report;
}

export async function listSharedReports(auditId: string) {
  return db.report.findMany({
    where: { auditId, status: 'READY' },
    orderBy: { createdAt: 'desc' },
    take: 20,
    select: { id: true, format: true, kind: true, sizeBytes: true, readyAt: true },
  });
}
