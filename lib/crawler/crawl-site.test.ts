import { describe, expect, it, vi } from 'vitest';
import { crawlSite } from '@/lib/crawler/crawl-site';
import {
  createFakeSite,
  fakeExtractPageFacts,
  fakeSitemaps,
  page,
  type FakeRoute,
} from '@/test/crawl-test-helpers';
import type { CrawlDeps, CrawlOptions, CrawlPageResult, CrawlProgress } from '@/lib/crawler/crawl-types';
import { createRobotsCache } from '@/lib/crawler/robots';

const S = 'https://example.com';

function setup(routes: Record<string, FakeRoute>, deps: Partial<CrawlDeps> = {}) {
  const site = createFakeSite(routes);
  const results: CrawlPageResult[] = [];
  const progress: CrawlProgress[] = [];
  const extract = vi.fn(fakeExtractPageFacts);
  const allDeps: CrawlDeps = {
    fetchPage: site.fetchPage,
    extractPageFacts: extract,
    loadSitemaps: fakeSitemaps([]),
    onPage: (result) => {
      results.push(result);
    },
    onProgress: (p) => progress.push(p),
    ...deps,
  };
  const crawl = (options: Partial<CrawlOptions> = {}) => crawlSite({ startUrl: `${S}/`, progressIntervalMs: 0, ...options }, allDeps);
  const byUrl = (url: string) => results.find((r) => r.url === url);
  return { site, results, progress, extract, crawl, byUrl };
}

const ROBOTS = `${S}/robots.txt`;

