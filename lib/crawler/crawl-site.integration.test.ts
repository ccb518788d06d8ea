// The crawl loop against a real local site with the real fetcher and extractor.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPageFacts } from '@/lib/analysis/extract-page-facts';
import { buildSiteGraph } from '@/lib/checks/build-site-graph';
import { crawlSite } from '@/lib/crawler/crawl-site';
import type { CrawlDeps, CrawlOptions, CrawlOutcome, CrawlPageResult } from '@/lib/crawler/crawl-types';
import { startFixtureSite, type FixtureSite } from '@/test/fixture-site';
import { fetchPage } from '@/lib/fetch/fetch-page';
import { looksClientRendered } from '@/lib/fetch/looks-client-rendered';
import { createRenderPool } from '@/lib/fetch/render-pool';

const PRIVATE = ['127.0.0.1'];

async function crawl(site: FixtureSite, options: Partial<CrawlOptions> = {}, deps: Partial<CrawlDeps> = {}) {
  const results: CrawlPageResult[] = [];
  const outcome: CrawlOutcome = await crawlSite(
    {
      startUrl: `${site.url}/`,
      allowedPrivateHosts: PRIVATE,
      timeouts: { connectMs: 2_000, headersMs: 1_000, bodyMs: 5_000 },
      maxBodyBytes: 1024 * 1024,
      renderMode: 'never',
      ...options,
    },
    {
      fetchPage,
      extractPageFacts,
      looksClientRendered,
      onPage: (result) => {
        results.push(result);
      },
      ...deps,
    },
  );
  const byPath = (path: string) => results.find((r) => r.url === `${site.url}${path}`);
  return { outcome, results, byPath };
}

describe('crawlSite on the fixture site', () => {
  let site: FixtureSite;
  let run: Awaited<ReturnType<typeof crawl>>;

  beforeAll(async () => {
    site = await startFixtureSite({ pages: 20, slowMs: 3_000 });
    run = await crawl(site);
  });
  afterAll(() => site.close());

  it('never requests robots-disallowed URLs, but reports them as blocked', () => {
    expect(site.accessLog.filter((path) => path.startsWith('/private/'))).toEqual([]);
    for (const path of ['/private/secret', '/private/in-sitemap', '/private/landing']) {
      expect(run.byPath(path)).toMatchObject({ blockedByRobots: true });
    }
    expect(run.byPath('/redirect-to-private')).toMatchObject({ redirectTo: `${site.url}/private/landing`, redirectStoppedBy: 'robots' });
    expect(run.outcome.robotsTxt).toMatchObject({ status: 200, body: expect.stringContaining('Disallow: /private/') });
  });

  it('finds sitemap-only orphans, including from a gzipped child sitemap', () => {
    expect(run.byPath('/orphan')).toMatchObject({ depth: null, inSitemap: true, response: { status: 200 } });
    expect(run.byPath('/orphan')!.facts?.title).toBe('Orphan page');
    expect(run.byPath('/orphan-gz')).toMatchObject({ depth: null, inSitemap: true });
    expect(run.outcome.sitemaps?.files.map((f) => f.error)).toEqual([undefined, undefined, undefined]);
  });

  it('records redirect chains and loops, and reports the chain target once', () => {
    const start = run.byPath('/redirect-start')!;
    expect(start.redirectTo).toBe(`${site.url}/redirect-end`);
    expect(start.response!.redirects.map((hop) => hop.status)).toEqual([301, 302]);
    expect(start.facts!.redirects).toHaveLength(2);
    expect(run.byPath('/redirect-end')!.facts?.title).toBe('Redirect target');
    expect(site.accessLog.filter((path) => path === '/redirect-end')).toHaveLength(1);
    expect(run.byPath('/loop-a')!.response?.redirectError).toBe('loop');
  });

  it('reports 404, 500, the timed-out page and the huge page', () => {
    expect(run.byPath('/missing')!.response?.status).toBe(404);
    expect(run.byPath('/error')!.response?.status).toBe(500);
    expect(run.byPath('/slow')!.fetchError?.code).toBe('HEADERS_TIMEOUT');
    const huge = run.byPath('/huge')!;
    expect(huge.response).toMatchObject({ status: 200, truncated: true });
    expect(huge.facts?.title).toBe('Huge page');
  });

  it('does not parse non-HTML, follow nofollow links, leave the site or duplicate tracking URLs', () => {
    expect(run.byPath('/data.json')).toMatchObject({ response: { contentType: 'application/json' } });
    expect(run.byPath('/data.json')!.facts).toBeUndefined();
    expect(site.accessLog).not.toContain('/nofollow-target');
    expect(site.accessLog.filter((path) => path.startsWith('/about') && path !== '/about/team')).toEqual(['/about']);
    expect(run.results.some((r) => r.url.includes('example.invalid'))).toBe(false);
  });

  it('crawls the generated pages breadth-first and finishes', () => {
    expect(run.results.filter((r) => r.url.includes('/gen/'))).toHaveLength(20);
    expect(run.byPath('/gen/1')!.depth).toBe(1);
    expect(run.byPath('/gen/2')!.depth).toBe(2);
    expect(run.outcome.stopReason).toBe('complete');
    expect(run.outcome.progress).toMatchObject({ phase: 'done', queued: 0, inFlight: 0 });
  });

  it('without rendering, the JS-only link is not found', () => {
    expect(run.byPath('/js-only')).toBeDefined();
    expect(run.byPath('/js-target')).toBeUndefined();
  });

  it('builds the site graph', () => {
    const graph = buildSiteGraph({
      startUrl: site.url,
      pages: run.results,
      sitemapUrls: run.outcome.state.sitemapUrls,
      robotsTxt: run.outcome.robotsTxt,
    });
    expect(graph.pages.get(`${site.url}/`)).toMatchObject({ depth: 0, title: 'Fixture home', inSitemap: true, canonical: `${site.url}/` });
    expect(graph.pages.get(`${site.url}/orphan`)).toMatchObject({ depth: null, inSitemap: true });
    expect(graph.pages.get(`${site.url}/redirect-start`)).toMatchObject({ status: 301, redirectHops: 2, redirectTo: `${site.url}/redirect-end` });
    expect(graph.pages.get(`${site.url}/redirect-end`)!.depth).toBe(1);
    expect(graph.pages.get(`${site.url}/slow`)).toMatchObject({ status: 0, error: 'timed out waiting for an answer' });
    expect(graph.blockedByRobots).toContain(`${site.url}/private/secret`);
    expect(graph.links.filter((l) => l.to === `${site.url}/about`).map((l) => l.from)).toContain(`${site.url}/`);
    expect(graph.links.some((l) => !l.internal && l.to.startsWith('https://example.invalid'))).toBe(true);
  });
});

