import { randomUUID } from 'node:crypto';
import type { AnalysisPageFacts, CrawlPageFacts } from '@/lib/audits/audit-json';
import { pgPool } from '@/lib/db';
import type { Finding } from '@/lib/checks/types';
import type { Severity as DbSeverity } from '@/lib/generated/prisma/enums';

/** Page.error of a URL robots.txt kept us from requesting starts with this: such pages are "blocked", not failed. */
export const BLOCKED_BY_ROBOTS_PREFIX = 'Blocked by robots.txt:';

export type PageRecord = {
  url: string;
  finalUrl?: string | null;
  status: number;
  depth?: number | null;
  title?: string | null;
  wordCount?: number;
  loadMs?: number | null;
  error?: string | null;
  score?: number | null;
  /** Normalised URLs the page links to (a redirect: its target), distinct: the explorer's inlinks. */
  linksTo?: string[];
  /** Compact facts the site-scope checks and crawl resume need, or an analysis's keyword report. */
  facts?: CrawlPageFacts | AnalysisPageFacts;
};

export const toDbSeverity = (s: Finding['severity']) => s.toUpperCase() as DbSeverity;

export type PageResult = { page: PageRecord; findings: Finding[] };

/**
 * A row id as UUIDv7 (RFC 9562): the time in ms first, so a batch's inserts land on the right edge of
 * the primary-key indexes instead of a random leaf (a tenth less PostgreSQL CPU per saved page than
 * random UUIDs). The random part comes from randomUUID, which draws its randomness in bulk: the uuid
 * package's v7 cost 2 µs an id, ~5 % of the worker's main thread at 15 ids a page.
 */