describe('crawlSite: traversal', () => {
  it('crawls breadth-first, recording depth and via, never leaving the site', async () => {
    const { crawl, results, site } = setup({
      [`${S}/`]: page('Home', ['/a', '/b', 'https://other.example/x', 'mailto:x@y.z', '/a#frag', '/a?utm_source=n']),
      [`${S}/a`]: page('A', ['/a/deep', '/']),
      [`${S}/b`]: page('B', ['/a/deep', 'http://www.example.com/www']),
      [`${S}/a/deep`]: page('Deep'),
      ['http://www.example.com/www']: page('WWW'),
    });
    const outcome = await crawl();
    expect(results.map((r) => [r.url, r.depth])).toEqual([
      [`${S}/`, 0],
      [`${S}/a`, 1],
      [`${S}/b`, 1],
      [`${S}/a/deep`, 2],
      ['http://www.example.com/www', 2],
    ]);
    expect(results[3]!.via).toBe(`${S}/a`);
    expect(site.requested()).not.toContain('https://other.example/x');
    expect(outcome.stopReason).toBe('complete');
    expect(outcome.state.frontier).toEqual([]);
    expect(outcome.progress).toMatchObject({ phase: 'done', crawled: 5, failed: 0, queued: 0, etaMs: 0 });
  });

  it('reports what each page discovered (for resumable persistence)', async () => {
    const { crawl, byUrl } = setup({ [`${S}/`]: page('Home', ['/a', '/b', '/a']), [`${S}/a`]: page('A', ['/b', '/c']) });
    await crawl();
    expect(byUrl(`${S}/`)!.discovered).toEqual([
      { url: `${S}/a`, depth: 1, via: `${S}/` },
      { url: `${S}/b`, depth: 1, via: `${S}/` },
    ]);
    expect(byUrl(`${S}/a`)!.discovered).toEqual([{ url: `${S}/c`, depth: 2, via: `${S}/a` }]);
  });

  it('respects maxDepth and maxPages', async () => {
    const chain: Record<string, FakeRoute> = {};
    for (let i = 0; i < 10; i++) chain[i === 0 ? `${S}/` : `${S}/p${i}`] = page(`P${i}`, [`/p${i + 1}`]);
    const deep = setup(chain);
    await deep.crawl({ maxDepth: 3 });
    expect(deep.results.map((r) => r.depth)).toEqual([0, 1, 2, 3]);

    const wide = setup({ [`${S}/`]: page('Home', Array.from({ length: 50 }, (_, i) => `/w${i}`)) });
    const outcome = await wide.crawl({ maxPages: 10 });
    expect(wide.results).toHaveLength(10);
    expect(wide.site.requested().filter((u) => u !== ROBOTS)).toHaveLength(10);
    expect(outcome.stopReason).toBe('max-pages');
    expect(outcome.state.frontier).toHaveLength(41);
  });

  it('applies include/exclude patterns to discovered URLs', async () => {
    const { crawl, results } = setup({
      [`${S}/`]: page('Home', ['/blog/1', '/blog/2?sort=x', '/shop/1']),
      [`${S}/blog/1`]: page('B1'),
    });
    await crawl({ include: ['/blog/*'], exclude: ['*sort=*'] });
    expect(results.map((r) => r.url)).toEqual([`${S}/`, `${S}/blog/1`]);
  });

  it('does not follow nofollow links or links on meta-nofollow pages, unless asked', async () => {
    const routes = {
      [`${S}/`]: page('Home', ['/nf|nofollow', '/meta']),
      [`${S}/meta`]: page('Meta', ['/from-meta'], '<meta name="robots" content="nofollow">'),
      [`${S}/nf`]: page('NF'),
      [`${S}/from-meta`]: page('FM'),
    };
    const strict = setup(routes);
    await strict.crawl();
    expect(strict.results.map((r) => r.url)).toEqual([`${S}/`, `${S}/meta`]);
    const loose = setup(routes);
    await loose.crawl({ followNofollow: true });
    expect(loose.results).toHaveLength(4);
  });

  it('queues canonical targets so their status is known', async () => {
    const { crawl, byUrl } = setup({ [`${S}/`]: page('Home', [], '<link rel="canonical" href="/canon">') });
    await crawl();
    expect(byUrl(`${S}/canon`)?.response?.status).toBe(404);
    const noAlt = setup({ [`${S}/`]: page('Home', [], '<link rel="canonical" href="/canon">') });
    await noAlt.crawl({ followAlternates: false });
    expect(noAlt.byUrl(`${S}/canon`)).toBeUndefined();
  });

  it('does not parse non-HTML responses or follow links from error pages', async () => {
    const { crawl, byUrl, extract, results } = setup({
      [`${S}/`]: page('Home', ['/file.pdf', '/gone']),
      [`${S}/file.pdf`]: { body: '', contentType: 'application/pdf' },
      [`${S}/gone`]: { status: 404, body: page('Gone', ['/only-from-404']) },
    });
    await crawl();
    expect(byUrl(`${S}/file.pdf`)).toMatchObject({ response: { status: 200, contentType: 'application/pdf' } });
    expect(byUrl(`${S}/file.pdf`)!.facts).toBeUndefined();
    expect(byUrl(`${S}/gone`)!.facts?.title).toBe('Gone');
    expect(results.map((r) => r.url)).not.toContain(`${S}/only-from-404`);
    expect(extract).toHaveBeenCalledTimes(2);
  });
});

