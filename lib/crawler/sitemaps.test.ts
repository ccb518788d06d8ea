import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import {
  decodeSitemapBody,
  lastmodStats,
  loadSitemaps,
  parseLastmod,
  parseSitemap,
  SitemapTooLargeError,
  type BytesResponse,
  type FetchBytes,
} from '@/lib/crawler/sitemaps';

const SITE = 'https://example.com';

function urlset(locs: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${locs.map((loc) => `<url><loc>${loc}</loc><lastmod>2024-01-01</lastmod></url>`).join('\n')}
</urlset>`;
}

function sitemapIndex(locs: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${locs.map((loc) => `<sitemap><loc>${loc}</loc></sitemap>`).join('\n')}
</sitemapindex>`;
}

/** Fake fetchBytes serving a map of URL → body (string or Buffer); anything else is a 404. */
function fakeSite(files: Record<string, string | Buffer | BytesResponse>) {
  return vi.fn<FetchBytes>(async (url) => {
    const file = files[url];
    if (file === undefined) return { status: 404, body: Buffer.from('not found'), contentType: 'text/html' };
    if (typeof file === 'string') return { status: 200, body: Buffer.from(file), contentType: 'application/xml' };
    if (Buffer.isBuffer(file)) return { status: 200, body: file, contentType: 'application/x-gzip' };
    return file;
  });
}

