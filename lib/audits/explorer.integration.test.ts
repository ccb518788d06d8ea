// The audit explorer against a real audit: the fixture site crawled in-process by runAudit (a fake
// renderer stands in for Chromium: it "runs" the one script of /js-only), then every explorer query
// checked against the Finding and Page rows themselves, and every route called as Next calls it,
// with the session mocked: the owner and an admin get the data, anyone else a 404.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockSession, type TestUser } from '@/test/mock-session';
import { startFixtureSite, type FixtureSite } from '@/test/fixture-site';
import type { RenderResult } from '@/lib/fetch/types';
import type { PageRow, PageSort, PageStatusFilter, Paged } from '@/lib/audits/explorer-types';

process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';

const session = mockSession();

const { db } = await import('@/lib/db');
const { createAudit } = await import('@/lib/audits/audit-lifecycle');
const { auditSettingsSchema } = await import('@/lib/crawler/crawl-options');
const { runAudit } = await import('@/lib/audits/run-audit');
const { closeAnalysisPool } = await import('@/lib/audits/analysis-pool');
const { savePageResult } = await import('@/lib/audits/save-page-result');
const { readCrawlPageFacts } = await import('@/lib/audits/audit-json');
const explorer = await import('@/lib/audits/explorer-queries');
const { PAGE_SORTS, PAGE_STATUS_FILTERS } = await import('@/lib/audits/explorer-types');
const issuesRoute = await import('@/app/api/audits/[id]/issues/route');
const issueUrlsRoute = await import('@/app/api/audits/[id]/issues/[checkId]/route');
const pagesRoute = await import('@/app/api/audits/[id]/pages/route');
const pageRoute = await import('@/app/api/audits/[id]/pages/[pageId]/route');
const overviewRoute = await import('@/app/api/audits/[id]/overview/route');

let site: FixtureSite;
let owner: TestUser;
let other: TestUser;
let admin: TestUser;
let auditId: string;
let otherAuditPageId: string;
let otherAuditId: string;
let pages: { id: string; url: string; status: number; depth: number | null; title: string | null; wordCount: number; loadMs: number | null; score: number | null; error: string | null; facts: unknown }[];
let findingRows: { checkId: string; url: string; pageId: string | null }[];

const url = (path: string) => `${site.url}${path}`;
const pageOf = (path: string) => pages.find((p) => p.url === url(path))!;

/** Stands in for Chromium: /js-only's script writes a link and a new title; every other page renders as served. */
async function fakeRender(target: string): Promise<RenderResult> {
  const response = await fetch(target);
  let html = await response.text();
  if (new URL(target).pathname === '/js-only') {
    html = html.replace('<title>JS app</title>', '<title>JS app, rendered</title>').replace('<div id="root"></div>', '<div id="root"><h1>Rendered</h1><a href="/js-target">Rendered link</a></div>');
  }
  return { finalUrl: response.url, status: response.status, html, renderMs: 5 };
}

async function allPagesOf(query: Partial<Parameters<typeof explorer.listAuditPages>[1]>, pageSize = 13): Promise<{ rows: PageRow[]; total: number }> {
  const rows: PageRow[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const result: Paged<PageRow> = await explorer.listAuditPages(auditId, { page, pageSize, sort: 'url', order: 'asc', ...query });
    total = result.total;
    rows.push(...result.items);
    if (result.items.length < pageSize) break;
  }
  return { rows, total };
}

