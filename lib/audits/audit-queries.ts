import { readAnalysisPageFacts, readCategoryScores, readFindingDetails, readGraphPageFacts } from '@/lib/audits/audit-json';
import type { GraphPageInput } from '@/lib/checks/build-site-graph';
import { db, pgPool } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { KeywordAnalysis } from '@/lib/analysis/keyword';
import type { CurrentUser } from '@/lib/auth/require-user';
import type { Finding } from '@/lib/checks/types';
import type { Severity as DbSeverity } from '@/lib/generated/prisma/enums';

const SEVERITY_ORDER: DbSeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];

/** The audit if this user may see it (owner or admin); 404 otherwise, so ids cannot be probed. */
export async function getAuditForUser(id: string, user: Pick<CurrentUser, 'id' | 'role'>) {
  // Encrypted crawl secrets never leave the worker's side, not even to a page of their owner.
  const audit = await db.audit.findUnique({ where: { id }, omit: { secrets: true } });
  if (!audit || (audit.userId !== user.id && user.role !== 'ADMIN')) throw new AppError('NOT_FOUND', 'Audit not found.');
  return audit;
}

export function getAudit(id: string) {
  return db.audit.findUnique({ where: { id } });
}

/**
 * The site graph's input: every page row's graph facts, ordered by URL so the graph (and every
 * message listing URLs) is the same however the crawl ran. Only Page.facts->'graph' is read, not the
 * explorer's detail beside it: half the bytes, and about half the time at the end of each audit.
 * `rows` counts every row, readable or not.
 */
export async function readGraphPages(auditId: string): Promise<{ rows: number; pages: GraphPageInput[] }> {
  const { rows } = await pgPool.query<{ graph: unknown }>(`SELECT facts->'graph' AS graph FROM "Page" WHERE "auditId" = $1 ORDER BY url`, [auditId]);
  return {
    rows: rows.length,
    pages: rows.flatMap((r) => {
      const graph = readGraphPageFacts(r.graph);
      return graph ? [graph] : [];
    }),
  };
}

type FindingRow = Awaited<ReturnType<typeof db.finding.findMany>>[number];

export function toFinding(row: FindingRow): Finding {
  return {
    checkId: row.checkId,
    category: row.category as Finding['category'],
    severity: row.severity.toLowerCase() as Finding['severity'],
    title: row.title,
    message: row.message,
    url: row.url,
    ...(readFindingDetails(row.details) ? { details: readFindingDetails(row.details) } : {}),
  };
}

/** Findings of an audit, most severe first (served by the (auditId, severity) index). */
export async function listFindings(auditId: string, { scope, take }: { scope?: 'PAGE' | 'SITE'; take?: number } = {}) {
  const rows = await db.finding.findMany({ where: { auditId, ...(scope ? { scope } : {}) }, take, orderBy: [{ severity: 'asc' }, { checkId: 'asc' }, { url: 'asc' }] });
  return rows.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

export function listPages(auditId: string, take = 10_000) {
  return db.page.findMany({
    where: { auditId },
    orderBy: [{ depth: { sort: 'asc', nulls: 'last' } }, { url: 'asc' }],
    take,
    select: { id: true, url: true, finalUrl: true, status: true, depth: true, title: true, wordCount: true, loadMs: true, error: true, score: true },
  });
}

/** The keyword report stored with an instant analysis, if it had a keyword. */
export async function getKeywordAnalysis(auditId: string): Promise<KeywordAnalysis | null> {
  const page = await db.page.findFirst({ where: { auditId }, select: { facts: true } });
  return readAnalysisPageFacts(page?.facts).keyword ?? null;
}

/** The whole result in the CLI/API shape: pages with their findings, and site findings. */
export async function getAuditResult(auditId: string) {
  const audit = await db.audit.findUniqueOrThrow({ where: { id: auditId } });
  const [pages, findings] = await Promise.all([listPages(auditId), listFindings(auditId)]);
  const byPage = new Map<string, Finding[]>();
  const siteFindings: Finding[] = [];
  for (const row of findings) {
    if (row.scope === 'SITE' || !row.pageId) siteFindings.push(toFinding(row));
    else byPage.set(row.pageId, [...(byPage.get(row.pageId) ?? []), toFinding(row)]);
  }
  return {
    auditId,
    url: audit.url,
    status: audit.status,
    error: audit.error,
    score: audit.score,
    categoryScores: readCategoryScores(audit.categoryScores),
    pages: pages.map((p) => ({ url: p.url, status: p.status, depth: p.depth, error: p.error, findings: byPage.get(p.id) ?? [] })),
    siteFindings,
  };
}