describe('crawlSite: robots.txt', () => {
  it('never requests disallowed URLs but reports them as blocked', async () => {
    const { crawl, site, byUrl } = setup({
      [ROBOTS]: { body: 'User-agent: *\nDisallow: /private/\n', contentType: 'text/plain' },
      [`${S}/`]: page('Home', ['/private/a', '/private/b', '/open']),
      [`${S}/open`]: page('Open'),
    });
    const outcome = await crawl();
    expect(site.requested().filter((u) => u.includes('/private/'))).toEqual([]);
    expect(byUrl(`${S}/private/a`)).toMatchObject({ blockedByRobots: true, depth: 1, via: `${S}/` });
    expect(byUrl(`${S}/private/a`)!.response).toBeUndefined();
    expect(outcome.progress.blocked).toBe(2);
    expect(outcome.robotsTxt).toEqual({ url: ROBOTS, status: 200, body: 'User-agent: *\nDisallow: /private/\n', contentType: 'text/plain' });
    expect(site.requested().filter((u) => u === ROBOTS)).toHaveLength(1);
  });

  it('blocks everything when robots.txt answers 5xx (RFC 9309), and nothing when it 404s', async () => {
    const down = setup({ [ROBOTS]: { status: 503 }, [`${S}/`]: page('Home') });
    await down.crawl();
    expect(down.results).toEqual([expect.objectContaining({ url: `${S}/`, blockedByRobots: true })]);
    expect(down.site.requested()).toEqual([ROBOTS]);

    const missing = setup({ [ROBOTS]: { status: 404 }, [`${S}/`]: page('Home') });
    await missing.crawl();
    expect(missing.results[0]!.response?.status).toBe(200);
  });

  it('crawls disallowed URLs when respectRobots is off', async () => {
    const { crawl, byUrl } = setup({
      [ROBOTS]: { body: 'User-agent: *\nDisallow: /\n', contentType: 'text/plain' },
      [`${S}/`]: page('Home'),
    });
    const outcome = await crawl({ respectRobots: false });
    expect(byUrl(`${S}/`)!.response?.status).toBe(200);
    expect(outcome.robotsTxt?.body).toContain('Disallow: /');
  });

  it('matches the RivalOutrankerBot group', async () => {
    const { crawl, site } = setup({
      [ROBOTS]: { body: 'User-agent: *\nDisallow:\n\nUser-agent: RivalOutrankerBot\nDisallow: /no-bots\n', contentType: 'text/plain' },
      [`${S}/`]: page('Home', ['/no-bots']),
    });
    await crawl();
    expect(site.requested()).not.toContain(`${S}/no-bots`);
  });
});

describe('crawlSite: sitemaps', () => {
  it('adds sitemap URLs as orphans after linked pages, and upgrades them when linked', async () => {
    const loadSitemaps = vi.fn(fakeSitemaps([`${S}/orphan`, `${S}/linked-later`, 'https://other.example/x']));
    const { crawl, results, byUrl } = setup(
      {
        [ROBOTS]: { body: `Sitemap: ${S}/sitemap.xml\n`, contentType: 'text/plain' },
        [`${S}/`]: page('Home', ['/a']),
        [`${S}/a`]: page('A', ['/linked-later']),
        [`${S}/orphan`]: page('Orphan'),
        [`${S}/linked-later`]: page('Linked'),
      },
      { loadSitemaps },
    );
    const outcome = await crawl();
    expect(loadSitemaps).toHaveBeenCalledWith(expect.objectContaining({ startUrl: `${S}/`, robotsSitemaps: [`${S}/sitemap.xml`], maxUrls: 10_000 }));
    expect(results.map((r) => r.url)).toEqual([`${S}/`, `${S}/a`, `${S}/linked-later`, `${S}/orphan`]);
    expect(byUrl(`${S}/orphan`)).toMatchObject({ depth: null, via: 'sitemap', inSitemap: true });
    expect(byUrl(`${S}/linked-later`)).toMatchObject({ depth: 2, inSitemap: true });
    expect(byUrl(`${S}/a`)!.inSitemap).toBe(false);
    expect(outcome.state.sitemapUrls).toContain('https://other.example/x');
  });

  it('keeps crawling when the sitemap loader fails', async () => {
    const { crawl, results } = setup({ [`${S}/`]: page('Home') }, {
      loadSitemaps: async () => {
        throw new Error('boom');
      },
    });
    const outcome = await crawl();
    expect(results).toHaveLength(1);
    expect(outcome.sitemapError).toBe('boom');
  });

  it('can skip sitemaps', async () => {
    const loadSitemaps = vi.fn(fakeSitemaps([`${S}/x`]));
    const { crawl } = setup({ [`${S}/`]: page('Home') }, { loadSitemaps });
    await crawl({ useSitemaps: false });
    expect(loadSitemaps).not.toHaveBeenCalled();
  });
});