beforeAll(async () => {
  site = await startFixtureSite({ pages: 60, slowMs: 3_000 });
  const mk = async (role: TestUser['role']) => {
    const u = await db.user.create({ data: { email: `explorer-${role.toLowerCase()}-${randomUUID()}@example.com`, role } });
    return { id: u.id, email: u.email, role };
  };
  [owner, other, admin] = [await mk('USER'), await mk('USER'), await mk('ADMIN')];
  const options = auditSettingsSchema.parse({ maxPages: 200, maxDepth: 20, renderMode: 'auto', pageTimeoutMs: 1_000 });
  const audit = await createAudit({ kind: 'PROFESSIONAL', url: `${site.url}/`, options, userId: owner.id, limit: 200 });
  auditId = audit.id;
  await runAudit(auditId, { redis: null, render: fakeRender });
  pages = await db.page.findMany({ where: { auditId }, select: { id: true, url: true, status: true, depth: true, title: true, wordCount: true, loadMs: true, score: true, error: true, facts: true } });
  findingRows = await db.finding.findMany({ where: { auditId }, select: { checkId: true, url: true, pageId: true } });

  // Another user's audit with one page, to prove a page id only opens within its own audit.
  const foreign = await createAudit({ kind: 'PROFESSIONAL', url: 'https://elsewhere.example/', userId: other.id });
  otherAuditId = foreign.id;
  await savePageResult(foreign.id, { url: 'https://elsewhere.example/', status: 200, title: 'Elsewhere' }, []);
  otherAuditPageId = (await db.page.findFirstOrThrow({ where: { auditId: foreign.id } })).id;
}, 120_000);

afterAll(async () => {
  await db.audit.deleteMany({ where: { userId: { in: [owner?.id, other?.id, admin?.id].filter(Boolean) } } });
  await db.user.deleteMany({ where: { id: { in: [owner?.id, other?.id, admin?.id].filter(Boolean) } } });
  await site?.close();
  await closeAnalysisPool();
  await db.$disconnect();
});

describe('the audit the explorer reads', () => {
  it('finished with a score, the usual failures and a rendered page', async () => {
    const audit = await db.audit.findUniqueOrThrow({ where: { id: auditId } });
    expect(audit.status).toBe('COMPLETED_WITH_ERRORS');
    expect(audit.score).not.toBeNull();
    expect(pages.length).toBeGreaterThan(70);
    expect(pageOf('/private/secret').error).toMatch(/^Blocked by robots\.txt:/);
    expect(pageOf('/slow').status).toBe(0);
  });

  it('every crawled HTML page has its page score; redirects and failures have none', () => {
    for (const p of pages) {
      const graph = readCrawlPageFacts(p.facts)?.graph;
      const html = graph?.response?.contentType.startsWith('text/html') && graph.facts && !graph.redirectTo;
      if (html) expect(p.score, p.url).toEqual(expect.any(Number));
      if (!graph?.facts || graph.redirectTo) expect(p.score, p.url).toBeNull();
    }
    // One critical finding (the 404) costs about 45 × 1.5 category weight: never green.
    expect(pageOf('/missing').score).toBeLessThanOrEqual(60);
  });
});

describe('issues', () => {
  it('one row per check that fired, with its distinct URLs as the Finding rows count them', async () => {
    const issues = await explorer.listIssues(auditId);
    const expected = new Map<string, Set<string>>();
    for (const f of findingRows) expected.set(f.checkId, (expected.get(f.checkId) ?? new Set()).add(f.url));
    expect(issues.map((i) => i.checkId).sort()).toEqual([...expected.keys()].sort());
    for (const issue of issues) {
      expect(issue.urls, issue.checkId).toBe(expected.get(issue.checkId)!.size);
      expect(issue.why.length, issue.checkId).toBeGreaterThan(10);
      expect(issue.fix.length, issue.checkId).toBeGreaterThan(10);
    }
    // Most costly first; the impacts are the explanation's lines, so they add up to 100 − score.
    expect(issues.map((i) => i.impact)).toEqual([...issues.map((i) => i.impact)].sort((a, b) => b - a));
    const audit = await db.audit.findUniqueOrThrow({ where: { id: auditId } });
    expect(Math.abs(issues.reduce((sum, i) => sum + i.impact, 0) - (100 - audit.score!))).toBeLessThanOrEqual(0.5);
  });

  it('an issue’s URLs, page by page, are exactly its distinct URLs, each with the crawled page', async () => {
    const issues = await explorer.listIssues(auditId);
    for (const issue of issues) {
      const seen: string[] = [];
      for (let page = 1; ; page++) {
        const result = await explorer.listIssueUrls(auditId, issue.checkId, { page, pageSize: 7 });
        expect(result.total).toBe(issue.urls);
        seen.push(...result.items.map((i) => i.url));
        for (const item of result.items) {
          expect(item.message.length).toBeGreaterThan(0);
          expect(item.pageId).toBe(pages.find((p) => p.url === item.url)?.id ?? null);
        }
        if (result.items.length < 7) break;
      }
      expect(seen).toEqual([...new Set(findingRows.filter((f) => f.checkId === issue.checkId).map((f) => f.url))].sort((a, b) => (a < b ? -1 : 1)));
    }
  });
});

