// The audit explorer's reads: issues, affected URLs, the pages table, one page's detail and the
// overview. Everything is paginated, sorted, filtered and aggregated in PostgreSQL (raw SQL where
// Prisma has no spelling for it), so a 10,000-page audit answers as fast as a 10-page one.
// Callers check access first (getAuditForUser): these functions trust the audit id.
import { z } from 'zod';
import { readCategoryScores, readCrawlPageFacts } from '@/lib/audits/audit-json';
import type { AuditOverview, Histogram, IssueRow, IssueUrlRow, PageDetail, PageFinding, PageLink, PageRow, PagesQuery, Paged, ScoreExplanation } from '@/lib/audits/explorer-types';
import { PAGE_SORTS, PAGE_STATUS_FILTERS } from '@/lib/audits/explorer-types';
import { describePageFacts, renderDifferences } from '@/lib/audits/page-detail-facts';
import { BLOCKED_BY_ROBOTS_PREFIX } from '@/lib/audits/save-page-result';
import { type CheckTally, explainAuditScore } from '@/lib/audits/score-audit';
import { getCheck } from '@/lib/checks/catalog';
import { CATEGORY_WEIGHTS, explainPageScore, isCategory } from '@/lib/checks/score';
import { CATEGORIES, SEVERITIES, type Category, type Finding, type Severity } from '@/lib/checks/types';
import { normalizeUrl } from '@/lib/crawler/normalize-url';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** Inlinks and outlinks per page of the page detail. */
export const LINKS_PAGE_SIZE = 50;
export const MAX_QUERY_LENGTH = 200;
/** The "Fix first" list on the overview. */
export const FIX_FIRST_COUNT = 10;

// ---- Parsing the query string, once, at the boundary (route handlers and server components) ----

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** First value of each parameter; empty values read as absent (a form's "All" option sends `status=`). */
function firstValues(input: SearchParamsInput): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined && value.trim() !== '' && !(key in out)) out[key] = value;
  };
  if (input instanceof URLSearchParams) for (const [key, value] of input) put(key, value);
  else for (const [key, value] of Object.entries(input)) put(key, Array.isArray(value) ? value[0] : value);
  return out;
}