describe('crawlSite: redirects', () => {
  it('records the chain on the source and reports the target from the same response', async () => {
    const { crawl, site, byUrl } = setup({
      [`${S}/`]: page('Home', ['/old']),
      [`${S}/old`]: { status: 301, location: '/mid' },
      [`${S}/mid`]: { status: 302, location: '/new' },
      [`${S}/new`]: page('New', ['/from-new']),
      [`${S}/from-new`]: page('FromNew'),
    });
    await crawl();
    expect(byUrl(`${S}/old`)).toMatchObject({
      depth: 1,
      redirectTo: `${S}/new`,
      response: { status: 200, redirects: [{ status: 301 }, { status: 302 }] },
    });
    expect(byUrl(`${S}/new`)).toMatchObject({ depth: 1, via: `${S}/old`, response: { status: 200, redirects: [] } });
    expect(byUrl(`${S}/new`)!.facts?.title).toBe('New');
    expect(byUrl(`${S}/from-new`)!.depth).toBe(2);
    expect(site.requested().filter((u) => u === `${S}/new`)).toHaveLength(1);
    expect(byUrl(`${S}/mid`)).toBeUndefined();
  });

  it('never follows a redirect into a disallowed path', async () => {
    const { crawl, site, byUrl } = setup({
      [ROBOTS]: { body: 'User-agent: *\nDisallow: /private/\n', contentType: 'text/plain' },
      [`${S}/`]: page('Home', ['/sneaky']),
      [`${S}/sneaky`]: { status: 302, location: '/private/x' },
    });
    await crawl();
    expect(site.requested()).not.toContain(`${S}/private/x`);
    expect(byUrl(`${S}/sneaky`)).toMatchObject({ redirectTo: `${S}/private/x`, redirectStoppedBy: 'robots' });
    expect(byUrl(`${S}/private/x`)).toMatchObject({ blockedByRobots: true });
  });

  it('stops at redirects leaving the site', async () => {
    const { crawl, site, byUrl } = setup({
      [`${S}/`]: page('Home', ['/out']),
      [`${S}/out`]: { status: 301, location: 'https://other.example/' },
    });
    await crawl();
    expect(site.requested()).not.toContain('https://other.example/');
    expect(byUrl(`${S}/out`)).toMatchObject({ redirectTo: 'https://other.example/', redirectStoppedBy: 'out-of-scope', response: { status: 301 } });
  });

  it('reports loops and terminates', async () => {
    const { crawl, byUrl, results } = setup({
      [`${S}/`]: page('Home', ['/loop-a']),
      [`${S}/loop-a`]: { status: 301, location: '/loop-b' },
      [`${S}/loop-b`]: { status: 301, location: '/loop-a' },
    });
    const outcome = await crawl();
    expect(byUrl(`${S}/loop-a`)!.response?.redirectError).toBe('loop');
    expect(results).toHaveLength(2);
    expect(outcome.stopReason).toBe('complete');
  });

  it('follows a redirected start URL (http → https)', async () => {
    const { crawl, byUrl } = setup({
      ['http://example.com/']: { status: 301, location: 'https://example.com/' },
      [`${S}/`]: page('Home', ['/a']),
      [`${S}/a`]: page('A'),
    });
    await crawl({ startUrl: 'http://example.com/' });
    expect(byUrl('http://example.com/')!.redirectTo).toBe(`${S}/`);
    expect(byUrl(`${S}/`)!.depth).toBe(0);
    expect(byUrl(`${S}/a`)!.depth).toBe(1);
  });
});