describe('pages', () => {
  it('every sort, both orders: the pages cover every page exactly once and come in order', async () => {
    const ids = pages.map((p) => p.id).sort();
    for (const sort of PAGE_SORTS as readonly PageSort[]) {
      for (const order of ['asc', 'desc'] as const) {
        const { rows, total } = await allPagesOf({ sort, order });
        expect(total).toBe(pages.length);
        expect(rows.map((r) => r.id).sort(), `${sort} ${order}`).toEqual(ids);
        const key = (r: PageRow) => (sort === 'title' ? r.title?.toLowerCase() ?? null : r[sort]);
        const values = rows.map(key).filter((v) => v !== null);
        // NULLs last either way.
        expect(rows.slice(values.length).every((r) => key(r) === null), `${sort} ${order} nulls last`).toBe(true);
        for (let i = 1; i < values.length; i++) {
          const [a, b] = [values[i - 1]!, values[i]!];
          if (typeof a === 'number' && typeof b === 'number') expect(order === 'asc' ? a <= b : a >= b, `${sort} ${order} at ${i}`).toBe(true);
        }
      }
    }
  });

  it('counts each page’s findings: its own and the site findings that name it', async () => {
    const { rows } = await allPagesOf({ sort: 'findings', order: 'desc' });
    for (const row of rows) {
      const expected = findingRows.filter((f) => f.pageId === row.id || (f.pageId === null && f.url === row.url)).length;
      expect(row.findings, row.url).toBe(expected);
    }
    expect(rows[0]!.findings).toBeGreaterThan(0);
  });

  it('status filters', async () => {
    const expectFilter = async (status: PageStatusFilter, test: (p: (typeof pages)[number]) => boolean) => {
      const { rows, total } = await allPagesOf({ status });
      const expected = pages.filter(test).map((p) => p.id).sort();
      expect(rows.map((r) => r.id).sort(), status).toEqual(expected);
      expect(total).toBe(expected.length);
      expect(expected.length, status).toBeGreaterThan(0);
    };
    const blocked = (p: (typeof pages)[number]) => p.error?.startsWith('Blocked by robots.txt:') === true;
    await expectFilter('ok', (p) => p.status >= 200 && p.status < 300);
    await expectFilter('redirect', (p) => p.status >= 300 && p.status < 400);
    await expectFilter('client-error', (p) => p.status >= 400 && p.status < 500);
    await expectFilter('server-error', (p) => p.status >= 500 && p.status < 600);
    await expectFilter('failed', (p) => p.error !== null && !blocked(p));
    await expectFilter('blocked', blocked);
    expect(PAGE_STATUS_FILTERS).toHaveLength(6);
    expect((await allPagesOf({ status: 'failed' })).rows.map((r) => r.url)).toContain(url('/slow'));
  });

  it('search on URL and title, case-insensitive, with % and _ taken literally; and by issue', async () => {
    const gen = await allPagesOf({ q: 'GENERATED PAGE 1' });
    expect(gen.rows.map((r) => r.title).sort()).toEqual(pages.filter((p) => p.title?.startsWith('Generated page 1')).map((p) => p.title).sort());
    expect((await allPagesOf({ q: '/dup-' })).rows.map((r) => r.url).sort()).toEqual([url('/dup-a'), url('/dup-b')]);
    expect((await allPagesOf({ q: '%' })).total).toBe(0);
    expect((await allPagesOf({ q: 'dup_a' })).total).toBe(0);

    const issues = await explorer.listIssues(auditId);
    for (const issue of issues.slice(0, 8)) {
      const { rows } = await allPagesOf({ hasIssue: issue.checkId });
      const expected = pages.filter((p) => findingRows.some((f) => f.checkId === issue.checkId && (f.pageId === p.id || (f.pageId === null && f.url === p.url))));
      expect(rows.map((r) => r.id).sort(), issue.checkId).toEqual(expected.map((p) => p.id).sort());
    }
  });
});

