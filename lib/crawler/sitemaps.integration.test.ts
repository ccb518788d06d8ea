import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '@/test/fixture-site';
import { createBytesFetcher, loadSitemaps } from '@/lib/crawler/sitemaps';
import { resolveAllowedAddresses } from '@/lib/fetch/ssrf-guard';

const XML = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.com/a</loc></url></urlset>';

describe('createBytesFetcher against a local server', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      switch (req.url) {
        case '/raw.xml.gz':
          return res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(gzipSync(XML));
        case '/encoded.xml':
          return res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' }).end(gzipSync(XML));
        case '/moved':
          return res.writeHead(301, { location: '/raw.xml.gz' }).end();
        case '/loop':
          return res.writeHead(302, { location: '/loop' }).end();
        case '/big':
          return res.writeHead(200, { 'content-type': 'application/xml' }).end(Buffer.alloc(200_000, 0x20));
        case '/hang':
          return; // never answers
        default:
          return res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  it('returns raw gzip bytes for a .gz file and follows redirects', async () => {
    const fetchBytes = createBytesFetcher();
    const response = await fetchBytes(`${base}/moved`);
    expect(response).toMatchObject({ status: 200, contentType: 'application/x-gzip', finalUrl: `${base}/raw.xml.gz` });
    expect(response.body[0]).toBe(0x1f);
  });

  it('reads a sitemap whether gzip is raw or a Content-Encoding', async () => {
    const fetchBytes = createBytesFetcher();
    const result = await loadSitemaps({ startUrl: base, sitemapUrls: [`${base}/raw.xml.gz`, `${base}/encoded.xml`], fetchBytes });
    expect(result.urls).toEqual(['https://example.com/a']);
    expect(result.files.map((f) => [f.gzip, f.error])).toEqual([
      [true, undefined],
      [true, undefined],
    ]);
  });

  it('asks the guard before every hop and can be refused', async () => {
    const seen: string[] = [];
    const fetchBytes = createBytesFetcher({
      guard: (url) => {
        seen.push(url.pathname);
        if (url.pathname.endsWith('.gz')) throw new Error('refused by guard');
      },
    });
    await expect(fetchBytes(`${base}/moved`)).rejects.toThrow('refused by guard');
    expect(seen).toEqual(['/moved', '/raw.xml.gz']);
  });

  it('pins connections to the addresses the SSRF guard approved', async () => {
    const refused = createBytesFetcher({ guard: (url) => resolveAllowedAddresses(url, []) });
    await expect(refused(`${base}/raw.xml.gz`)).rejects.toMatchObject({ code: 'BLOCKED_PRIVATE_ADDRESS' });
    const allowed = createBytesFetcher({ guard: (url) => resolveAllowedAddresses(url, ['127.0.0.1']) });
    expect((await allowed(`${base}/raw.xml.gz`)).status).toBe(200);
  });

  it('enforces redirect, size and time limits', async () => {
    await expect(createBytesFetcher({ maxRedirects: 3 })(`${base}/loop`)).rejects.toThrow(/Too many redirects/);
    await expect(createBytesFetcher({ maxBytes: 100_000 })(`${base}/big`)).rejects.toThrow(/larger than/);
    const started = Date.now();
    await expect(createBytesFetcher({ timeoutMs: 300 })(`${base}/hang`)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('loadSitemaps against the fixture site', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite({ pages: 30 });
  });
  afterAll(() => site.close());

  it('walks the index into the plain and the gzipped sitemap', async () => {
    const result = await loadSitemaps({
      startUrl: site.url,
      robotsSitemaps: [`${site.url}/sitemap.xml`],
      fetchBytes: createBytesFetcher({ guard: (url) => resolveAllowedAddresses(url, ['127.0.0.1']) }),
    });
    expect(result.urls).toContain(`${site.url}/orphan`);
    expect(result.urls).toContain(`${site.url}/orphan-gz`);
    expect(result.urls).toContain(`${site.url}/gen/30`);
    expect(result.urls).toHaveLength(4 + 1 + 30);
    expect(result.files.map((f) => [f.kind, f.gzip])).toEqual([
      ['sitemapindex', false],
      ['urlset', false],
      ['urlset', true],
    ]);
  });
});