export function newRowId(): string {
  const ms = Date.now().toString(16).padStart(12, '0');
  // randomUUID() is xxxxxxxx-xxxx-4xxx-…: everything after its version digit is random (and the variant).
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${randomUUID().slice(15)}`;
}

// One statement per batch: upsert the pages, drop their old findings, insert the new ones. Raw SQL
// because Prisma's query compiler cost more CPU than the crawl itself (28 % + 15 % of the worker in a
// profile of a 2,000-page audit) and took five round trips per page; sent on Prisma's own pool
// directly, since even $executeRaw spent ~7 % of the worker converting arguments. The rows travel as
// two JSON documents: one native JSON.stringify, where twenty arrays of values cost node-postgres an
// escaping pass over every character (the facts JSON included) and PostgreSQL a parse of each array.
const SAVE_PAGES_SQL = `
WITH pages AS (
  INSERT INTO "Page" (id, "auditId", url, "finalUrl", status, depth, title, "wordCount", "loadMs", error, facts, score, "linksTo", "crawledAt")
  SELECT p.id, $1, p.url, p."finalUrl", p.status, p.depth, p.title, p."wordCount", p."loadMs", p.error, p.facts, p.score,
    ARRAY(SELECT jsonb_array_elements_text(p."linksTo")), now()
  FROM jsonb_to_recordset($2::jsonb)
    AS p(id text, url text, "finalUrl" text, status int, depth int, title text, "wordCount" int, "loadMs" int, error text, facts jsonb, score int, "linksTo" jsonb)
  ON CONFLICT ("auditId", url) DO UPDATE SET
    "finalUrl" = EXCLUDED."finalUrl", status = EXCLUDED.status, depth = EXCLUDED.depth, title = EXCLUDED.title,
    "wordCount" = EXCLUDED."wordCount", "loadMs" = EXCLUDED."loadMs", error = EXCLUDED.error, facts = EXCLUDED.facts,
    score = EXCLUDED.score, "linksTo" = EXCLUDED."linksTo", "crawledAt" = EXCLUDED."crawledAt"
  RETURNING id, url
),
cleared AS (
  -- = ANY(ARRAY(…)), not a join: the planner cannot size the CTE and would scan every finding.
  DELETE FROM "Finding" WHERE "pageId" = ANY(ARRAY(SELECT id FROM pages))
)
INSERT INTO "Finding" (id, "auditId", "pageId", scope, "checkId", category, severity, title, message, url, details)
SELECT f.id, $1, pages.id, 'PAGE', f."checkId", f.category, f.severity::"Severity", f.title, f.message, f.url, f.details
FROM jsonb_to_recordset($3::jsonb)
  AS f(id text, "pageUrl" text, "checkId" text, category text, severity text, title text, message text, url text, details jsonb)
JOIN pages ON pages.url = f."pageUrl"`;

/**
 * Rows as one JSON document for jsonb_to_recordset. A stranger's page can hold what PostgreSQL
 * refuses in jsonb and text: a NUL character, or half a surrogate pair (a string cut in the middle of
 * an emoji), which JSON.stringify writes as \u0000 and \udXXX escapes (a whole pair it writes as is).
 * Each becomes U+FFFD, so one odd character never fails the batch. Escaped backslashes are matched
 * first, so a page that shows the six characters \u0000 keeps them.
 */
export function toJsonRows(rows: readonly unknown[]): string {
  return JSON.stringify(rows).replace(/\\\\|\\u(?:0000|d[89a-f][0-9a-f]{2})/g, (m) => (m === '\\\\' ? m : '\\ufffd'));
}

const findingRow = (f: Finding, pageUrl: string | null) => ({
  id: newRowId(),
  pageUrl,
  checkId: f.checkId,
  category: f.category,
  severity: toDbSeverity(f.severity),
  title: f.title,
  message: f.message,
  url: f.url,
  details: f.details ?? null,
});

/**
 * Idempotent: one row per (audit, url). Re-saving a page replaces its row and findings in the same
 * statement, so a retried or resumed job never duplicates anything.
 */
export async function savePageResults(auditId: string, results: PageResult[]): Promise<void> {
  if (results.length === 0) return;
  // A page saved twice in one batch would make the upsert touch a row twice: keep the last.
  const kept = [...new Map(results.map((r) => [r.page.url, r])).values()];
  const pages = kept.map(({ page: p }) => ({
    id: newRowId(),
    url: p.url,
    finalUrl: p.finalUrl ?? null,
    status: p.status,
    depth: p.depth ?? null,
    title: p.title ?? null,
    wordCount: p.wordCount ?? 0,
    loadMs: p.loadMs ?? null,
    error: p.error ?? null,
    facts: p.facts ?? null,
    score: p.score ?? null,
    linksTo: p.linksTo ?? [],
  }));
  const findings = kept.flatMap((r) => r.findings.map((f) => findingRow(f, r.page.url)));
  await pgPool.query(SAVE_PAGES_SQL, [auditId, toJsonRows(pages), toJsonRows(findings)]);
}

export type PageResultWriter = { add(result: PageResult): Promise<void>; close(): Promise<void> };

/**
 * Buffers an audit's page results and saves them in batches (every `maxPages` pages or
 * `maxDelayMs`), in order; `onSaved` runs after each batch is in PostgreSQL (progress events must
 * never announce a page that a crash could still lose). A failed save fails the next add/close.
 * Small batches keep what a crash can lose (and the crawl then re-fetches) to a few pages: 32 per
 * batch cut PostgreSQL's CPU per page by ~25 % on a fast local site, but a worker killed mid-crawl
 * then re-fetched more pages than the 16 it had in progress (worker-crash test).
 */
export function createPageResultWriter(
  auditId: string,
  onSaved: (results: PageResult[]) => Promise<void>,
  { maxPages = 8, maxDelayMs = 100, maxInFlight = 2 }: { maxPages?: number; maxDelayMs?: number; maxInFlight?: number } = {},
): PageResultWriter {
  let buffer: PageResult[] = [];
  let timer: NodeJS.Timeout | undefined;
  let chain = Promise.resolve();
  let inFlight = 0;
  let failure: unknown;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = buffer;
    buffer = [];
    if (batch.length > 0) {
      inFlight++;
      chain = chain
        .then(async () => {
          if (failure) return;
          await savePageResults(auditId, batch);
          await onSaved(batch);
        })
        .catch((err: unknown) => {
          failure ??= err;
        })
        .finally(() => inFlight--);
    }
    return chain;
  };
  const rethrow = () => {
    if (failure) throw failure;
  };
  return {
    async add(result) {
      rethrow();
      buffer.push(result);
      if (buffer.length >= maxPages) {
        // The crawl goes on while a batch is written; it only waits when PostgreSQL falls behind.
        const written = flush();
        if (inFlight > maxInFlight) await written;
      } else timer ??= setTimeout(() => void flush(), maxDelayMs);
      rethrow();
    },
    async close() {
      await flush();
      rethrow();
    },
  };
}

export async function savePageResult(auditId: string, page: PageRecord, findings: Finding[]): Promise<void> {
  await savePageResults(auditId, [{ page, findings }]);
}

// One statement, atomic: the old site findings go and the new ones come in together. Prisma's
// deleteMany + createMany took ~0.8 s for 2,000 findings (a tenth of a 2,000-page audit).
const SAVE_SITE_FINDINGS_SQL = `
WITH cleared AS (DELETE FROM "Finding" WHERE "auditId" = $1 AND scope = 'SITE')
INSERT INTO "Finding" (id, "auditId", "pageId", scope, "checkId", category, severity, title, message, url, details)
SELECT f.id, $1, NULL, 'SITE', f."checkId", f.category, f.severity::"Severity", f.title, f.message, f.url, f.details
FROM jsonb_to_recordset($2::jsonb)
  AS f(id text, "checkId" text, category text, severity text, title text, message text, url text, details jsonb)`;

/** Replaces all site-scope findings of an audit (site checks run once, at the end, on the whole graph). */
export async function saveSiteFindings(auditId: string, findings: Finding[]) {
  await pgPool.query(SAVE_SITE_FINDINGS_SQL, [auditId, toJsonRows(findings.map((f) => findingRow(f, null)))]);
}