describe('page detail', () => {
  it('inlinks and outlinks come from the crawl’s links, resolved to crawled pages', async () => {
    const about = pageOf('/about');
    const detail = (await explorer.getPageDetail(auditId, about.id))!;
    expect(detail.page).toMatchObject({ id: about.id, url: about.url, status: 200 });
    expect(detail.inlinks.items).toContainEqual({ url: url('/'), text: '/about', pageId: pageOf('/').id, status: 200 });
    expect(detail.inlinks.items).toContainEqual({ url: url('/about/team'), text: '/about', pageId: pageOf('/about/team').id, status: 200 });
    expect(detail.inlinks.items.map((l) => l.url)).not.toContain(about.url);
    expect(detail.outlinks.items).toEqual([
      { url: url('/'), text: '/', pageId: pageOf('/').id, status: 200 },
      { url: url('/about/team'), text: '/about/team', pageId: pageOf('/about/team').id, status: 200 },
    ]);
    expect(detail.facts.map((g) => g.group)).toEqual(expect.arrayContaining(['Response', 'Head', 'Content', 'Links', 'Images', 'Response headers']));
    expect(detail.renderDifferences).toBeNull();
  });

  it('pages through the home page’s many inlinks and outlinks', async () => {
    const home = pageOf('/');
    const linking = pages.filter((p) => p.id !== home.id && readCrawlPageFacts(p.facts)?.graph.facts?.links.some((l) => l.url === url('/')) && !readCrawlPageFacts(p.facts)?.graph.redirectTo);
    const first = (await explorer.getPageDetail(auditId, home.id, { inPage: 1, outPage: 2, linksPageSize: 10 }))!;
    expect(first.inlinks.total).toBeGreaterThanOrEqual(linking.length);
    expect(first.inlinks.total).toBeGreaterThan(30);
    const all: string[] = [];
    for (let page = 1; page <= Math.ceil(first.inlinks.total / 10); page++) {
      all.push(...(await explorer.getPageDetail(auditId, home.id, { inPage: page, linksPageSize: 10 }))!.inlinks.items.map((l) => l.url));
    }
    expect(new Set(all).size).toBe(first.inlinks.total);
    expect(all).toEqual(expect.arrayContaining(linking.map((p) => p.url)));
    expect(first.outlinks.page).toBe(2);
    expect(first.outlinks.items.length).toBeGreaterThan(0);
    // External and not-crawled targets have no page.
    const all1 = (await explorer.getPageDetail(auditId, home.id, { outPage: 1, linksPageSize: 200 }))!.outlinks.items;
    expect(all1.find((l) => l.url === 'https://example.invalid/external')).toMatchObject({ pageId: null, status: null });
    expect(all1.find((l) => l.url === url('/missing'))).toMatchObject({ pageId: pageOf('/missing').id, status: 404 });
  });

  it('a redirect links to its target, which counts it among its inlinks', async () => {
    const startRow = pageOf('/redirect-start');
    const target = readCrawlPageFacts(startRow.facts)!.graph.redirectTo!;
    const start = (await explorer.getPageDetail(auditId, startRow.id))!;
    expect(start.outlinks.items).toEqual([{ url: target, text: 'Redirect (301)', pageId: pages.find((p) => p.url === target)!.id, status: 200 }]);
    const landing = (await explorer.getPageDetail(auditId, pages.find((p) => p.url === target)!.id))!;
    expect(landing.inlinks.items).toContainEqual({ url: startRow.url, text: 'Redirect (301)', pageId: startRow.id, status: 301 });
  });

  it('its findings with why and how to fix, and a score explanation that adds up to the stored page score', async () => {
    for (const path of ['/', '/missing', '/dup-a', '/js-only']) {
      const row = pageOf(path);
      const detail = (await explorer.getPageDetail(auditId, row.id))!;
      const expected = findingRows.filter((f) => f.pageId === row.id || (f.pageId === null && f.url === row.url));
      expect(detail.findings.map((f) => f.checkId).sort(), path).toEqual(expected.map((f) => f.checkId).sort());
      expect(detail.findings.every((f) => f.why && f.fix), path).toBe(true);
      expect(detail.score?.score, path).toBe(row.score);
      expect(Math.abs(detail.score!.lines.reduce((s, l) => s + l.points, 0) - (100 - row.score!)), path).toBeLessThanOrEqual(0.5);
    }
    expect((await explorer.getPageDetail(auditId, pageOf('/dup-a').id))!.findings.map((f) => f.checkId)).toContain('duplicate-title');
  });

  it('what JavaScript changed on a rendered page', async () => {
    const detail = (await explorer.getPageDetail(auditId, pageOf('/js-only').id))!;
    expect(detail.renderDifferences).toEqual(
      expect.arrayContaining([
        { field: 'Title', raw: 'JS app', rendered: 'JS app, rendered' },
        { field: 'H1', raw: '(missing)', rendered: 'Rendered' },
        { field: 'Links', raw: 'none of these', rendered: '1 link only after JavaScript' },
      ]),
    );
    expect(detail.facts.find((g) => g.group === 'Rendering')?.items).toContainEqual({ label: 'Rendered with a browser', value: 'Yes' });
  });

  it('a page of another audit is not found', async () => {
    expect(await explorer.getPageDetail(auditId, otherAuditPageId)).toBeNull();
    expect(await explorer.getPageDetail(auditId, 'no-such-page')).toBeNull();
  });
});

