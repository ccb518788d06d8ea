// Rendering obeys robots.txt like the crawler: a disallowed subresource or navigation is never
// sent (asserted on the servers' own request logs), and the render result, the page facts and
// the resources-blocked-by-robots check all report it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';
const { createRenderPool, BLOCKED_BY_ROBOTS } = await import('@/lib/fetch/render-pool');
const { fetchPage } = await import('@/lib/fetch/fetch-page');
const { extractPageFacts } = await import('@/lib/analysis/extract-page-facts');
const { crawlabilityChecks } = await import('@/lib/checks/crawlability');

const USER_AGENT = 'RivalOutrankerBot/9.9 (render-robots test)';
// Our product token's group wins over "*" (RFC 9309 §2.2.1), exactly as for the crawler.
const ROBOTS = `User-agent: *
Disallow: /

User-agent: RivalOutrankerBot
Disallow: /blocked/
Disallow: /members/
Allow: /
`;

type Hit = { path: string; userAgent: string };
let site: http.Server;
let cdn: http.Server; // a second origin whose robots.txt answers 503: RFC 9309 says disallow everything
let base: string;
let cdnBase: string;
let siteHits: Hit[] = [];
let cdnHits: Hit[] = [];

function page(): string {
  return `<!doctype html><html lang="en"><head><title>Robots render</title>
<link rel="stylesheet" href="/blocked/site.css">
<script src="/assets/app.js" defer></script>
<script src="${cdnBase}/lib.js"></script>
</head><body><h1>Robots render</h1><div id="root"></div>
<iframe src="/blocked/frame.html"></iframe>
<script>
  fetch('/blocked/data.json').catch(() => {});
  // Arrives well after the DOM went quiet: the render must wait for the request in flight.
  fetch('/api/late').then((r) => r.text()).then((t) => document.body.insertAdjacentHTML('beforeend', '<p id="late">' + t + '</p>'));
</script></body></html>`;
}

const siteRoutes: Record<string, (res: http.ServerResponse) => void> = {
  '/robots.txt': (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(ROBOTS),
  '/page': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page()),
  '/members/home': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Members</h1>'),
  '/go-blocked': (res) => res.writeHead(302, { location: '/blocked/landing' }).end(),
  '/assets/app.js': (res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end("document.getElementById('root').textContent = 'App ran';"),
  '/api/late': (res) => setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('Late content'), 700),
};

function listen(srv: http.Server): Promise<string> {
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(srv.address() as AddressInfo).port}`)));
}

function logRequests(log: () => Hit[], routes: Record<string, (res: http.ServerResponse) => void>) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    log().push({ path, userAgent: req.headers['user-agent'] ?? '' });
    (routes[path] ?? ((r: http.ServerResponse) => r.writeHead(404).end()))(res);
  };
}

const pools: ReturnType<typeof createRenderPool>[] = [];
const createPool = () => {
  const pool = createRenderPool({ allowedPrivateHosts: ['127.0.0.1'], userAgent: USER_AGENT, size: 1, navigationTimeoutMs: 10_000 });
  pools.push(pool);
  return pool;
};

beforeAll(async () => {
  site = http.createServer(logRequests(() => siteHits, siteRoutes));
  cdn = http.createServer(
    logRequests(() => cdnHits, {
      '/robots.txt': (res) => res.writeHead(503).end(),
      '/lib.js': (res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(''),
    }),
  );
  [base, cdnBase] = await Promise.all([listen(site), listen(cdn)]);
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  for (const srv of [site, cdn]) srv.closeAllConnections();
  await Promise.all([site, cdn].map((srv) => new Promise((resolve) => srv.close(resolve))));
});

describe('rendering obeys robots.txt', () => {
  let pool: ReturnType<typeof createRenderPool>;
  beforeAll(() => {
    pool = createPool();
  });

  it('never requests what robots.txt disallows, and reports it with its resource type', async () => {
    siteHits = [];
    cdnHits = [];
    const result = await pool.render(`${base}/page`);

    const sitePaths = siteHits.map((h) => h.path);
    expect(sitePaths.filter((p) => p.startsWith('/blocked/'))).toEqual([]);
    expect(sitePaths).toEqual(expect.arrayContaining(['/page', '/robots.txt', '/assets/app.js', '/api/late']));
    expect(cdnHits.map((h) => h.path)).toEqual(['/robots.txt']); // 503 → disallow all → lib.js never asked for

    // robots.txt went through the guarded fetch with the crawler's user agent, and so did Chromium.
    expect(siteHits.filter((h) => h.path === '/robots.txt').map((h) => h.userAgent)).toEqual([USER_AGENT]);
    expect(siteHits.find((h) => h.path === '/assets/app.js')?.userAgent).toBe(USER_AGENT);

    expect(result.status).toBe(200);
    expect(result.html).toContain('App ran'); // allowed script ran
    expect(result.html).toContain('<p id="late">Late content</p>'); // waited for the late fetch
    const expected = [
      { url: `${base}/blocked/site.css`, type: 'stylesheet' },
      { url: `${cdnBase}/lib.js`, type: 'script' },
      { url: `${base}/blocked/frame.html`, type: 'document' },
      { url: `${base}/blocked/data.json`, type: 'fetch' },
    ];
    expect(result.blockedResources).toHaveLength(expected.length);
    expect(result.blockedResources).toEqual(expect.arrayContaining(expected));
  });

  it('reports the blocked resources in the page facts, and the check fires', async () => {
    const url = `${base}/page`;
    const fetched = await fetchPage(url, { allowedPrivateHosts: ['127.0.0.1'] });
    const rendered = await pool.render(url);
    // Facts cross a worker-thread boundary by structured clone: they must survive it unchanged.
    const facts = structuredClone(extractPageFacts({ fetch: fetched, rendered }));
    expect(facts.rendering?.blockedResources).toEqual(rendered.blockedResources);
    expect(facts.rendering?.blockedResources).toContainEqual({ url: `${base}/blocked/site.css`, type: 'stylesheet' });

    const check = crawlabilityChecks.find((c) => c.id === 'resources-blocked-by-robots');
    expect(check).toMatchObject({ category: 'crawlability', severity: 'medium' });
    const issues = check!.run(facts);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain('robots.txt blocks 4 resources');
    expect(issues[0]?.message).toContain(`"${base}/blocked/site.css"`);
  });

  it('fetches robots.txt once per origin for the life of the pool', async () => {
    siteHits = [];
    cdnHits = [];
    await pool.render(`${base}/page`);
    expect(siteHits.filter((h) => h.path === '/robots.txt')).toEqual([]);
    expect(cdnHits).toEqual([]);
  });

  it('refuses a redirect to a disallowed URL without requesting it', async () => {
    siteHits = [];
    const error = await pool.render(`${base}/go-blocked`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'FetchError', reason: BLOCKED_BY_ROBOTS, url: `${base}/blocked/landing` });
    expect(siteHits.map((h) => h.path)).toEqual(['/go-blocked']);
  });

  it('renders the requested document itself: the caller decided to fetch it', async () => {
    const result = await pool.render(`${base}/members/home`);
    expect(result.html).toContain('<h1>Members</h1>');
    expect(result.blockedResources).toEqual([]);
  });
});
