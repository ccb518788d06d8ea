import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPageFacts } from '@/lib/analysis/extract-page-facts';
import { assetUrlsOf, buildSiteGraph, imageUrlsOf } from '@/lib/checks/build-site-graph';
import { selectProbeTargets, siteResourceChecks } from '@/lib/checks/site-resources';
import { DEFAULT_SITE_ANSWER_TIMEOUT_MS } from '@/lib/crawler/crawl-options';
import { createSiteRobotsCache } from '@/lib/crawler/crawl-robots';
import { probeResources, probeSettingsSchema } from '@/lib/crawler/probe-resources';
import { ROBOTS_PRODUCT_TOKEN } from '@/lib/crawler/robots';
import { fetchPage } from '@/lib/fetch/fetch-page';

// The asset probe against a real local site: the page's stylesheets and scripts are found in its
// HTML, probed with HEAD (GET when HEAD gives no size) through the real fetcher and robots.txt,
// and the cache and page-weight checks read the answers.

const BIG = 6 * 1024 * 1024;
const hits: string[] = [];
let server: http.Server;
let origin = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push(`${req.method} ${path}`);
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nDisallow: /private/\n');
      return;
    }
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html><head><title>Assets</title><link rel="stylesheet" href="/cached.css"><link rel="stylesheet" href="/nocache.css">` +
          `<script src="/app.js"></script><script src="/app.js"></script><script src="/private/secret.js"></script></head>` +
          `<body><h1>Assets</h1><img src="/hero.jpg" alt="Hero"></body></html>`,
      );
      return;
    }
    if (path === '/cached.css') {
      res.writeHead(200, { 'content-type': 'text/css', 'cache-control': 'public, max-age=31536000, immutable', 'content-length': '12' });
      res.end(req.method === 'HEAD' ? undefined : 'body{margin:0}'.slice(0, 12));
      return;
    }
    if (path === '/nocache.css') {
      res.writeHead(200, { 'content-type': 'text/css', 'cache-control': 'no-store', 'content-length': '10' });
      res.end(req.method === 'HEAD' ? undefined : 'a{color:0}');
      return;
    }
    if (path === '/app.js') {
      // Chunked, no Content-Length: the probe measures it with a capped GET.
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'max-age=600', etag: '"v1"' });
      res.end(req.method === 'HEAD' ? undefined : 'x'.repeat(3_000));
      return;
    }
    if (path === '/hero.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(BIG), 'cache-control': 'max-age=2592000' });
      res.end(); // HEAD gives the size; a GET is never made.
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('asset probe on a local site', () => {
  it('probes each stylesheet and script once (robots obeyed) and reports weak caching and a heavy page', async () => {
    const fetchOptions = { userAgent: 'RivalOutrankerTest/1.0', allowedPrivateHosts: ['127.0.0.1'] };
    const response = await fetchPage(`${origin}/`, fetchOptions);
    const facts = extractPageFacts({ fetch: response });
    const graph = buildSiteGraph({
      startUrl: `${origin}/`,
      pages: [{ url: `${origin}/`, depth: 0, response, facts: { ...facts, imageUrls: imageUrlsOf(facts), ...assetUrlsOf(facts), htmlBytes: facts.htmlBytes } }],
    });
    const settings = probeSettingsSchema.parse({ perHostDelayMs: 0, timeoutMs: 2_000, budgetMs: 10_000, assetByteCap: 2_048 });
    const targets = selectProbeTargets(graph, settings);
    expect(targets.stylesheets).toEqual([`${origin}/cached.css`, `${origin}/nocache.css`]);
    expect(targets.scripts).toEqual([`${origin}/app.js`, `${origin}/private/secret.js`]);

    hits.length = 0;
    const robots = createSiteRobotsCache({ robotsToken: ROBOTS_PRODUCT_TOKEN, siteAnswerTimeoutMs: DEFAULT_SITE_ANSWER_TIMEOUT_MS }, fetchOptions, fetchPage);
    graph.resourceProbes = await probeResources({ targets, fetchPage, fetchOptions, robots, settings });

    const probes = new Map(graph.resourceProbes.map((probe) => [probe.url.slice(origin.length), probe]));
    expect(probes.get('/cached.css')).toMatchObject({ kind: 'stylesheet', status: 200, bytes: 12, cache: { cacheControl: 'public, max-age=31536000, immutable' } });
    expect(probes.get('/app.js')).toMatchObject({ kind: 'script', status: 200, bytes: 2_048, bytesAtLeast: true, cache: { cacheControl: 'max-age=600', etag: '"v1"' } });
    expect(probes.get('/hero.jpg')).toMatchObject({ kind: 'image', bytes: BIG });
    expect(probes.get('/private/secret.js')).toMatchObject({ status: 0, blockedByRobots: true });
    expect(hits.filter((hit) => hit.includes('/private/'))).toEqual([]);
    expect(hits.filter((hit) => hit.startsWith('GET ') && hit !== 'GET /robots.txt')).toEqual(['GET /app.js']);

    const fired = (id: string) => siteResourceChecks.find((check) => check.id === id)!.run(graph);
    expect(fired('asset-cache-weak').map((issue) => issue.url)).toEqual([`${origin}/app.js`, `${origin}/nocache.css`]);
    const [heavy] = fired('page-weight-too-high');
    expect(heavy!.url).toBe(`${origin}/`);
    expect(heavy!.message).toContain('at least 6.0 MB');
    expect(heavy!.message).toContain('sizes known for 4 of 5');
  });
});
