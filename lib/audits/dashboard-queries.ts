import { getAuditSnapshot } from '@/lib/audits/audit-snapshot';
import { db } from '@/lib/db';
import type { AuditKind, AuditStatus } from '@/lib/generated/prisma/enums';
import { ACTIVE_STATUSES } from '@/lib/progress/events';

// Read-only queries for the dashboard. Until there is a Site model, a "site" is the host of the
// audited URL without "www." (and with its port when not the default one): http://www.example.com/a
// and https://example.com/b are one site.

/** How many of a site's newest audits are read to draw its trend. */
const ROWS_PER_SITE = 30;
/** Points on a site's trend line. */
export const TREND_POINTS = 8;

export type SiteAuditRow = { id: string; url: string; kind: AuditKind; status: AuditStatus; score: number | null; createdAt: Date };

export type SiteSummary = {
  /** "example.com", "127.0.0.1:8080". */
  site: string;
  /** The newest audit of any kind, whatever its state (the link "latest audit"). */
  latest: SiteAuditRow;
  /** All the site's audits and page analyses, not only the rows read. */
  audits: number;
  /** The newest score and where it comes from; null when nothing has been scored yet. */
  score: { value: number; auditId: string; kind: AuditKind; url: string } | null;
  /** Scores of comparable runs, oldest first, the newest last (at most TREND_POINTS). */
  trend: number[];
  /** Newest score minus the one before it; null with fewer than two points. */
  delta: number | null;
};

/**
 * One site's card from its newest audits (newest first). Site audit scores and single-page scores
 * measure different things, so the trend uses one of them: site audits when the site has a scored
 * one, otherwise the analyses of the page analysed most recently.
 */
export function summariseSite(site: string, rows: SiteAuditRow[], audits = rows.length): SiteSummary | null {
  const latest = rows[0];
  if (!latest) return null;
  const scored = rows.filter((r): r is SiteAuditRow & { score: number } => r.score !== null && r.kind !== 'BULK' && r.kind !== 'COMPARISON');
  const siteAudits = scored.filter((r) => r.kind === 'PROFESSIONAL');
  const newestPage = scored.find((r) => r.kind === 'SINGLE');
  const series = siteAudits.length > 0 ? siteAudits : scored.filter((r) => r.kind === 'SINGLE' && r.url === newestPage?.url);
  const trend = series.slice(0, TREND_POINTS).map((r) => r.score).reverse();
  const newest = series[0];
  return {
    site,
    latest,
    audits,
    score: newest ? { value: newest.score, auditId: newest.id, kind: newest.kind, url: newest.url } : null,
    trend,
    delta: trend.length >= 2 ? trend.at(-1)! - trend.at(-2)! : null,
  };
}

type SiteRow = SiteAuditRow & { site: string; audits: bigint | number; siteCount: bigint | number };

/**
 * The user's sites, most recently audited first: at most `take` of them, each with its newest
 * audits, plus how many sites there are in all (so the page can say what it leaves out).
 */
export async function listSitesForUser(userId: string, take = 12): Promise<{ sites: SiteSummary[]; total: number }> {
  // The host part of the URL (after an optional user-info), lower-cased, without a leading "www.".
  const rows = await db.$queryRaw<SiteRow[]>`
    WITH keyed AS (
      SELECT id, url, kind, status, score, "createdAt",
        regexp_replace(lower(substring(url from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^/?#]+)')), '^www\\.', '') AS site
      FROM "Audit"
      WHERE "userId" = ${userId} AND "parentId" IS NULL AND kind IN ('SINGLE', 'PROFESSIONAL')
    ), ranked AS (
      SELECT *,
        row_number() OVER (PARTITION BY site ORDER BY "createdAt" DESC, id DESC) AS recent,
        count(*) OVER (PARTITION BY site) AS audits,
        max("createdAt") OVER (PARTITION BY site) AS "lastAt"
      FROM keyed WHERE site IS NOT NULL AND site <> ''
    ), sited AS (
      SELECT *, dense_rank() OVER (ORDER BY "lastAt" DESC, site) AS "siteRank" FROM ranked
    ), counted AS (
      SELECT *, max("siteRank") OVER () AS "siteCount" FROM sited
    )
    SELECT id, url, kind, status, score, "createdAt", site, audits, "siteCount"
    FROM counted
    WHERE "siteRank" <= ${take} AND recent <= ${ROWS_PER_SITE}
    ORDER BY "siteRank", "createdAt" DESC, id DESC`;

  const bySite = new Map<string, SiteRow[]>();
  for (const row of rows) bySite.set(row.site, [...(bySite.get(row.site) ?? []), row]);
  const sites = [...bySite].flatMap(([site, list]) => summariseSite(site, list, Number(list[0]!.audits)) ?? []);
  return { sites, total: Number(rows[0]?.siteCount ?? 0) };
}

/** The user's queued and running audits (newest first) with their live state, and how many there are. */
export async function listRunningAudits(userId: string, take = 5) {
  const where = { userId, parentId: null, status: { in: [...ACTIVE_STATUSES] } };
  const [audits, total] = await Promise.all([
    db.audit.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take, select: { id: true, kind: true, url: true, createdAt: true } }),
    db.audit.count({ where }),
  ]);
  const withSnapshots = await Promise.all(audits.map(async (audit) => ({ ...audit, snapshot: await getAuditSnapshot(audit.id) })));
  return { audits: withSnapshots.flatMap((a) => (a.snapshot ? [{ ...a, snapshot: a.snapshot }] : [])), total };
}

/** How many audits and analyses the user has (top-level ones: a bulk run counts once). */
export function countAuditsForUser(userId: string) {
  return db.audit.count({ where: { userId, parentId: null } });
}