describe('crawlSite: failures', () => {
  it('reports fetch errors and timeouts and terminates when every URL fails', async () => {
    const routes: Record<string, FakeRoute> = { [ROBOTS]: { status: 404 } };
    for (const path of ['/', '/a', '/b', '/c']) routes[`${S}${path}`] = { error: 'CONNECTION_FAILED' };
    routes[`${S}/slow`] = { error: 'HEADERS_TIMEOUT' };
    const { crawl, results } = setup(routes, { loadSitemaps: fakeSitemaps([`${S}/a`, `${S}/b`, `${S}/slow`]) });
    const outcome = await crawl();
    expect(results.map((r) => r.fetchError?.code).sort()).toEqual(['CONNECTION_FAILED', 'CONNECTION_FAILED', 'CONNECTION_FAILED', 'HEADERS_TIMEOUT']);
    expect(outcome.progress.failed).toBe(4);
    expect(outcome.stopReason).toBe('complete');
  });

  it('stops requesting a host the breaker declares down and says so', async () => {
    const urls = Array.from({ length: 40 }, (_, i) => `${S}/s${i}`);
    const routes: Record<string, FakeRoute> = { [ROBOTS]: { status: 404 } };
    for (const url of [`${S}/`, ...urls]) routes[url] = { error: 'CONNECTION_FAILED' };
    const { crawl, site } = setup(routes, { loadSitemaps: fakeSitemaps(urls) });
    const started = Date.now();
    const outcome = await crawl({ hostScheduler: { failureThreshold: 5 } });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(site.requested().length).toBeLessThan(12);
    expect(outcome.stopReason).toBe('hosts-down');
    expect(outcome.progress.hostsDown).toEqual(['example.com']);
    expect(outcome.hosts[0]).toMatchObject({ host: 'example.com', breaker: 'down' });
    expect(outcome.state.frontier.length).toBeGreaterThan(25);
  });

  it('retries 429 after Retry-After, then reports the page', async () => {
    let calls = 0;
    const site = createFakeSite({ [`${S}/`]: page('Home') });
    const fetchPage: CrawlDeps['fetchPage'] = async (url, options) => {
      if (url === `${S}/` && calls++ === 0) {
        return { ...(await site.fetchPage(url, options)), status: 429, headers: { 'retry-after': '0' } };
      }
      return site.fetchPage(url, options);
    };
    const { crawl, results } = setup({}, { fetchPage });
    await crawl();
    expect(results).toHaveLength(1);
    expect(results[0]!.response?.status).toBe(200);
    expect(calls).toBe(2);
  });

  it('reports 429 after maxRetries', async () => {
    const { crawl, results, site } = setup({ [`${S}/`]: { status: 429, headers: { 'retry-after': '0' } } });
    await crawl({ maxRetries: 1 });
    expect(results[0]!.response?.status).toBe(429);
    expect(site.requested().filter((u) => u === `${S}/`)).toHaveLength(2);
  });

  it('reports an extractor crash on the page and carries on', async () => {
    const { crawl, results } = setup(
      { [`${S}/`]: page('Home', ['/a']), [`${S}/a`]: page('A') },
      {
        extractPageFacts: (input) => {
          if (input.fetch.finalUrl.endsWith('/a')) throw new Error('parser exploded');
          return fakeExtractPageFacts(input);
        },
      },
    );
    await crawl();
    expect(results[1]).toMatchObject({ url: `${S}/a`, analysisError: 'parser exploded', response: { status: 200 } });
  });
});

