import type { CurrentUser } from '@/lib/auth/require-user';
import { readCategoryScores } from '@/lib/audits/audit-json';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { siteKeyOf } from '@/lib/sites/site-key';

/** The user's site for this URL, created on first use (unique per user, origin and start path). */
export async function findOrCreateSite(userId: string, url: string) {
  const key = siteKeyOf(url);
  // upsert is one statement, so two audits started at once for a new site cannot both create it.
  return db.site.upsert({
    where: { userId_origin_startPath: { userId, ...key } },
    create: { userId, ...key },
    update: {},
  });
}

/** Puts an audit in its site's history; audits without an owner (CLI) belong to no site. */
export async function attachAuditToSite(auditId: string, userId: string | null | undefined, url: string): Promise<string | null> {
  if (!userId) return null;
  const site = await findOrCreateSite(userId, url);
  await db.audit.update({ where: { id: auditId }, data: { siteId: site.id } });
  return site.id;
}

/** The site if this user may see it (owner or admin); 404 otherwise, so ids cannot be probed. */
export async function getSiteForUser(id: string, user: Pick<CurrentUser, 'id' | 'role'>) {
  const site = await db.site.findUnique({ where: { id } });
  if (!site || (site.userId !== user.id && user.role !== 'ADMIN')) throw new AppError('NOT_FOUND', 'Site not found.');
  return site;
}

export type SiteListRow = {
  id: string;
  origin: string;
  startPath: string;
  name: string | null;
  audits: number;
  lastAuditAt: Date | null;
  lastScore: number | null;
  lastAuditId: string | null;
};

/** The user's sites, most recently audited first, with their latest audit. */
export async function listSites(userId: string, take = 200): Promise<SiteListRow[]> {
  const sites = await db.site.findMany({
    where: { userId },
    take,
    include: {
      _count: { select: { audits: true } },
      audits: { orderBy: { createdAt: 'desc' }, take: 1, select: { id: true, createdAt: true, score: true } },
    },
  });
  return sites
    .map((s) => ({
      id: s.id,
      origin: s.origin,
      startPath: s.startPath,
      name: s.name,
      audits: s._count.audits,
      lastAuditAt: s.audits[0]?.createdAt ?? null,
      lastScore: s.audits[0]?.score ?? null,
      lastAuditId: s.audits[0]?.id ?? null,
    }))
    .sort((a, b) => (b.lastAuditAt?.getTime() ?? 0) - (a.lastAuditAt?.getTime() ?? 0));
}

export type SiteAuditRow = {
  id: string;
  status: string;
  url: string;
  score: number | null;
  categoryScores: Record<string, number>;
  pagesDone: number;
  createdAt: Date;
  finishedAt: Date | null;
  /** The audit before this one in the site's history, for "compare with previous". */
  previousId: string | null;
};

/** A site's audits, newest first (the trend chart reverses them). */
export async function listSiteAudits(siteId: string, take = 100): Promise<SiteAuditRow[]> {
  const audits = await db.audit.findMany({
    where: { siteId },
    orderBy: { createdAt: 'desc' },
    take: take + 1,
    select: { id: true, status: true, url: true, score: true, categoryScores: true, pagesDone: true, createdAt: true, finishedAt: true },
  });
  return audits.slice(0, take).map((a, i) => ({ ...a, categoryScores: readCategoryScores(a.categoryScores), previousId: audits[i + 1]?.id ?? null }));
}