describe('overview', () => {
  it('counts, histograms, what to fix first and the explanation of the stored score', async () => {
    const overview = await explorer.getAuditOverview(auditId);
    const audit = await db.audit.findUniqueOrThrow({ where: { id: auditId } });
    expect(overview.score).toBe(audit.score);
    expect(overview.explanation?.score).toBe(audit.score);
    expect(Math.abs(overview.explanation!.lines.reduce((s, l) => s + l.points, 0) - (100 - audit.score!))).toBeLessThanOrEqual(0.5);
    expect(overview.score).toBeLessThanOrEqual(Math.min(...overview.categoryScores.map((c) => c.score)));
    expect(overview.pages.total).toBe(pages.length);
    expect(overview.pages.blocked).toBe(pages.filter((p) => p.error?.startsWith('Blocked by robots.txt:')).length);
    expect(overview.pages.failed).toBe(pages.filter((p) => p.error && !p.error.startsWith('Blocked by robots.txt:')).length);
    expect(Object.values(overview.severityCounts).reduce((a, b) => a + b, 0)).toBe(findingRows.length);
    expect(overview.statusCodes.reduce((s, h) => s + h.count, 0)).toBe(pages.length);
    expect(overview.statusCodes.map((h) => h.label)).toEqual(expect.arrayContaining(['200', '301', '404', '500', 'No response', 'Blocked by robots.txt']));
    expect(overview.depths.reduce((s, h) => s + h.count, 0)).toBe(pages.length);
    expect(overview.responseTimes.reduce((s, h) => s + h.count, 0)).toBe(pages.filter((p) => p.loadMs !== null).length);
    expect(overview.fixFirst.length).toBeGreaterThan(0);
    expect(overview.fixFirst.length).toBeLessThanOrEqual(10);
    expect(overview.fixFirst[0]!.impact).toBe(Math.max(...overview.explanation!.lines.map((l) => l.points)));
  });
});

