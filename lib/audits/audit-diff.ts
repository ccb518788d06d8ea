// What changed between two audits of one site: findings new, fixed and persisting (matched by check
// and URL), pages added and removed, status codes that changed, and the score change per category.
// Every set operation runs in PostgreSQL on the (auditId, url, checkId) index and the lists are
// capped, so two 10,000-page audits are compared without loading either into memory.
// Callers check access to both audits first: these functions trust the ids.
import { readCategoryScores } from '@/lib/audits/audit-json';
import type { CurrentUser } from '@/lib/auth/require-user';
import { getAuditForUser } from '@/lib/audits/audit-queries';
import { SEVERITIES, type Severity } from '@/lib/checks/types';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { siteKeyOf } from '@/lib/sites/site-key';

/** Rows per list; the counts always cover everything. */
export const DIFF_LIST_LIMIT = 500;

export type DiffAuditRow = AuditRow;

export type DiffFinding = { checkId: string; category: string; severity: Severity; title: string; message: string; url: string; scope: 'PAGE' | 'SITE' };
export type StatusChange = { url: string; before: number; after: number };

export type AuditDiff = {
  /** The earlier audit (what "new" and "fixed" are relative to) and the later one. */
  base: { id: string; url: string; createdAt: Date; score: number | null };
  head: { id: string; url: string; createdAt: Date; score: number | null };
  new: DiffFinding[];
  fixed: DiffFinding[];
  persisting: number;
  counts: { new: number; fixed: number; persisting: number; pagesAdded: number; pagesRemoved: number; statusChanges: number };
  /** New findings per severity, for a CI gate ("any new high or worse?"). */
  newBySeverity: Record<Severity, number>;
  pagesAdded: string[];
  pagesRemoved: string[];
  statusChanges: StatusChange[];
  scoreDelta: { overall: number | null; byCategory: Record<string, number> };
  /** True when a list was cut at `limit`. */
  truncated: boolean;
};

type AuditRow = { id: string; url: string; userId: string | null; siteId: string | null; createdAt: Date; score: number | null; categoryScores: unknown };

/**
 * Two audits are of one site when they share an owner and the normalised origin + start path. The
 * CLI (which reads the database directly, like an administrator) passes sameOwner: false, so a
 * baseline audited in the app can gate a CLI run.
 */
export function assertSameSite(a: AuditRow, b: AuditRow, { sameOwner = true }: { sameOwner?: boolean } = {}): void {
  const ka = siteKeyOf(a.url);
  const kb = siteKeyOf(b.url);
  const sameKey = ka.origin === kb.origin && ka.startPath === kb.startPath;
  const same = sameOwner && a.siteId && b.siteId ? a.siteId === b.siteId : (!sameOwner || a.userId === b.userId) && sameKey;
  if (!same) throw new AppError('BAD_REQUEST', `These audits are of different sites (${ka.origin}${ka.startPath} and ${kb.origin}${kb.startPath}); only audits of the same site can be compared.`);
  if (a.id === b.id) throw new AppError('BAD_REQUEST', 'Choose two different audits to compare.');
}

/** The earlier audit is the base whichever order they were named in: "new" always means "since then". */
export function orderPair<T extends Pick<AuditRow, 'createdAt'>>(a: T, b: T): { base: T; head: T } {
  return a.createdAt.getTime() <= b.createdAt.getTime() ? { base: a, head: b } : { base: b, head: a };
}

/** Both audits if this user may see them (404 otherwise) and they are of one site (400 otherwise), earlier first. */
export async function getDiffPairForUser(idA: string, idB: string, user: Pick<CurrentUser, 'id' | 'role'>) {
  const [a, b] = await Promise.all([getAuditForUser(idA, user), getAuditForUser(idB, user)]);
  assertSameSite(a, b);
  return orderPair(a, b);
}

export function diffScores(base: { score: number | null; categoryScores: unknown }, head: { score: number | null; categoryScores: unknown }) {
  const before = readCategoryScores(base.categoryScores);
  const after = readCategoryScores(head.categoryScores);
  const byCategory: Record<string, number> = {};
  for (const category of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (category in before && category in after) byCategory[category] = after[category]! - before[category]!;
  }
  return { overall: base.score !== null && head.score !== null ? head.score - base.score : null, byCategory };
}

type FindingSqlRow = { checkId: string; category: string; severity: string; title: string; message: string; url: string; scope: 'PAGE' | 'SITE' };

function toDiffFinding({ checkId, category, severity, title, message, url, scope }: FindingSqlRow): DiffFinding {
  return { checkId, category, severity: severity.toLowerCase() as Severity, title, message, url, scope };
}

