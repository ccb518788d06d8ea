import { z } from 'zod';
import { getAuditForUser } from '@/lib/audits/audit-queries';
import type { CurrentUser } from '@/lib/auth/require-user';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { createShareToken, hashShareToken, looksLikeShareToken } from '@/lib/shares/share-token';

// Read-only links to one audit for people without an account. A link is checked on every request
// (never cached), so revoking it or its expiry takes effect at once.

export const MAX_SHARE_DAYS = 365;

export const shareRequestSchema = z.object({
  expiresInDays: z.coerce.number().int().min(1, 'At least 1 day.').max(MAX_SHARE_DAYS, `At most ${MAX_SHARE_DAYS} days.`).default(7),
});
export type ShareRequest = z.output<typeof shareRequestSchema>;

type Owner = Pick<CurrentUser, 'id' | 'role'>;

export function shareUrl(token: string): string {
  return `${env.APP_URL.replace(/\/$/, '')}/share/${token}`;
}

/** A new link for an audit its creator may see; the token is returned here and never again. */
export async function createShare(auditId: string, input: ShareRequest, user: Owner) {
  const audit = await getAuditForUser(auditId, user);
  const { token, tokenHash } = createShareToken();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 3600_000);
  const share = await db.share.create({ data: { tokenHash, auditId: audit.id, userId: user.id, expiresAt } });
  return { id: share.id, token, url: shareUrl(token), expiresAt };
}

/** The audit's links that still work, newest first (no tokens: only their hashes exist). */
export async function listActiveShares(auditId: string, user: Owner) {
  await getAuditForUser(auditId, user);
  return db.share.findMany({
    where: { auditId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, createdAt: true, expiresAt: true },
  });
}

/**
 * Revokes a link given its token (as the API names it) or its id (as the audit page's list does).
 * 404 for a link of someone else's audit, so ids and tokens cannot be probed.
 */
export async function revokeShare(tokenOrId: string, user: Owner) {
  const where = looksLikeShareToken(tokenOrId) ? { tokenHash: hashShareToken(tokenOrId) } : { id: tokenOrId };
  const share = await db.share.findUnique({ where, include: { audit: { select: { userId: true } } } });
  if (!share || (share.audit.userId !== user.id && share.userId !== user.id && user.role !== 'ADMIN')) throw new AppError('NOT_FOUND', 'Share link not found.');
  if (!share.revokedAt) await db.share.update({ where: { id: share.id }, data: { revokedAt: new Date() } });
  return { id: share.id, revoked: true };
}

/**
 * The shared audit behind a token, or null when the token is unknown, revoked or expired. Read
 * from PostgreSQL on every call: nothing may keep serving a revoked link.
 */
export async function resolveShare(token: string) {
  if (!looksLikeShareToken(token)) return null;
  const share = await db.share.findUnique({
    where: { tokenHash: hashShareToken(token) },
    // Encrypted crawl secrets never leave the worker's side.
    include: { audit: { omit: { secrets: true } } },
  });
  if (!share || share.revokedAt || share.expiresAt <= new Date()) return null;
  return { shareId: share.id, expiresAt: share.expiresAt, audit: share.audit };
}

export type SharedAudit = NonNullable<Awaited<ReturnType<typeof resolveShare>>>['audit'];

/** 404 (never 403) for a dead link: whether it ever existed is nobody's business. */
export async function requireShare(token: string) {
  const share = await resolveShare(token);
  if (!share) throw new AppError('NOT_FOUND', 'This share link does not exist, has expired or was revoked.');
  return share;
}

/** A READY report file of the shared audit (and only of it). */
export async function getSharedReport(token: string, reportId: string) {
  const share = await requireShare(token);
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