describe('routes', () => {
  const as = (user: TestUser | null) => (session.user = user);
  const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
  const get = (path: string) => new Request(`http://127.0.0.1${path}`);
  const call = (user: TestUser | null) => {
    as(user);
    const someCheck = findingRows[0]!.checkId;
    const pageId = pageOf('/about').id;
    return Promise.all([
      issuesRoute.GET(get(`/api/audits/${auditId}/issues`), ctx({ id: auditId })),
      issueUrlsRoute.GET(get(`/api/audits/${auditId}/issues/${someCheck}?page=1&pageSize=5`), ctx({ id: auditId, checkId: someCheck })),
      pagesRoute.GET(get(`/api/audits/${auditId}/pages?sort=score&order=desc&status=ok&pageSize=5`), ctx({ id: auditId })),
      pageRoute.GET(get(`/api/audits/${auditId}/pages/${pageId}?in=1&out=1`), ctx({ id: auditId, pageId })),
      overviewRoute.GET(get(`/api/audits/${auditId}/overview`), ctx({ id: auditId })),
    ]);
  };

  it('the owner and an admin get the data', async () => {
    for (const user of [owner, admin]) {
      const responses = await call(user);
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const [issues, urls, list, detail, overview] = await Promise.all(responses.map((r) => r.json()));
      expect(issues).toEqual(JSON.parse(JSON.stringify(await explorer.listIssues(auditId))));
      expect(urls).toMatchObject({ page: 1, pageSize: 5 });
      expect(list).toMatchObject({ page: 1, pageSize: 5, total: pages.filter((p) => p.status >= 200 && p.status < 300).length });
      expect(list.items).toHaveLength(5);
      expect(detail.page.url).toBe(url('/about'));
      expect(overview.score).not.toBeNull();
    }
  });

  it('anyone else gets 404 on every route, and a signed-out visitor 401', async () => {
    expect((await call(other)).map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expect((await call(null)).map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
  });

  it('a page of another audit is 404 even for its owner, through this audit’s URL', async () => {
    as(other);
    expect((await pageRoute.GET(get(`/api/audits/${otherAuditId}/pages/${otherAuditPageId}`), ctx({ id: otherAuditId, pageId: otherAuditPageId }))).status).toBe(200);
    as(owner);
    const res = await pageRoute.GET(get(`/api/audits/${auditId}/pages/${otherAuditPageId}`), ctx({ id: auditId, pageId: otherAuditPageId }));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('bad query parameters are a 400 that says what is wrong', async () => {
    as(owner);
    const bad = async (res: Response) => {
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { message: string } }).error.message;
    };
    expect(await bad(await pagesRoute.GET(get(`/api/audits/${auditId}/pages?sort=password`), ctx({ id: auditId })))).toMatch(/sort must be one of/);
    expect(await bad(await pagesRoute.GET(get(`/api/audits/${auditId}/pages?pageSize=500`), ctx({ id: auditId })))).toMatch(/pageSize must be at most 200/);
    expect(await bad(await issueUrlsRoute.GET(get(`/api/audits/${auditId}/issues/x?page=0`), ctx({ id: auditId, checkId: 'x' })))).toMatch(/page must be at least 1/);
    expect(await bad(await pageRoute.GET(get(`/api/audits/${auditId}/pages/x?in=abc`), ctx({ id: auditId, pageId: 'x' })))).toMatch(/in must be a whole number/);
  });
});
