import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/require-user';
import { SEVERITIES, type Severity } from '@/lib/checks/types';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { CrawlStats, ReportAudit, ReportData } from '@/lib/reports/report-data';
import { toIssueRows, type CheckAggregate, type FindingRow, type PageRow, type RedirectRow } from '@/lib/reports/report-tables';

// Reads an audit for a report, straight from PostgreSQL. Pages and findings come in keyset-paginated
// batches (WHERE (sort key) > (last row's key) … LIMIT n): memory stays at one batch however big the
// audit, and unlike OFFSET, a later batch costs no more than the first. Raw SQL because these are
// the hot loop of a 50,000-row export and the aggregates have no Prisma spelling.

export const BATCH_ROWS = 2_000;

const lower = (s: string) => s.toLowerCase() as Severity;

/** Yields batches until one comes back short; `fetchAfter(null)` reads the first. */
async function* keyset<R>(fetchAfter: (last: R | null) => Promise<R[]>, batchRows: number): AsyncGenerator<R[]> {
  let last: R | null = null;
  for (;;) {
    const rows = await fetchAfter(last);
    if (rows.length > 0) yield rows;
    if (rows.length < batchRows) return;
    last = rows.at(-1)!;
  }
}

const categoryScoresSchema = z.record(z.string(), z.number());

export async function getReportAudit(auditId: string): Promise<ReportAudit | null> {
  const audit = await db.audit.findUnique({
    where: { id: auditId },
    select: { id: true, url: true, kind: true, status: true, score: true, categoryScores: true, createdAt: true, finishedAt: true },
  });
  if (!audit) return null;
  // Written by the scorer as {category: score}; anything else (old rows, no score yet) reads as none.
  return { ...audit, categoryScores: categoryScoresSchema.safeParse(audit.categoryScores).data ?? {} };
}

export async function countAuditPages(auditId: string): Promise<number> {
  return db.page.count({ where: { auditId } });
}

/**
 * The audit if this user may see it (owner or admin); 404 otherwise, so ids cannot be probed.
 * A null user is a trusted caller (the CLI), which sees every audit.
 */
export async function getAuditForReport(auditId: string, user: Pick<CurrentUser, 'id' | 'role'> | null) {
  const audit = await db.audit.findUnique({ where: { id: auditId }, select: { id: true, status: true, userId: true, url: true, createdAt: true, finishedAt: true } });
  if (!audit || (user && audit.userId !== user.id && user.role !== 'ADMIN')) throw new AppError('NOT_FOUND', 'Audit not found.');
  return audit;
}

async function countSeverities(auditId: string): Promise<Record<Severity, number>> {
  const rows = await db.$queryRaw<{ severity: string; n: number }[]>`
    SELECT severity::text AS severity, count(*)::int AS n FROM "Finding" WHERE "auditId" = ${auditId} GROUP BY severity`;
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const r of rows) counts[lower(r.severity)] = r.n;
  return counts;
}

async function readCrawlStats(auditId: string): Promise<CrawlStats> {
  const [stats] = await db.$queryRaw<CrawlStats[]>`
    SELECT count(*)::int AS pages,
      count(*) FILTER (WHERE status BETWEEN 200 AND 299)::int AS ok,
      count(*) FILTER (WHERE status BETWEEN 300 AND 399)::int AS redirects,
      count(*) FILTER (WHERE status BETWEEN 400 AND 499)::int AS "clientErrors",
      count(*) FILTER (WHERE status >= 500)::int AS "serverErrors",
      count(*) FILTER (WHERE status = 0)::int AS "noResponse",
      round(avg("loadMs"))::int AS "avgLoadMs",
      round(percentile_cont(0.5) WITHIN GROUP (ORDER BY "loadMs"))::int AS "medianLoadMs",
      max(depth) AS "maxDepth"
    FROM "Page" WHERE "auditId" = ${auditId}`;
  return stats!;
}

async function countRedirectRows(auditId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Page" WHERE "auditId" = ${auditId} AND status <> 200`;
  return row!.n;
}