describe('parseSitemap', () => {
  it('reads a urlset with lastmod, entities and CDATA', () => {
    const parsed = parseSitemap(
      urlset(['https://example.com/a?x=1&amp;y=2', ' <![CDATA[https://example.com/b]]> ']),
    );
    expect(parsed.kind).toBe('urlset');
    expect(parsed.entries).toEqual([
      { loc: 'https://example.com/a?x=1&y=2', lastmod: '2024-01-01' },
      { loc: 'https://example.com/b', lastmod: '2024-01-01' },
    ]);
  });

  it('ignores image/video/xhtml extension locs', () => {
    const parsed = parseSitemap(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns:xhtml="http://www.w3.org/1999/xhtml">
      <url><loc>https://example.com/p</loc>
        <image:image><image:loc>https://example.com/i.jpg</image:loc></image:image>
        <xhtml:link rel="alternate" hreflang="de" href="https://example.com/de/p"/>
      </url></urlset>`);
    expect(parsed.entries.map((e) => e.loc)).toEqual(['https://example.com/p']);
  });

  it('handles prefixed sitemap namespaces', () => {
    const parsed = parseSitemap(
      '<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:url><sm:loc>https://example.com/x</sm:loc></sm:url></sm:urlset>',
    );
    expect(parsed).toEqual({ kind: 'urlset', entries: [{ loc: 'https://example.com/x', lastmod: null }] });
  });

  it('reads a sitemap index', () => {
    const parsed = parseSitemap(sitemapIndex(['https://example.com/s1.xml', 'https://example.com/s2.xml.gz']));
    expect(parsed.kind).toBe('sitemapindex');
    expect(parsed.entries.map((e) => e.loc)).toEqual(['https://example.com/s1.xml', 'https://example.com/s2.xml.gz']);
  });

  it('reads text, RSS and Atom sitemaps', () => {
    expect(parseSitemap('\uFEFFhttps://example.com/a\r\nhttps://example.com/b\n')).toEqual({
      kind: 'text',
      entries: [
        { loc: 'https://example.com/a', lastmod: null },
        { loc: 'https://example.com/b', lastmod: null },
      ],
    });
    expect(
      parseSitemap('<rss version="2.0"><channel><title>t</title><item><link>https://example.com/post</link></item></channel></rss>')
        .entries[0]?.loc,
    ).toBe('https://example.com/post');
    expect(
      parseSitemap(
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="edit" href="https://example.com/e"/><link href="https://example.com/post"/><updated>2024-02-02</updated></entry></feed>',
      ).entries,
    ).toEqual([{ loc: 'https://example.com/post', lastmod: '2024-02-02' }]);
  });

  it('rejects HTML and garbage', () => {
    expect(parseSitemap('<!doctype html><html><body>Not found</body></html>').kind).toBe('unknown');
    expect(parseSitemap('hello world').kind).toBe('unknown');
    expect(parseSitemap('').kind).toBe('unknown');
  });
});

describe('decodeSitemapBody', () => {
  it('passes plain bytes through and gunzips by magic number', async () => {
    expect(await decodeSitemapBody(Buffer.from('<urlset/>'))).toEqual({ text: '<urlset/>', gzip: false });
    expect(await decodeSitemapBody(gzipSync('<urlset/>'))).toEqual({ text: '<urlset/>', gzip: true });
    expect(await decodeSitemapBody(gzipSync(gzipSync('<urlset/>')))).toEqual({ text: '<urlset/>', gzip: true });
  });

  it('caps decompressed size (gzip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(5 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(10_000);
    await expect(decodeSitemapBody(bomb, 1024 * 1024)).rejects.toBeInstanceOf(SitemapTooLargeError);
    await expect(decodeSitemapBody(Buffer.alloc(2048, 0x41), 1024)).rejects.toBeInstanceOf(SitemapTooLargeError);
  });

  it('rejects corrupt gzip', async () => {
    const corrupt = Buffer.concat([gzipSync('<urlset/>').subarray(0, 12), Buffer.from('garbage')]);
    await expect(decodeSitemapBody(corrupt)).rejects.toThrow();
  });
});

describe('loadSitemaps', () => {
  it('reads robots.txt sitemaps, recursing into indexes and gzip files', async () => {
    const fetchBytes = fakeSite({
      [`${SITE}/index.xml`]: sitemapIndex([`${SITE}/pages.xml`, `${SITE}/posts.xml.gz`]),
      [`${SITE}/pages.xml`]: urlset([`${SITE}/`, `${SITE}/about`]),
      [`${SITE}/posts.xml.gz`]: gzipSync(urlset([`${SITE}/post-1`, `${SITE}/about`])),
    });
    const result = await loadSitemaps({ startUrl: SITE, robotsSitemaps: [`${SITE}/index.xml`], fetchBytes });
    expect(result.urls).toEqual([`${SITE}/`, `${SITE}/about`, `${SITE}/post-1`]);
    expect(result.entries[2]).toEqual({ url: `${SITE}/post-1`, lastmod: '2024-01-01', sitemap: `${SITE}/posts.xml.gz` });
    expect(result.files.map((f) => [f.url, f.source, f.kind, f.depth, f.error])).toEqual([
      [`${SITE}/index.xml`, 'robots', 'sitemapindex', 0, undefined],
      [`${SITE}/pages.xml`, 'index', 'urlset', 1, undefined],
      [`${SITE}/posts.xml.gz`, 'index', 'urlset', 1, undefined],
    ]);
    expect(result.files[2]).toMatchObject({ gzip: true, urlCount: 2, parent: `${SITE}/index.xml` });
    expect(fetchBytes).not.toHaveBeenCalledWith(`${SITE}/sitemap.xml`, undefined);
  });

  it('probes common paths only when robots.txt names none, stopping at the first hit', async () => {
    const fetchBytes = fakeSite({ [`${SITE}/sitemap_index.xml`]: urlset([`${SITE}/a`]) });
    const result = await loadSitemaps({ startUrl: `${SITE}/deep/page`, fetchBytes });
    expect(result.urls).toEqual([`${SITE}/a`]);
    expect(result.files.map((f) => [f.url, f.source, f.status, f.error])).toEqual([
      [`${SITE}/sitemap.xml`, 'common-path', 404, 'HTTP_ERROR'],
      [`${SITE}/sitemap_index.xml`, 'common-path', 200, undefined],
    ]);
    expect(fetchBytes).toHaveBeenCalledTimes(2);
  });

  it('can skip probing', async () => {
    const fetchBytes = fakeSite({});
    const result = await loadSitemaps({ startUrl: SITE, fetchBytes, probeCommonPaths: false });
    expect(result.files).toEqual([]);
    expect(fetchBytes).not.toHaveBeenCalled();
  });

  it('is loop-safe and de-duplicates files', async () => {
    const fetchBytes = fakeSite({
      [`${SITE}/a.xml`]: sitemapIndex([`${SITE}/b.xml`, `${SITE}/a.xml`, `${SITE}/b.xml#x`]),
      [`${SITE}/b.xml`]: sitemapIndex([`${SITE}/a.xml`, `${SITE}/c.xml`]),
      [`${SITE}/c.xml`]: urlset([`${SITE}/x`]),
    });
    const result = await loadSitemaps({
      startUrl: SITE,
      robotsSitemaps: [`${SITE}/a.xml`, `${SITE}/a.xml`],
      fetchBytes,
    });
    expect(result.urls).toEqual([`${SITE}/x`]);
    expect(fetchBytes).toHaveBeenCalledTimes(3);
  });

  it('stops at the index depth limit and reports the skipped child', async () => {
    const fetchBytes = fakeSite({
      [`${SITE}/0.xml`]: sitemapIndex([`${SITE}/1.xml`]),
      [`${SITE}/1.xml`]: sitemapIndex([`${SITE}/2.xml`]),
      [`${SITE}/2.xml`]: urlset([`${SITE}/deep`]),
    });
    const result = await loadSitemaps({ startUrl: SITE, robotsSitemaps: [`${SITE}/0.xml`], fetchBytes, maxDepth: 1 });
    expect(result.urls).toEqual([]);
    expect(result.files.at(-1)).toMatchObject({ url: `${SITE}/2.xml`, error: 'DEPTH_LIMIT', parent: `${SITE}/1.xml` });
    expect(fetchBytes).toHaveBeenCalledTimes(2);
  });

  it('caps URLs per file at 50,000 and reports it', async () => {
    const locs = Array.from({ length: 50_010 }, (_, i) => `${SITE}/p/${i}`);
    const fetchBytes = fakeSite({ [`${SITE}/big.xml`]: urlset(locs) });
    const result = await loadSitemaps({ startUrl: SITE, sitemapUrls: [`${SITE}/big.xml`], fetchBytes, maxUrls: 100_000 });
    expect(result.urls).toHaveLength(50_000);
    expect(result.files[0]).toMatchObject({ urlCount: 50_010, error: 'TOO_MANY_URLS' });
  });

  it('caps the total at 10,000 by default and skips further files', async () => {
    const files: Record<string, string> = {
      [`${SITE}/index.xml`]: sitemapIndex([1, 2, 3].map((n) => `${SITE}/s${n}.xml`)),
    };
    for (const n of [1, 2, 3]) files[`${SITE}/s${n}.xml`] = urlset(Array.from({ length: 6_000 }, (_, i) => `${SITE}/s${n}/${i}`));
    const fetchBytes = fakeSite(files);
    const result = await loadSitemaps({ startUrl: SITE, robotsSitemaps: [`${SITE}/index.xml`], fetchBytes });
    expect(result.urls).toHaveLength(10_000);
    expect(new Set(result.urls).size).toBe(10_000);
    expect(result.truncated).toBe(true);
    expect(result.skippedFiles).toEqual([`${SITE}/s3.xml`]);
    expect(fetchBytes).toHaveBeenCalledTimes(3);
  });

  it('limits the number of files fetched', async () => {
    const files: Record<string, string> = {
      [`${SITE}/index.xml`]: sitemapIndex(Array.from({ length: 10 }, (_, n) => `${SITE}/s${n}.xml`)),
    };
    for (let n = 0; n < 10; n++) files[`${SITE}/s${n}.xml`] = urlset([`${SITE}/${n}`]);
    const fetchBytes = fakeSite(files);
    const result = await loadSitemaps({ startUrl: SITE, robotsSitemaps: [`${SITE}/index.xml`], fetchBytes, maxFiles: 4 });
    expect(result.urls).toEqual([`${SITE}/0`, `${SITE}/1`, `${SITE}/2`]);
    expect(result.skippedFiles).toHaveLength(7);
  });

  it('reports per-file errors and keeps going', async () => {
    const fetchBytes = vi.fn<FetchBytes>(async (url) => {
      if (url.endsWith('/down.xml')) throw new Error('ECONNRESET');
      if (url.endsWith('/500.xml')) return { status: 500, body: Buffer.alloc(0), contentType: '' };
      if (url.endsWith('/html.xml')) return { status: 200, body: Buffer.from('<html><body>hi</body></html>'), contentType: 'text/html' };
      if (url.endsWith('/bad.xml.gz')) return { status: 200, body: Buffer.from([0x1f, 0x8b, 1, 2, 3]), contentType: 'application/x-gzip' };
      return { status: 200, body: Buffer.from(urlset([`${SITE}/ok`, 'not a url', 'mailto:x@y.z'])), contentType: 'text/xml' };
    });
    const result = await loadSitemaps({
      startUrl: SITE,
      robotsSitemaps: ['/down.xml', `${SITE}/500.xml`, `${SITE}/html.xml`, `${SITE}/bad.xml.gz`, `${SITE}/ok.xml`].map((p) =>
        p.startsWith('/') ? SITE + p : p,
      ),
      fetchBytes,
    });
    expect(result.urls).toEqual([`${SITE}/ok`]);
    expect(result.files.map((f) => f.error)).toEqual(['FETCH_FAILED', 'HTTP_ERROR', 'NOT_A_SITEMAP', 'GZIP_ERROR', undefined]);
    expect(result.files[4]).toMatchObject({ invalidCount: 2, urlCount: 3 });
  });

  it('normalises locs and counts relative ones as invalid (the protocol requires absolute URLs)', async () => {
    const fetchBytes = vi.fn<FetchBytes>(async () => ({
      status: 200,
      body: Buffer.from(urlset(['https://example.com/p?utm_source=x', '/relative', 'https://EXAMPLE.com/abs#frag'])),
      contentType: 'application/xml',
      finalUrl: `${SITE}/moved/sitemap.xml`,
    }));
    const result = await loadSitemaps({ startUrl: SITE, robotsSitemaps: [`${SITE}/sitemap.xml`], fetchBytes });
    expect(result.urls).toEqual([`${SITE}/p`, `${SITE}/abs`]);
    expect(result.files[0]).toMatchObject({ invalidCount: 1 });
  });

  it('resolves relative child sitemaps of an index against the final URL', async () => {
    const fetchBytes = fakeSite({
      [`${SITE}/sitemap.xml`]: { status: 200, body: Buffer.from(sitemapIndex(['child.xml'])), contentType: 'text/xml', finalUrl: `${SITE}/maps/sitemap.xml` },
      [`${SITE}/maps/child.xml`]: urlset([`${SITE}/c`]),
    });
    const result = await loadSitemaps({ startUrl: SITE, robotsSitemaps: [`${SITE}/sitemap.xml`], fetchBytes });
    expect(result.urls).toEqual([`${SITE}/c`]);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const fetchBytes = vi.fn<FetchBytes>(async () => {
      controller.abort();
      return { status: 200, body: Buffer.from(sitemapIndex([`${SITE}/child.xml`])), contentType: 'application/xml' };
    });
    await expect(
      loadSitemaps({ startUrl: SITE, robotsSitemaps: [`${SITE}/i.xml`], fetchBytes, signal: controller.signal }),
    ).rejects.toThrow();
    expect(fetchBytes).toHaveBeenCalledTimes(1);
  });
});

