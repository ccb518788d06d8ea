import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extractPageFacts } from '@/lib/analysis/extract-page-facts';
import { createSitemapReader } from '@/lib/crawler/crawl-bootstrap';
import { crawlSite } from '@/lib/crawler/crawl-site';
import { probeResources } from '@/lib/crawler/probe-resources';
import { FetchError } from '@/lib/fetch/fetch-error';
import { fetchPage } from '@/lib/fetch/fetch-page';
import { looksClientRendered } from '@/lib/fetch/looks-client-rendered';

// URLs a crawled site hands us (redirect targets, sitemap entries from robots.txt and sitemap
// indexes, links and images the probe checks, canonicals) must go through the same SSRF guard as
// the start URL. The audited site listens on 127.0.0.1 (allow-listed, as a test site must be); an
// "internal" service on 127.0.0.2 (not allow-listed) counts every request it gets, which must stay
// zero. A control run with 127.0.0.2 allow-listed shows the same URLs are otherwise fetched, so
// the zero is the guard's doing, not the crawler's scope rules.

let site: http.Server;
let internal: http.Server;
let siteUrl = '';
let port = 0;
const internalHits: string[] = [];

/** The internal service in the spellings a hostile page would use. */
const internalSpellings = () => [
  `http://127.0.0.2:${port}`,
  `http://2130706434:${port}`, // decimal
  `http://0x7f000002:${port}`, // hex
  `http://0177.0.0.2:${port}`, // octal
  `http://[::ffff:127.0.0.2]:${port}`, // IPv4-mapped IPv6
];

const ONLY_SITE = ['127.0.0.1'];
const SITE_AND_INTERNAL = ['127.0.0.1', '127.0.0.2'];

function listen(server: http.Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  internal = http.createServer((req, res) => {
    internalHits.push(req.url ?? '');
    if (req.url?.endsWith('.xml')) {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${siteUrl}/from-internal</loc></url></urlset>`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><head><title>internal admin</title></head><body>secret</body></html>');
  });
  port = await listen(internal, '127.0.0.2');

  site = http.createServer((req, res) => {
    const spellings = internalSpellings();
    const path = req.url ?? '/';
    const redirect = /^\/redirect\/(\d)$/.exec(path);
    if (redirect) {
      res.writeHead(302, { location: `${spellings[Number(redirect[1])]}/redirected-${redirect[1]}` });
      res.end();
    } else if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`User-agent: *\nAllow: /\n${spellings.map((s, i) => `Sitemap: ${s}/robots-sitemap-${i}.xml`).join('\n')}\n`);
    } else if (path === '/sitemap-index.xml') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      const entries = spellings.map((s, i) => `<sitemap><loc>${s}/child-${i}.xml</loc></sitemap>`).join('');
      res.end(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries}</sitemapindex>`);
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const links = spellings.map((s, i) => `<a href="${s}/link-${i}">internal ${i}</a><img src="${s}/img-${i}.png" alt="">`).join('\n');
      res.end(
        `<!doctype html><html><head><title>Hostile home</title><link rel="canonical" href="${spellings[0]}/canonical"></head>` +
          `<body><h1>Home</h1>${links}${spellings.map((_, i) => `<a href="/redirect/${i}">r${i}</a>`).join('')}</body></html>`,
      );
    } else {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>not here</body></html>');
    }
  });
  siteUrl = `http://127.0.0.1:${await listen(site, '127.0.0.1')}`;
});

afterAll(async () => {
  await Promise.all([site, internal].map((s) => new Promise((resolve) => s.close(resolve))));
});

beforeEach(() => {
  internalHits.length = 0;
});

describe('redirects to private addresses', () => {
  it.each([0, 1, 2, 3, 4])('a redirect to spelling %i of the internal service is refused, not followed', async (i) => {
    const error = await fetchPage(`${siteUrl}/redirect/${i}`, { allowedPrivateHosts: ONLY_SITE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).code).toBe('BLOCKED_PRIVATE_ADDRESS');
    expect(internalHits).toEqual([]);
  });

  it('control: allow-listed, the same redirect is followed', async () => {
    expect((await fetchPage(`${siteUrl}/redirect/0`, { allowedPrivateHosts: SITE_AND_INTERNAL })).status).toBe(200);
    expect(internalHits).toEqual(['/redirected-0']);
  });
});

describe('sitemaps pointing at private addresses', () => {
  const read = (allowedPrivateHosts: string[]) =>
    createSitemapReader({ allowedPrivateHosts })({
      startUrl: `${siteUrl}/`,
      robotsSitemaps: internalSpellings().map((s, i) => `${s}/robots-sitemap-${i}.xml`),
      sitemapUrls: [`${siteUrl}/sitemap-index.xml`],
      probeCommonPaths: false,
    });

  it('robots.txt Sitemap: lines and sitemap-index children on the internal service are not fetched', async () => {
    const result = await read(ONLY_SITE);
    expect(internalHits).toEqual([]);
    expect(result.urls).not.toContain(`${siteUrl}/from-internal`);
    const refused = result.files.filter((f) => f.error === 'FETCH_FAILED' && /Refused to fetch/.test(f.message ?? ''));
    expect(refused.length).toBeGreaterThanOrEqual(internalSpellings().length);
  });

  it('control: allow-listed, they are fetched', async () => {
    await read(SITE_AND_INTERNAL);
    expect(internalHits.length).toBeGreaterThan(0);
  });
});

describe('links and images probed after the crawl', () => {
  const probe = (allowedPrivateHosts: string[]) =>
    probeResources({
      targets: { links: internalSpellings().map((s, i) => `${new URL(`${s}/link-${i}`).href}`), images: internalSpellings().map((s, i) => new URL(`${s}/img-${i}.png`).href) },
      fetchPage,
      fetchOptions: { allowedPrivateHosts },
      settings: { perHostDelayMs: 0, timeoutMs: 2_000, budgetMs: 10_000 },
    });

  it('are refused with BLOCKED_PRIVATE_ADDRESS, never requested', async () => {
    const results = await probe(ONLY_SITE);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r, r.url).toMatchObject({ status: 0, errorCode: 'BLOCKED_PRIVATE_ADDRESS' });
    expect(internalHits).toEqual([]);
  });

  it('control: allow-listed, they are requested', async () => {
    await probe(SITE_AND_INTERNAL);
    expect(internalHits.length).toBeGreaterThan(0);
  });
});

describe('a whole crawl of a hostile page', () => {
  it('fetches nothing on the internal service from links, images, canonical, redirects or robots.txt sitemaps', async () => {
    const pages: string[] = [];
    await crawlSite(
      {
        startUrl: `${siteUrl}/`,
        allowedPrivateHosts: ONLY_SITE,
        timeouts: { connectMs: 2_000, headersMs: 2_000, bodyMs: 5_000 },
        maxBodyBytes: 1024 * 1024,
        renderMode: 'never',
      },
      { fetchPage, extractPageFacts, looksClientRendered, onPage: (r) => void pages.push(r.url) },
    );
    expect(pages).toContain(`${siteUrl}/`);
    expect(internalHits).toEqual([]);
  });
});