describe('crawlSite when every URL fails', () => {
  it('terminates promptly and reports the host as down', async () => {
    const site = await startFixtureSite({ mode: 'down' });
    try {
      const started = Date.now();
      const { outcome, results } = await crawl(site);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(results.length).toBeGreaterThan(0);
      expect(results.every((r) => r.fetchError?.code === 'CONNECTION_FAILED')).toBe(true);
      expect(outcome.stopReason).toBe('hosts-down');
      expect(outcome.progress.hostsDown).toEqual(['127.0.0.1']);
      expect(site.accessLog.filter((path) => path.startsWith('/down/')).length).toBeLessThan(10);
    } finally {
      await site.close();
    }
  });

  it('ends at once when the start URL cannot be reached', async () => {
    const site = await startFixtureSite();
    await site.close();
    const started = Date.now();
    const { outcome, results } = await crawl(site);
    expect(Date.now() - started).toBeLessThan(5_000);
    // The host did not answer its robots.txt: nothing else is requested (RFC 9309 §2.3.1.4), and
    // the crawl says why instead of reporting the start URL as disallowed.
    expect(outcome.robotsTxt).toBeNull();
    expect(outcome.unreachable).toMatchObject({ url: `${site.url}/robots.txt`, code: 'CONNECTION_FAILED', reason: 'ECONNREFUSED' });
    expect(results).toEqual([]);
    expect(outcome.stopReason).toBe('site-unreachable');
  });
});

describe('crawlSite on a 300-page site', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite({ pages: 300 });
  });
  afterAll(() => site.close());

  it('can be cancelled and resumed without refetching finished pages', async () => {
    const controller = new AbortController();
    let seenPages = 0;
    const first = await crawl(
      site,
      { include: ['/', '/gen/*'], useSitemaps: false, maxPages: 500, maxDepth: 50, signal: controller.signal },
      {
        onPage: () => {
          seenPages++;
          if (seenPages === 60) controller.abort();
        },
      },
    );
    expect(first.outcome.stopReason).toBe('aborted');
    const doneFirst = new Set(first.outcome.state.done);
    expect(doneFirst.size).toBeGreaterThanOrEqual(60);
    expect(doneFirst.size).toBeLessThan(301);

    const logBefore = site.accessLog.length;
    const second = await crawl(site, { include: ['/', '/gen/*'], useSitemaps: false, maxPages: 500, maxDepth: 50, resume: first.outcome.state });
    expect(second.outcome.stopReason).toBe('complete');
    const refetched = site.accessLog.slice(logBefore).filter((path) => doneFirst.has(`${site.url}${path}`));
    expect(refetched).toEqual([]);
    expect(doneFirst.size + second.results.length).toBe(301);
  });
});

describe.runIf(existsSync('/usr/bin/chromium'))('crawlSite with rendering', () => {
  it('renders the client-rendered page in auto mode and follows its injected link', async () => {
    const site = await startFixtureSite();
    const pool = createRenderPool({ size: 1, allowedPrivateHosts: PRIVATE, navigationTimeoutMs: 15_000 });
    try {
      const { byPath } = await crawl(
        site,
        { renderMode: 'auto', include: ['/', '/js-*'], useSitemaps: false },
        { render: (url, options) => pool.render(url, options) },
      );
      expect(byPath('/js-only')).toMatchObject({ rendered: true });
      expect(byPath('/js-only')!.facts!.links.find((l) => l.url === `${site.url}/js-target`)).toMatchObject({ renderedOnly: true });
      expect(byPath('/js-target')).toMatchObject({ depth: 2, response: { status: 200 } });
      expect(byPath('/')!.rendered).toBeUndefined();
    } finally {
      await pool.close();
      await site.close();
    }
  });
});