describe('sitemap <lastmod>', () => {
  const NOW = Date.parse('2026-06-01T00:00:00Z');
  const entries = (...values: (string | null)[]) => values.map((lastmod, i) => ({ loc: `${SITE}/${i}`, lastmod }));

  it('accepts every W3C Datetime form and rejects the rest', () => {
    for (const ok of ['2024', '2024-02', '2024-02-29', '2024-02-29T10:00Z', '2024-02-29T10:00:30+02:00', '2024-02-29T10:00:30.123-05:00']) {
      expect(parseLastmod(ok), ok).not.toBeNull();
    }
    for (const bad of ['01/02/2024', 'yesterday', '2023-02-29', '2024-13-01', '2024-01-01T10:00', '2024-01-01 10:00:00', `2024-01-01${'0'.repeat(100)}`]) {
      expect(parseLastmod(bad), bad).toBeNull();
    }
  });

  it('counts missing, invalid and future values and an identical stamp on every URL', () => {
    expect(lastmodStats(entries(null, 'soon', '2030-01-01', '2024-01-01'), NOW)).toEqual({
      missing: 1,
      invalid: 1,
      future: 1,
      valid: 2,
      allSame: false,
      samples: ['soon', '2030-01-01'],
    });
    expect(lastmodStats(entries('2026-05-31', '2026-05-31', '2026-05-31'), NOW)).toMatchObject({ allSame: true, missing: 0, invalid: 0, future: 0 });
    expect(lastmodStats(entries('2026-05-01', '2026-05-31T12:00:00Z'), NOW)).toMatchObject({ allSame: false, missing: 0, invalid: 0, future: 0, samples: [] });
  });

  it('reports the tally per urlset file', async () => {
    const fetchBytes = fakeSite({
      [`${SITE}/s.xml`]: `<urlset><url><loc>${SITE}/a</loc></url><url><loc>${SITE}/b</loc><lastmod>2099-01-01</lastmod></url></urlset>`,
    });
    const result = await loadSitemaps({ startUrl: SITE, sitemapUrls: [`${SITE}/s.xml`], fetchBytes, now: () => NOW });
    expect(result.files[0]!.lastmod).toMatchObject({ missing: 1, future: 1, valid: 1 });
  });
});