const wholeNumber = (name: string, { min, max }: { min: number; max?: number }) =>
  z
    .string()
    .regex(/^\d{1,9}$/, { error: `${name} must be a whole number${max ? ` from ${min} to ${max}` : ` of at least ${min}`}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `${name} must be at least ${min}` })
        .max(max ?? Number.MAX_SAFE_INTEGER, { error: `${name} must be at most ${max}` }),
    );

const pageParam = wholeNumber('page', { min: 1 }).default(1);
const pageSizeParam = wholeNumber('pageSize', { min: 1, max: MAX_PAGE_SIZE }).default(DEFAULT_PAGE_SIZE);
const checkIdParam = z.string().trim().max(100, { error: 'hasIssue must be a check id (at most 100 characters)' }).regex(/^[a-z0-9-]+$/, { error: 'hasIssue must be a check id such as "title-missing"' });

// Unknown parameters (the page's own `tab`, `from`, …) are ignored: the explorer shares one query string.
const pagesQuerySchema = z.object({
  page: pageParam,
  pageSize: pageSizeParam,
  sort: z.enum(PAGE_SORTS, { error: `sort must be one of ${PAGE_SORTS.join(', ')}` }).default('url'),
  order: z.enum(['asc', 'desc'], { error: 'order must be asc or desc' }).default('asc'),
  status: z.enum(PAGE_STATUS_FILTERS, { error: `status must be one of ${PAGE_STATUS_FILTERS.join(', ')}` }).optional(),
  q: z.string().trim().max(MAX_QUERY_LENGTH, { error: `q must be at most ${MAX_QUERY_LENGTH} characters` }).optional(),
  hasIssue: checkIdParam.optional(),
}) satisfies z.ZodType<PagesQuery, Record<string, string>>;

const pagingSchema = z.object({ page: pageParam, pageSize: pageSizeParam });
const linkPagingSchema = z.object({ in: wholeNumber('in', { min: 1 }).default(1), out: wholeNumber('out', { min: 1 }).default(1) });

function parseParams<S extends z.ZodType>(schema: S, input: SearchParamsInput): z.output<S> {
  const parsed = schema.safeParse(firstValues(input));
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => i.message).join('; '), parsed.error.issues);
  return parsed.data;
}

/** The pages table's view from a query string: page ≥ 1, pageSize 1..200 (50), sort (url), order (asc), status, q, hasIssue. 400 otherwise. */
export function parsePagesQuery(searchParams: SearchParamsInput): PagesQuery {
  const { q, status, hasIssue, ...rest } = parseParams(pagesQuerySchema, searchParams);
  return { ...rest, ...(status ? { status } : {}), ...(q ? { q } : {}), ...(hasIssue ? { hasIssue } : {}) };
}

/** `page` and `pageSize` of a paginated list (an issue's URLs). */
export function parsePaging(searchParams: SearchParamsInput): { page: number; pageSize: number } {
  return parseParams(pagingSchema, searchParams);
}

/** `in` and `out`: which page of inlinks and of outlinks the page detail shows. */
export function parseLinkPaging(searchParams: SearchParamsInput): { inPage: number; outPage: number } {
  const parsed = parseParams(linkPagingSchema, searchParams);
  return { inPage: parsed.in, outPage: parsed.out };
}

// ---- Shared reads: the score's inputs (run-audit scores from the same two reads) ----

const lower = (s: string) => s.toLowerCase() as Severity;
const offsetOf = (page: number, pageSize: number) => (page - 1) * pageSize;

/** The URLs that answered (any HTTP status): the denominator of every share in the site score. */
export async function countScoredPages(auditId: string): Promise<number> {
  return db.page.count({ where: { auditId, status: { gt: 0 } } });
}

/**
 * One row per check that fired: its findings and distinct URLs. Two hash aggregates over the
 * (auditId, url, checkId) index, without reading the rows; a check's fixed fields come from the
 * catalogue, and from the stored rows only for checks it no longer knows.
 */
export async function readCheckTallies(auditId: string): Promise<CheckTally[]> {
  const counts = await db.$queryRaw<{ checkId: string; findings: number; urls: number }[]>`
    SELECT "checkId", sum(n)::int AS findings, count(*)::int AS urls
    FROM (SELECT "checkId", url, count(*) AS n FROM "Finding" WHERE "auditId" = ${auditId} GROUP BY "checkId", url) AS per_url
    GROUP BY "checkId" ORDER BY "checkId"`;
  const unknown = counts.filter((c) => !getCheck(c.checkId)).map((c) => c.checkId);
  const stored = unknown.length
    ? await db.$queryRaw<{ checkId: string; severity: string; category: string; title: string }[]>`
        SELECT DISTINCT ON ("checkId") "checkId", severity::text AS severity, category, title
        FROM "Finding" WHERE "auditId" = ${auditId} AND "checkId" = ANY(${unknown}::text[]) ORDER BY "checkId", severity`
    : [];
  const storedById = new Map(stored.map((s) => [s.checkId, s]));
  return counts.map((c) => {
    const known = getCheck(c.checkId) ?? storedById.get(c.checkId);
    return {
      checkId: c.checkId,
      title: known?.title ?? c.checkId,
      severity: known ? lower(known.severity) : 'info',
      category: known?.category ?? 'content',
      findings: c.findings,
      urls: c.urls,
    };
  });
}

// ---- Issues ----

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

function toIssueRow(tally: CheckTally, impact: number): IssueRow {
  const check = getCheck(tally.checkId);
  return {
    checkId: tally.checkId,
    category: isCategory(tally.category) ? tally.category : 'content',
    severity: tally.severity,
    title: tally.title,
    why: check?.why ?? 'This check is no longer in the catalogue; its findings are kept as they were recorded.',
    fix: check?.fix ?? 'Re-run the audit to check again with the current catalogue.',
    urls: tally.urls,
    impact,
  };
}

/** Most costly first, then most severe, most widespread, and by id (stable). */
function byImpact(a: IssueRow, b: IssueRow): number {
  return b.impact - a.impact || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.urls - a.urls || (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0);
}

function issuesOf(tallies: CheckTally[], explanation: ScoreExplanation): IssueRow[] {
  const points = new Map(explanation.lines.map((l) => [l.checkId, l.points]));
  return tallies.map((t) => toIssueRow(t, points.get(t.checkId) ?? 0)).sort(byImpact);
}

/** One row per check that fired, with why/fix from the catalogue, its distinct URLs and the points it costs the site score. */
export async function listIssues(auditId: string): Promise<IssueRow[]> {
  const [tallies, pages] = await Promise.all([readCheckTallies(auditId), countScoredPages(auditId)]);
  return issuesOf(tallies, explainAuditScore(tallies, pages));
}

/** The URLs one check affects, one row per URL (by URL), with the crawled page when there is one. */
export async function listIssueUrls(auditId: string, checkId: string, { page, pageSize }: { page: number; pageSize: number }): Promise<Paged<IssueUrlRow>> {
  const [rows, [count]] = await Promise.all([
    db.$queryRaw<{ url: string; pageId: string | null; messages: string[]; findings: number }[]>`
      SELECT f.url, COALESCE(f."pageId", p.id) AS "pageId", f.messages, f.findings
      FROM (
        SELECT url, min("pageId") AS "pageId", (array_agg(message ORDER BY message))[1:3] AS messages, count(*)::int AS findings
        FROM "Finding" WHERE "auditId" = ${auditId} AND "checkId" = ${checkId}
        GROUP BY url ORDER BY url LIMIT ${pageSize} OFFSET ${offsetOf(page, pageSize)}
      ) f
      LEFT JOIN "Page" p ON p."auditId" = ${auditId} AND p.url = f.url
      ORDER BY f.url`,
    db.$queryRaw<{ n: number }[]>`SELECT count(DISTINCT url)::int AS n FROM "Finding" WHERE "auditId" = ${auditId} AND "checkId" = ${checkId}`,
  ]);
  const items = rows.map((r) => {
    const more = r.findings - r.messages.length;
    return { url: r.url, pageId: r.pageId, message: more > 0 ? `${r.messages.join('\n')}\n… and ${more} more` : r.messages.join('\n') };
  });
  return { total: count?.n ?? 0, page, pageSize, items };
}

// ---- Pages ----

const SORT_SQL: Record<PagesQuery['sort'], Prisma.Sql> = {
  url: Prisma.sql`p.url`,
  status: Prisma.sql`p.status`,
  depth: Prisma.sql`p.depth`,
  title: Prisma.sql`lower(p.title)`,
  wordCount: Prisma.sql`p."wordCount"`,
  loadMs: Prisma.sql`p."loadMs"`,
  score: Prisma.sql`p.score`,
  findings: Prisma.sql`findings`,
};

/** `q` as an ILIKE substring pattern: % and _ in it are literal characters, not wildcards. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function statusFilter(status: NonNullable<PagesQuery['status']>): Prisma.Sql {
  switch (status) {
    case 'ok':
      return Prisma.sql`p.status BETWEEN 200 AND 299`;
    case 'redirect':
      return Prisma.sql`p.status BETWEEN 300 AND 399`;
    case 'client-error':
      return Prisma.sql`p.status BETWEEN 400 AND 499`;
    case 'server-error':
      return Prisma.sql`p.status BETWEEN 500 AND 599`;
    case 'failed':
      return Prisma.sql`(p.error IS NOT NULL AND NOT starts_with(p.error, ${BLOCKED_BY_ROBOTS_PREFIX}))`;
    case 'blocked':
      return Prisma.sql`starts_with(p.error, ${BLOCKED_BY_ROBOTS_PREFIX})`;
  }
}

function pagesWhere(auditId: string, query: Pick<PagesQuery, 'status' | 'q' | 'hasIssue'>): Prisma.Sql {
  const parts = [Prisma.sql`p."auditId" = ${auditId}`];
  if (query.status) parts.push(statusFilter(query.status));
  if (query.q) {
    const pattern = likePattern(query.q);
    parts.push(Prisma.sql`(p.url ILIKE ${pattern} OR p.title ILIKE ${pattern})`);
  }
  if (query.hasIssue) {
    // A page's findings: its own, and site findings that name its URL.
    parts.push(Prisma.sql`(
      p.id IN (SELECT f."pageId" FROM "Finding" f WHERE f."auditId" = ${auditId} AND f."checkId" = ${query.hasIssue} AND f."pageId" IS NOT NULL)
      OR p.url IN (SELECT f.url FROM "Finding" f WHERE f."auditId" = ${auditId} AND f."checkId" = ${query.hasIssue} AND f."pageId" IS NULL))`);
  }
  return Prisma.join(parts, ' AND ');
}

const PAGE_COLUMNS = Prisma.sql`p.id, p.url, p.status, p.depth, p.title, p."wordCount", p."loadMs", p.score, p.error`;

function orderBy(sort: PagesQuery['sort'], order: PagesQuery['order']): Prisma.Sql {
  return Prisma.sql`${SORT_SQL[sort]} ${order === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`} NULLS LAST, p.url ASC`;
}

/** Sorted by findings: every page's count is needed, so both are aggregated once for the audit. */
function pagesByFindings(auditId: string, where: Prisma.Sql, query: PagesQuery) {
  return db.$queryRaw<PageRow[]>`
    WITH own AS (
      SELECT "pageId" AS id, count(*)::int AS n FROM "Finding" WHERE "auditId" = ${auditId} AND "pageId" IS NOT NULL GROUP BY "pageId"
    ), site AS (
      SELECT url, count(*)::int AS n FROM "Finding" WHERE "auditId" = ${auditId} AND "pageId" IS NULL GROUP BY url
    )
    SELECT ${PAGE_COLUMNS}, (COALESCE(own.n, 0) + COALESCE(site.n, 0))::int AS findings
    FROM "Page" p LEFT JOIN own ON own.id = p.id LEFT JOIN site ON site.url = p.url
    WHERE ${where}
    ORDER BY ${orderBy('findings', query.order)}
    LIMIT ${query.pageSize} OFFSET ${offsetOf(query.page, query.pageSize)}`;
}

/** Any other sort: the page of rows first, then the findings of those rows only (pageId and (auditId, url) indexes). */
function pagesByColumn(auditId: string, where: Prisma.Sql, query: PagesQuery) {
  return db.$queryRaw<PageRow[]>`
    SELECT ${PAGE_COLUMNS},
      ((SELECT count(*) FROM "Finding" f WHERE f."pageId" = p.id)
        + (SELECT count(*) FROM "Finding" f WHERE f."auditId" = ${auditId} AND f.url = p.url AND f."pageId" IS NULL))::int AS findings
    FROM (
      SELECT ${PAGE_COLUMNS} FROM "Page" p WHERE ${where}
      ORDER BY ${orderBy(query.sort, query.order)}
      LIMIT ${query.pageSize} OFFSET ${offsetOf(query.page, query.pageSize)}
    ) p
    ORDER BY ${orderBy(query.sort, query.order)}`;
}

/**
 * The pages table: filtered, sorted (NULLs last either way, then by URL, so every page appears
 * exactly once across the pages) and paginated in PostgreSQL. `findings` counts a page's own
 * findings and the site findings that name its URL.
 */
export async function listAuditPages(auditId: string, query: PagesQuery): Promise<Paged<PageRow>> {
  const where = pagesWhere(auditId, query);
  const [items, [count]] = await Promise.all([
    query.sort === 'findings' ? pagesByFindings(auditId, where, query) : pagesByColumn(auditId, where, query),
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Page" p WHERE ${where}`,
  ]);
  return { total: count?.n ?? 0, page: query.page, pageSize: query.pageSize, items };
}

// ---- One page ----

function toPageFinding(row: { checkId: string; category: string; severity: string; title: string; message: string }): PageFinding {
  const check = getCheck(row.checkId);
  return {
    checkId: row.checkId,
    category: isCategory(row.category) ? row.category : 'content',
    severity: lower(row.severity),
    title: row.title,
    message: row.message,
    why: check?.why ?? '',
    fix: check?.fix ?? '',
  };
}

function sortPageFindings(findings: PageFinding[]): PageFinding[] {
  return findings.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      CATEGORY_WEIGHTS[b.category] - CATEGORY_WEIGHTS[a.category] ||
      (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** Pages of this audit by normalised URL, for the links of one page of the detail. */
async function resolveUrls(auditId: string, urls: string[]): Promise<Map<string, { id: string; status: number }>> {
  if (urls.length === 0) return new Map();
  const rows = await db.page.findMany({ where: { auditId, url: { in: [...new Set(urls)] } }, select: { id: true, url: true, status: true } });
  return new Map(rows.map((r) => [r.url, { id: r.id, status: r.status }]));
}

/** The pages linking to `url` (one row each, by URL), with the text of their first link to it. */
async function listInlinks(auditId: string, page: { id: string; url: string }, pageNumber: number, pageSize: number): Promise<Paged<PageLink>> {
  // linksTo @> ARRAY[url] is answered by the GIN index; only the shown pages' facts are read, for the link text.
  const target = [page.url];
  const [rows, [count]] = await Promise.all([
    // Facts are read for the shown rows only: in the OFFSET query they would be read for every skipped row too.
    db.$queryRaw<{ id: string; url: string; status: number; links: unknown; redirectTo: string | null }[]>`
      SELECT p.id, p.url, p.status, p.facts->'graph'->'facts'->'links' AS links, p.facts->'graph'->>'redirectTo' AS "redirectTo"
      FROM "Page" p
      WHERE p.id = ANY(ARRAY(
        SELECT l.id FROM "Page" l WHERE l."auditId" = ${auditId} AND l."linksTo" @> ${target}::text[] AND l.id <> ${page.id}
        ORDER BY l.url LIMIT ${pageSize} OFFSET ${offsetOf(pageNumber, pageSize)}))
      ORDER BY p.url`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Page" p WHERE p."auditId" = ${auditId} AND p."linksTo" @> ${target}::text[] AND p.id <> ${page.id}`,
  ]);
  const items = rows.map((r): PageLink => {
    if (r.redirectTo) return { url: r.url, text: `Redirect (${r.status})`, pageId: r.id, status: r.status };
    const links = Array.isArray(r.links) ? (r.links as { url?: unknown; text?: unknown }[]) : [];
    const link = links.find((l) => typeof l.url === 'string' && normalizeUrl(l.url) === page.url);
    return { url: r.url, text: typeof link?.text === 'string' ? link.text : '', pageId: r.id, status: r.status };
  });
  return { total: count?.n ?? 0, page: pageNumber, pageSize, items };
}

/** The page's own links in document order (a redirect: its target), each resolved to a crawled page. */
async function listOutlinks(auditId: string, stored: ReturnType<typeof readCrawlPageFacts>, status: number, pageNumber: number, pageSize: number): Promise<Paged<PageLink>> {
  const graph = stored?.graph;
  const all: { url: string; text: string }[] = graph?.redirectTo
    ? [{ url: graph.redirectTo, text: `Redirect (${status})` }]
    : (graph?.facts?.links ?? []).flatMap((l) => (l.url ? [{ url: l.url, text: l.text }] : []));
  const slice = all.slice(offsetOf(pageNumber, pageSize), offsetOf(pageNumber, pageSize) + pageSize);
  const normalized = slice.map((l) => normalizeUrl(l.url) ?? l.url);
  const pages = await resolveUrls(auditId, normalized);
  const items = slice.map((l, i) => {
    const target = pages.get(normalized[i]!);
    return { url: l.url, text: l.text, pageId: target?.id ?? null, status: target?.status ?? null };
  });
  return { total: all.length, page: pageNumber, pageSize, items };
}

/**
 * Everything about one crawled page: its row, every stored fact grouped for reading, its findings
 * (with why and how to fix), who links to it and what it links to, what JavaScript changed, and
 * why its score is what it is. Null when the page is not in this audit.
 */
export async function getPageDetail(
  auditId: string,
  pageId: string,
  { inPage = 1, outPage = 1, linksPageSize = LINKS_PAGE_SIZE }: { inPage?: number; outPage?: number; linksPageSize?: number } = {},
): Promise<PageDetail | null> {
  const row = await db.page.findFirst({
    where: { id: pageId, auditId },
    select: { id: true, url: true, finalUrl: true, status: true, depth: true, title: true, wordCount: true, loadMs: true, score: true, error: true, facts: true, crawledAt: true },
  });
  if (!row) return null;
  const stored = readCrawlPageFacts(row.facts);
  const [findingRows, inlinks, outlinks] = await Promise.all([
    db.finding.findMany({
      where: { auditId, OR: [{ pageId: row.id }, { pageId: null, url: row.url }] },
      select: { checkId: true, category: true, severity: true, title: true, message: true, url: true, pageId: true },
    }),
    listInlinks(auditId, row, inPage, linksPageSize),
    listOutlinks(auditId, stored, row.status, outPage, linksPageSize),
  ]);
  // The page score counts the page's own checks (as the instant analysis does); site findings that name it are listed too.
  const own: Finding[] = findingRows
    .filter((f) => f.pageId === row.id && isCategory(f.category))
    .map((f) => ({ checkId: f.checkId, category: f.category as Category, severity: lower(f.severity), title: f.title, message: f.message, url: f.url }));
  return {
    page: {
      id: row.id,
      url: row.url,
      finalUrl: row.finalUrl,
      status: row.status,
      depth: row.depth,
      title: row.title,
      wordCount: row.wordCount,
      loadMs: row.loadMs,
      score: row.score,
      findings: findingRows.length,
      error: row.error,
      crawledAt: row.crawledAt.toISOString(),
    },
    facts: describePageFacts(row, stored),
    findings: sortPageFindings(findingRows.map(toPageFinding)),
    inlinks,
    outlinks,
    renderDifferences: renderDifferences(stored),
    score: row.score === null ? null : explainPageScore(own),
  };
}

// ---- Overview ----

/** Upper bounds (exclusive) of the response-time buckets, in ms; the last bucket is open. Used by SQL width_bucket too. */
export const RESPONSE_TIME_BOUNDS_MS = [200, 500, 1000, 2000, 5000] as const;
const RESPONSE_TIME_LABELS = ['< 200 ms', '200–500 ms', '0.5–1 s', '1–2 s', '2–5 s', '≥ 5 s'];

/** The bucket a response time falls in: 0 below the first bound, i where bounds[i-1] ≤ ms < bounds[i] (PostgreSQL's width_bucket). */
export function responseTimeBucket(ms: number): number {
  const i = RESPONSE_TIME_BOUNDS_MS.findIndex((bound) => ms < bound);
  return i === -1 ? RESPONSE_TIME_BOUNDS_MS.length : i;
}

/** Every bucket in order, empty ones included (a chart's axis stays the same); [] when nothing was measured. */
export function responseTimeHistogram(counts: { bucket: number; count: number }[]): Histogram {
  if (counts.every((c) => c.count === 0)) return [];
  const byBucket = new Map(counts.map((c) => [c.bucket, c.count]));
  return RESPONSE_TIME_LABELS.map((label, i) => ({ label, count: byBucket.get(i) ?? 0 }));
}

/** Depths at or beyond this share one bar ("10+"). */
export const DEPTH_BUCKETS = 10;

/** 0, 1, 2 … clicks from the start page with the gaps filled, deep pages in one bar, and pages no link reaches last. */
export function depthHistogram(counts: { depth: number | null; count: number }[]): Histogram {
  const linked = counts.filter((c) => c.depth !== null && c.count > 0) as { depth: number; count: number }[];
  const unlinked = counts.filter((c) => c.depth === null).reduce((sum, c) => sum + c.count, 0);
  const deepest = Math.min(DEPTH_BUCKETS, Math.max(-1, ...linked.map((c) => c.depth)));
  const bars: Histogram = [];
  for (let d = 0; d <= deepest; d++) {
    const count = linked.filter((c) => (d === DEPTH_BUCKETS ? c.depth >= d : c.depth === d)).reduce((sum, c) => sum + c.count, 0);
    bars.push({ label: d === DEPTH_BUCKETS ? `${DEPTH_BUCKETS}+` : String(d), count });
  }
  if (unlinked > 0) bars.push({ label: 'Not linked', count: unlinked });
  return bars;
}

/** One bar per status code that occurred, in code order; URLs without a response last, blocked ones apart. */
export function statusHistogram(counts: { status: number; blocked: boolean; count: number }[]): Histogram {
  const answered = counts.filter((c) => c.status > 0).sort((a, b) => a.status - b.status);
  const merged = new Map<string, number>();
  for (const c of answered) merged.set(String(c.status), (merged.get(String(c.status)) ?? 0) + c.count);
  const bars = [...merged].map(([label, count]) => ({ label, count }));
  const noResponse = counts.filter((c) => c.status <= 0 && !c.blocked).reduce((sum, c) => sum + c.count, 0);
  const blocked = counts.filter((c) => c.status <= 0 && c.blocked).reduce((sum, c) => sum + c.count, 0);
  if (noResponse > 0) bars.push({ label: 'No response', count: noResponse });
  if (blocked > 0) bars.push({ label: 'Blocked by robots.txt', count: blocked });
  return bars;
}

/** The audit at a glance: scores, counts, histograms, what to fix first and why the score is what it is. */
export async function getAuditOverview(auditId: string): Promise<AuditOverview> {
  const [audit, tallies, scoredPages, severities, statuses, depths, times, [pageCounts]] = await Promise.all([
    db.audit.findUniqueOrThrow({ where: { id: auditId }, select: { score: true, categoryScores: true } }),
    readCheckTallies(auditId),
    countScoredPages(auditId),
    db.$queryRaw<{ severity: string; n: number }[]>`SELECT severity::text AS severity, count(*)::int AS n FROM "Finding" WHERE "auditId" = ${auditId} GROUP BY severity`,
    db.$queryRaw<{ status: number; blocked: boolean; count: number }[]>`
      SELECT status, COALESCE(starts_with(error, ${BLOCKED_BY_ROBOTS_PREFIX}), false) AS blocked, count(*)::int AS count
      FROM "Page" WHERE "auditId" = ${auditId} GROUP BY 1, 2`,
    db.$queryRaw<{ depth: number | null; count: number }[]>`SELECT depth, count(*)::int AS count FROM "Page" WHERE "auditId" = ${auditId} GROUP BY depth`,
    db.$queryRaw<{ bucket: number; count: number }[]>`
      SELECT width_bucket("loadMs", ${[...RESPONSE_TIME_BOUNDS_MS]}::int[]) AS bucket, count(*)::int AS count
      FROM "Page" WHERE "auditId" = ${auditId} AND "loadMs" IS NOT NULL GROUP BY 1`,
    db.$queryRaw<{ total: number; failed: number; blocked: number }[]>`
      SELECT count(*)::int AS total,
        count(*) FILTER (WHERE error IS NOT NULL AND NOT starts_with(error, ${BLOCKED_BY_ROBOTS_PREFIX}))::int AS failed,
        count(*) FILTER (WHERE starts_with(error, ${BLOCKED_BY_ROBOTS_PREFIX}))::int AS blocked
      FROM "Page" WHERE "auditId" = ${auditId}`,
  ]);
  const explanation = explainAuditScore(tallies, scoredPages);
  const issues = issuesOf(tallies, explanation);
  const severityCounts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of severities) severityCounts[lower(r.severity)] = r.n;
  const stored = readCategoryScores(audit.categoryScores);
  return {
    score: audit.score,
    categoryScores: CATEGORIES.flatMap((category) => (stored[category] === undefined ? [] : [{ category, score: stored[category]! }])),
    severityCounts,
    statusCodes: statusHistogram(statuses),
    depths: depthHistogram(depths),
    responseTimes: responseTimeHistogram(times),
    pages: pageCounts ?? { total: 0, failed: 0, blocked: 0 },
    fixFirst: issues.filter((i) => i.impact > 0).slice(0, FIX_FIRST_COUNT),
    // Only a scored audit has a score to explain (a running one is scored when it ends).
    explanation: audit.score === null ? null : withStoredScore(explanation, audit.score),
  };
}

/** An audit scored by an earlier model keeps its stored score; the lines then explain today's, and say so. */
function withStoredScore(explanation: ScoreExplanation, stored: number): ScoreExplanation {
  if (explanation.score === stored) return explanation;
  return { ...explanation, note: `${explanation.note} This audit was scored ${stored} by an earlier version of the model; with today’s model its findings score ${explanation.score}, which is what these lines add up to.` };
}