describe('crawlSite: a site that does not answer', () => {
  it('stops at an unanswered robots.txt with its cause: no sitemaps, no pages, no robots.txt to report', async () => {
    const loadSitemaps = vi.fn(fakeSitemaps([`${S}/a`]));
    const { crawl, results, site } = setup({ [ROBOTS]: { error: 'CONNECTION_FAILED' }, [`${S}/`]: page('Home') }, { loadSitemaps });
    const outcome = await crawl();
    expect(outcome.stopReason).toBe('site-unreachable');
    expect(outcome.unreachable).toMatchObject({ url: ROBOTS, code: 'CONNECTION_FAILED' });
    expect(outcome.robotsTxt).toBeNull();
    expect(outcome.progress.hostsDown).toEqual(['example.com']);
    expect(results).toEqual([]);
    expect(loadSitemaps).not.toHaveBeenCalled();
    expect(site.requested()).toEqual([ROBOTS]);
    expect(outcome.state.frontier.map((e) => e.url)).toEqual([`${S}/`]);
  });

  it('gives robots.txt siteAnswerTimeoutMs in all, then reports a timeout', async () => {
    const { crawl, site } = setup({ [ROBOTS]: { body: 'User-agent: *\n', delayMs: 10_000 }, [`${S}/`]: page('Home') });
    const started = Date.now();
    const outcome = await crawl({ siteAnswerTimeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(outcome.unreachable).toMatchObject({ code: 'HEADERS_TIMEOUT', message: `${ROBOTS} did not answer within 200 ms.` });
    expect(site.requested()).toEqual([ROBOTS]);
  });

  it('still answers with the robots.txt story when robots.txt answers 5xx, and reads no sitemaps then', async () => {
    const loadSitemaps = vi.fn(fakeSitemaps([`${S}/a`]));
    const { crawl, results } = setup({ [ROBOTS]: { status: 503 }, [`${S}/`]: page('Home') }, { loadSitemaps });
    const outcome = await crawl();
    expect(outcome.unreachable).toBeUndefined();
    expect(outcome.robotsTxt).toMatchObject({ status: 503 });
    expect(results).toEqual([expect.objectContaining({ url: `${S}/`, blockedByRobots: true, robotsStatus: 503 })]);
    expect(loadSitemaps).not.toHaveBeenCalled();
  });

  it('reports one URL of another host that never answers its robots.txt with that cause, then leaves the host', async () => {
    const W = 'http://www.example.com';
    const { crawl, results, site, byUrl } = setup({
      [ROBOTS]: { status: 404 },
      [`${S}/`]: page('Home', [`${W}/one`, `${W}/two`]),
      [`${W}/robots.txt`]: { error: 'DNS_FAILURE' },
    });
    const outcome = await crawl();
    expect(site.requested().filter((u) => u.startsWith(W))).toEqual([`${W}/robots.txt`]);
    expect(results.filter((r) => r.url.startsWith(W))).toHaveLength(1);
    expect(byUrl(`${W}/one`) ?? byUrl(`${W}/two`)).toMatchObject({ fetchError: { code: 'DNS_FAILURE' } });
    expect(results.some((r) => r.blockedByRobots)).toBe(false);
    expect(outcome.stopReason).toBe('hosts-down');
    expect(outcome.progress.hostsDown).toEqual(['www.example.com']);
  });
});

describe('crawlSite: politeness and concurrency', () => {
  it('keeps per-host and global concurrency within limits', async () => {
    const routes: Record<string, FakeRoute> = { [`${S}/`]: page('Home', Array.from({ length: 30 }, (_, i) => `/p${i}`)) };
    for (let i = 0; i < 30; i++) routes[`${S}/p${i}`] = { body: page(`P${i}`), delayMs: 5 };
    const { crawl, site, results } = setup(routes);
    await crawl({ perHostConcurrency: 3, concurrency: 8 });
    expect(results).toHaveLength(31);
    expect(site.fetchPage.maxConcurrent).toBeLessThanOrEqual(3);
    expect(site.fetchPage.maxConcurrent).toBeGreaterThan(1);
  });

  it('spaces requests by the politeness delay', async () => {
    const routes: Record<string, FakeRoute> = { [`${S}/`]: page('Home', ['/a', '/b', '/c']) };
    const { crawl } = setup(routes);
    const started = Date.now();
    await crawl({ politenessDelayMs: 60 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 60 - 5);
  });

  it('honours robots.txt Crawl-delay, also from a shared, already-filled robots cache', async () => {
    const routes: Record<string, FakeRoute> = {
      [ROBOTS]: { body: 'User-agent: *\nCrawl-delay: 0.08\n', contentType: 'text/plain' },
      [`${S}/`]: page('Home', ['/a', '/b', '/c']),
    };
    const first = setup(routes);
    let started = Date.now();
    await first.crawl();
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 80 - 5);

    const robots = createRobotsCache({ fetcher: async () => ({ status: 200, body: 'User-agent: *\nCrawl-delay: 0.08\n' }) });
    await robots.get(`${S}/`);
    const second = setup({ [`${S}/`]: page('Home', ['/a', '/b', '/c']) }, { robots });
    started = Date.now();
    await second.crawl();
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 80 - 5);
  });

  it('applies backpressure: no more than `concurrency` results are pending in onPage', async () => {
    let pending = 0;
    let maxPending = 0;
    const routes: Record<string, FakeRoute> = { [`${S}/`]: page('Home', Array.from({ length: 12 }, (_, i) => `/p${i}`)) };
    const { crawl } = setup(routes, {
      onPage: async () => {
        pending++;
        maxPending = Math.max(maxPending, pending);
        await new Promise((resolve) => setTimeout(resolve, 10));
        pending--;
      },
    });
    await crawl({ concurrency: 2, perHostConcurrency: 4 });
    expect(maxPending).toBeLessThanOrEqual(2);
  });
});

describe('crawlSite: rendering', () => {
  const shell = '<html><head><title>App</title></head><body><div id="root"></div></body></html>';
  const renderedHtml = '<html><head><title>App</title></head><body><a href="/js-target">JS</a></body></html>';

  it('renders client-rendered pages in auto mode and follows rendered-only links', async () => {
    const render = vi.fn(async (url: string) => ({ finalUrl: url, status: 200, html: renderedHtml, renderMs: 1 }));
    const { crawl, byUrl } = setup(
      { [`${S}/`]: shell, [`${S}/js-target`]: page('Target') },
      { render, looksClientRendered: (html) => html.includes('id="root"></div>') },
    );
    await crawl();
    expect(render).toHaveBeenCalledTimes(1);
    expect(byUrl(`${S}/`)).toMatchObject({ rendered: true });
    expect(byUrl(`${S}/`)!.facts!.links[0]).toMatchObject({ url: `${S}/js-target`, renderedOnly: true });
    expect(byUrl(`${S}/js-target`)!.depth).toBe(1);
  });

  it('never renders in "never" mode and always in "always" mode', async () => {
    const render = vi.fn(async (url: string) => ({ finalUrl: url, status: 200, html: renderedHtml, renderMs: 1 }));
    const never = setup({ [`${S}/`]: shell }, { render, looksClientRendered: () => true });
    await never.crawl({ renderMode: 'never' });
    expect(render).not.toHaveBeenCalled();
    const always = setup({ [`${S}/`]: page('Plain'), [`${S}/js-target`]: page('T') }, { render, looksClientRendered: () => false });
    await always.crawl({ renderMode: 'always' });
    expect(render).toHaveBeenCalledTimes(2);
  });

  it('in auto mode also renders a sample of ordinary pages with scripts: the first, then every Nth', async () => {
    // Rendering changes nothing here, so the crawl finds the same links either way.
    const render = vi.fn(async (url: string) => ({ finalUrl: url, status: 200, html: routes[url]!, renderMs: 1 }));
    const withScript = (title: string, links: string) => `<html><head><title>${title}</title><script src="/app.js"></script></head><body>${links}</body></html>`;
    const routes: Record<string, string> = {
      [`${S}/`]: withScript('Home', '<a href="/a">a</a><a href="/b">b</a><a href="/c">c</a><a href="/plain">p</a>'),
      [`${S}/a`]: withScript('A', ''),
      [`${S}/b`]: withScript('B', ''),
      [`${S}/c`]: withScript('C', ''),
      [`${S}/plain`]: page('No scripts'),
      [`${S}/js-target`]: page('T'),
    };
    const sampled = setup(routes, { render, looksClientRendered: () => false });
    await sampled.crawl({ concurrency: 1, perHostConcurrency: 1, renderSampleEvery: 2 });
    // Four pages with scripts in crawl order (/, /a, /b, /c): the 1st and 3rd are rendered.
    expect(render.mock.calls.map(([url]) => url)).toEqual([`${S}/`, `${S}/b`]);
    render.mockClear();
    const off = setup(routes, { render, looksClientRendered: () => false });
    await off.crawl({ renderSampleEvery: 0 });
    expect(render).not.toHaveBeenCalled();
  });

  it('falls back to raw facts when rendering fails', async () => {
    const render = vi.fn(async () => {
      throw new Error('browser crashed');
    });
    const { crawl, byUrl } = setup({ [`${S}/`]: shell }, { render, looksClientRendered: () => true });
    await crawl();
    expect(byUrl(`${S}/`)).toMatchObject({ renderError: 'browser crashed', facts: { title: 'App' } });
    expect(byUrl(`${S}/`)!.rendered).toBeUndefined();
  });
});

describe('crawlSite: cancel and resume', () => {
  it('stops within moments when aborted, aborting in-flight requests, and returns resumable state', async () => {
    const routes: Record<string, FakeRoute> = { [`${S}/`]: page('Home', Array.from({ length: 20 }, (_, i) => `/p${i}`)) };
    for (let i = 0; i < 20; i++) routes[`${S}/p${i}`] = { body: page(`P${i}`), delayMs: i < 2 ? 5 : 10_000 };
    const controller = new AbortController();
    const { crawl, results } = setup(routes, {
      onPage: (result) => {
        results.push(result);
        if (results.length === 3) setTimeout(() => controller.abort(), 20);
      },
    });
    const started = Date.now();
    const outcome = await crawl({ signal: controller.signal, perHostConcurrency: 4 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(outcome.stopReason).toBe('aborted');
    const doneUrls = new Set(outcome.state.done);
    expect(doneUrls.size).toBe(results.length);
    expect(outcome.state.frontier.length + doneUrls.size).toBe(21);
    expect(outcome.state.frontier.every((e) => !doneUrls.has(e.url))).toBe(true);
  });

  it('resumes from saved state without refetching finished pages', async () => {
    const routes: Record<string, FakeRoute> = {
      [`${S}/`]: page('Home', ['/a', '/b']),
      [`${S}/a`]: page('A', ['/c']),
      [`${S}/b`]: page('B'),
      [`${S}/c`]: page('C'),
      [`${S}/orphan`]: page('O'),
    };
    const { crawl, site, results } = setup(routes, { loadSitemaps: vi.fn(fakeSitemaps([`${S}/should-not-load`])) });
    const outcome = await crawl({
      resume: {
        done: [`${S}/`, `${S}/a`],
        frontier: [{ url: `${S}/b`, depth: 1, via: `${S}/` }, { url: `${S}/c`, depth: 2, via: `${S}/a` }],
        sitemapUrls: [`${S}/orphan`, `${S}/a`],
      },
    });
    expect(results.map((r) => r.url)).toEqual([`${S}/b`, `${S}/c`, `${S}/orphan`]);
    expect(site.requested()).not.toContain(`${S}/`);
    expect(site.requested()).not.toContain(`${S}/a`);
    expect(outcome.state.done).toHaveLength(5);
    expect(outcome.stopReason).toBe('complete');
  });

  it('rejects when onPage throws, after stopping the crawl', async () => {
    const { crawl } = setup({ [`${S}/`]: page('Home', ['/a']) }, {
      onPage: () => {
        throw new Error('database down');
      },
    });
    await expect(crawl()).rejects.toThrow('database down');
  });
});

describe('crawlSite: progress', () => {
  it('reports phases, counts and an ETA', async () => {
    const routes: Record<string, FakeRoute> = { [`${S}/`]: page('Home', ['/a', '/b', '/missing']) };
    routes[`${S}/a`] = page('A');
    routes[`${S}/b`] = page('B');
    const { crawl, progress } = setup(routes);
    await crawl();
    expect(progress.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1])).toEqual(['robots', 'sitemaps', 'crawling', 'done']);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', crawled: 4, failed: 1, discovered: 4, queued: 0, inFlight: 0 });
    expect(progress.some((p) => p.phase === 'crawling' && p.currentUrl !== null)).toBe(true);
  });

  it('validates options', async () => {
    const { crawl } = setup({});
    await expect(crawl({ maxPages: 0 })).rejects.toThrow();
    await expect(crawl({ maxPages: 10_001 })).rejects.toThrow();
    await expect(crawl({ startUrl: 'ftp://example.com/' })).rejects.toThrow();
  });
});