/** Findings (one per check + URL, the most severe row) of `inAudit` with no match in `notIn`. */
function onlyIn(inAudit: string, notIn: string, limit: number) {
  return db.$queryRaw<FindingSqlRow[]>`
    SELECT * FROM (
      SELECT DISTINCT ON (f."checkId", f.url) f."checkId", f.category, f.severity::text AS severity, f.title, f.message, f.url, f.scope::text AS scope, f.severity AS rank
      FROM "Finding" f
      WHERE f."auditId" = ${inAudit}
        AND NOT EXISTS (SELECT 1 FROM "Finding" o WHERE o."auditId" = ${notIn} AND o.url = f.url AND o."checkId" = f."checkId")
      ORDER BY f."checkId", f.url, f.severity
    ) d
    ORDER BY d.rank, d."checkId", d.url
    LIMIT ${limit}`;
}

/** Distinct check + URL pairs of `head`, split by severity and by whether `base` has them too. */
function tallyFindings(head: string, base: string) {
  return db.$queryRaw<{ severity: string; matched: boolean; n: bigint }[]>`
    SELECT d.severity::text AS severity, d.matched, count(*) AS n FROM (
      SELECT DISTINCT ON (f."checkId", f.url) f.severity,
        EXISTS (SELECT 1 FROM "Finding" o WHERE o."auditId" = ${base} AND o.url = f.url AND o."checkId" = f."checkId") AS matched
      FROM "Finding" f WHERE f."auditId" = ${head}
      ORDER BY f."checkId", f.url, f.severity
    ) d GROUP BY d.severity, d.matched`;
}

function countFixed(head: string, base: string) {
  return db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (
      SELECT DISTINCT f."checkId", f.url FROM "Finding" f
      WHERE f."auditId" = ${base}
        AND NOT EXISTS (SELECT 1 FROM "Finding" o WHERE o."auditId" = ${head} AND o.url = f.url AND o."checkId" = f."checkId")
    ) d`;
}

function pagesOnlyIn(inAudit: string, notIn: string, limit: number) {
  return db.$queryRaw<{ url: string; total: bigint }[]>`
    SELECT p.url, count(*) OVER () AS total FROM "Page" p
    WHERE p."auditId" = ${inAudit} AND NOT EXISTS (SELECT 1 FROM "Page" o WHERE o."auditId" = ${notIn} AND o.url = p.url)
    ORDER BY p.url LIMIT ${limit}`;
}

function statusChanges(head: string, base: string, limit: number) {
  return db.$queryRaw<{ url: string; before: number; after: number; total: bigint }[]>`
    SELECT h.url, b.status AS before, h.status AS after, count(*) OVER () AS total
    FROM "Page" h JOIN "Page" b ON b."auditId" = ${base} AND b.url = h.url
    WHERE h."auditId" = ${head} AND h.status <> b.status
    ORDER BY h.url LIMIT ${limit}`;
}

/** The diff from `base` (earlier) to `head` (later). */
export async function diffAudits(base: AuditRow, head: AuditRow, limit = DIFF_LIST_LIMIT): Promise<AuditDiff> {
  const [added, fixed, tallies, fixedCount, pagesAdded, pagesRemoved, changes] = await Promise.all([
    onlyIn(head.id, base.id, limit),
    onlyIn(base.id, head.id, limit),
    tallyFindings(head.id, base.id),
    countFixed(head.id, base.id),
    pagesOnlyIn(head.id, base.id, limit),
    pagesOnlyIn(base.id, head.id, limit),
    statusChanges(head.id, base.id, limit),
  ]);
  const newBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let persisting = 0;
  for (const t of tallies) {
    if (t.matched) persisting += Number(t.n);
    else newBySeverity[t.severity.toLowerCase() as Severity] += Number(t.n);
  }
  const counts = {
    new: Object.values(newBySeverity).reduce((a, b) => a + b, 0),
    fixed: Number(fixedCount[0]?.n ?? 0),
    persisting,
    pagesAdded: Number(pagesAdded[0]?.total ?? 0),
    pagesRemoved: Number(pagesRemoved[0]?.total ?? 0),
    statusChanges: Number(changes[0]?.total ?? 0),
  };
  const pick = ({ id, url, createdAt, score }: AuditRow) => ({ id, url, createdAt, score });
  return {
    base: pick(base),
    head: pick(head),
    new: added.map(toDiffFinding),
    fixed: fixed.map(toDiffFinding),
    persisting,
    counts,
    newBySeverity,
    pagesAdded: pagesAdded.map((p) => p.url),
    pagesRemoved: pagesRemoved.map((p) => p.url),
    statusChanges: changes.map(({ url, before, after }) => ({ url, before, after })),
    scoreDelta: diffScores(base, head),
    truncated: [added.length, fixed.length, pagesAdded.length, pagesRemoved.length, changes.length].some((n) => n >= limit),
  };
}

/** True when the diff has a new finding at or above `failOn` (the CI gate). */
export function hasRegression(diff: Pick<AuditDiff, 'newBySeverity'>, failOn: Severity): boolean {
  const limit = SEVERITIES.indexOf(failOn);
  return SEVERITIES.some((s, i) => i <= limit && diff.newBySeverity[s] > 0);
}