/** One row per check that fired; a few example URLs each (a cell cannot hold 10,000 of them). */
async function aggregateChecks(auditId: string): Promise<CheckAggregate[]> {
  const rows = await db.$queryRaw<(Omit<CheckAggregate, 'severity'> & { severity: string })[]>`
    SELECT "checkId", min(severity)::text AS severity, min(category) AS category, min(title) AS title,
      count(*)::int AS findings, count(DISTINCT url)::int AS "pagesAffected",
      (array_agg(DISTINCT url ORDER BY url))[1:5] AS "exampleUrls"
    FROM "Finding" WHERE "auditId" = ${auditId} GROUP BY "checkId"`;
  return rows.map((r) => ({ ...r, severity: lower(r.severity) }));
}

/**
 * Most severe check first, then by check, URL and id. Read check by check: each check's findings
 * come off the (auditId, checkId) index, so a batch sorts one check's rows, not the whole audit's
 * (one keyset over all findings sorted by severity made every batch sort what was left of the
 * audit: quadratic, and three times slower at 200,000 findings).
 */
async function* readFindings(auditId: string, checks: readonly Pick<CheckAggregate, 'checkId' | 'severity'>[], batchRows: number): AsyncGenerator<FindingRow[]> {
  const ordered = [...checks].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || (a.checkId < b.checkId ? -1 : 1));
  for (const { checkId } of ordered) {
    yield* keyset<FindingRow>(async (last) => {
      const after = last ? Prisma.sql`AND (url, id) > (${last.url}, ${last.id})` : Prisma.empty;
      const rows = await db.$queryRaw<FindingRow[]>`
        SELECT id, severity::text AS severity, category, "checkId", title, url, message
        FROM "Finding" WHERE "auditId" = ${auditId} AND "checkId" = ${checkId} ${after}
        ORDER BY url, id LIMIT ${batchRows}`;
      for (const r of rows) r.severity = lower(r.severity);
      return rows;
    }, batchRows);
  }
}

function readPages(auditId: string, batchRows: number) {
  // (auditId, url) is unique and indexed: the keyset is the URL alone.
  return keyset<PageRow>(async (last) => {
    const after = last ? Prisma.sql`AND p.url > ${last.url}` : Prisma.empty;
    return db.$queryRaw<PageRow[]>`
      SELECT p.id, p.url, p.status, p.depth, p.title, p."wordCount", p."loadMs", p.score, p.error,
        (SELECT count(*)::int FROM "Finding" f WHERE f."pageId" = p.id) AS findings
      FROM "Page" p WHERE p."auditId" = ${auditId} ${after}
      ORDER BY p.url LIMIT ${batchRows}`;
  }, batchRows);
}

function readRedirects(auditId: string, batchRows: number) {
  // The crawler stores a redirect's destination in the page's stored graph facts; finalUrl is the
  // fallback for pages written before it did.
  return keyset<RedirectRow>(async (last) => {
    const after = last ? Prisma.sql`AND url > ${last.url}` : Prisma.empty;
    return db.$queryRaw<RedirectRow[]>`
      SELECT id, url, status, depth, error,
        COALESCE(facts->'graph'->>'redirectTo', NULLIF("finalUrl", url)) AS target
      FROM "Page" WHERE "auditId" = ${auditId} AND status <> 200 ${after}
      ORDER BY url LIMIT ${batchRows}`;
  }, batchRows);
}

/** Everything a report needs about one audit; the big tables are read lazily, batch by batch. */
export async function loadReportData(auditId: string, { batchRows = BATCH_ROWS } = {}): Promise<ReportData> {
  const audit = await getReportAudit(auditId);
  if (!audit) throw new Error(`Audit ${auditId} not found`);
  const [severityCounts, crawlStats, redirects, aggregates] = await Promise.all([
    countSeverities(auditId),
    readCrawlStats(auditId),
    countRedirectRows(auditId),
    aggregateChecks(auditId),
  ]);
  const findings = Object.values(severityCounts).reduce((a, b) => a + b, 0);
  return {
    audit,
    severityCounts,
    crawlStats,
    counts: { findings, pages: crawlStats.pages, redirects },
    issues: toIssueRows(aggregates),
    findings: () => readFindings(auditId, aggregates, batchRows),
    pages: () => readPages(auditId, batchRows),
    redirects: () => readRedirects(auditId, batchRows),
  };
}
