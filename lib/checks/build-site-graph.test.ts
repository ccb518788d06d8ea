import { describe, expect, it } from 'vitest';
import { buildSiteGraph, type GraphFacts, type GraphPageInput } from '@/lib/checks/build-site-graph';
import { crawlSite } from '@/lib/crawler/crawl-site';
import { createFakeSite, fakeExtractPageFacts, fakeSitemaps, page } from '@/test/crawl-test-helpers';
import type { CrawlPageResult } from '@/lib/crawler/crawl-types';

const S = 'https://example.com';

function facts(partial: Omit<Partial<GraphFacts>, 'links'> & { links?: { url: string; text?: string; rel?: string[] }[] } = {}): GraphFacts {
  return {
    title: 'T',
    metaDescription: 'D',
    h1s: ['H'],
    textHash: 'hash',
    wordCount: 100,
    canonicals: [],
    canonicalFromHeader: [],
    robots: { directives: [], noindex: false, nofollow: false, sources: [] },
    hreflang: [],
    ...partial,
    links: (partial.links ?? []).map((l) => ({
      url: l.url,
      href: l.url,
      text: l.text ?? '',
      rel: l.rel ?? [],
      internal: true,
      position: 'content' as const,
    })),
  };
}

function ok(url: string, depth: number | null, f: GraphFacts = facts()): GraphPageInput {
  return { url, depth, response: { status: 200, contentType: 'text/html', redirects: [] }, facts: f };
}

describe('buildSiteGraph', () => {
  it('keys pages by normalised URL and fills page fields', () => {
    const graph = buildSiteGraph({
      startUrl: `${S}`,
      pages: [
        ok(`${S}/`, 0, facts({
          links: [{ url: `${S}/a#x`, text: 'A', rel: ['nofollow'] }, { url: 'https://other.example/', text: 'Out' }],
          canonicals: [`${S}/?utm_source=x`],
          robots: { directives: ['noindex'], noindex: true, nofollow: false, sources: [] },
          hreflang: [
            { lang: 'de', url: `${S}/de/`, href: '/de/', source: 'html' },
            { lang: 'fr', url: null, href: 'javascript:', source: 'html' },
          ],
        })),
        ok(`${S}/a`, 1),
      ],
      sitemapUrls: [`${S}/a`, `${S}/a#dup`],
      robotsTxt: { url: `${S}/robots.txt`, status: 200, body: 'User-agent: *' },
    });
    expect(graph.startUrl).toBe(`${S}/`);
    expect([...graph.pages.keys()]).toEqual([`${S}/`, `${S}/a`]);
    expect(graph.pages.get(`${S}/`)).toMatchObject({
      status: 200,
      title: 'T',
      metaDescription: 'D',
      h1: 'H',
      textHash: 'hash',
      wordCount: 100,
      canonical: `${S}/`,
      noindex: true,
      hreflang: [{ lang: 'de', url: `${S}/de/` }],
      inSitemap: false,
      depth: 0,
      contentType: 'text/html',
    });
    expect(graph.pages.get(`${S}/a`)!.inSitemap).toBe(true);
    expect(graph.links).toEqual([
      { from: `${S}/`, to: `${S}/a`, text: 'A', rel: ['nofollow'], internal: true },
      { from: `${S}/`, to: 'https://other.example/', text: 'Out', rel: [], internal: false },
    ]);
    expect(graph.sitemapUrls).toEqual([`${S}/a`]);
    expect(graph.robotsTxt?.status).toBe(200);
  });

  it('records blocked, failed and redirecting URLs without content', () => {
    const graph = buildSiteGraph({
      startUrl: S,
      pages: [
        ok(`${S}/`, 0, facts({ links: [{ url: `${S}/private` }, { url: `${S}/down` }, { url: `${S}/old` }, { url: `${S}/loop` }] })),
        { url: `${S}/private`, depth: 1, blockedByRobots: true },
        { url: `${S}/down`, depth: 1, fetchError: { code: 'CONNECT_TIMEOUT', message: 'slow' } },
        {
          url: `${S}/old`,
          depth: 1,
          redirectTo: `${S}/new`,
          response: { status: 200, contentType: 'text/html', redirects: [{ url: `${S}/old`, status: 301, location: '/mid' }, { url: `${S}/mid`, status: 302, location: '/new' }] },
          facts: facts({ title: 'New', links: [{ url: `${S}/x` }] }),
        },
        ok(`${S}/new`, 1, facts({ title: 'New' })),
        {
          url: `${S}/loop`,
          depth: 1,
          response: { status: 301, contentType: '', redirects: [{ url: `${S}/loop`, status: 301, location: '/loop2' }, { url: `${S}/loop2`, status: 301, location: '/loop' }], redirectError: 'loop' },
        },
      ],
    });
    expect(graph.pages.get(`${S}/private`)).toMatchObject({ status: 0, blockedByRobots: true, depth: 1 });
    expect(graph.blockedByRobots).toEqual([`${S}/private`]);
    expect(graph.pages.get(`${S}/down`)).toMatchObject({ status: 0, error: 'timed out connecting' });
    expect(graph.pages.get(`${S}/old`)).toMatchObject({ status: 301, redirectTo: `${S}/new`, redirectHops: 2, title: null, textHash: null });
    expect(graph.pages.get(`${S}/new`)).toMatchObject({ title: 'New', depth: 1 });
    expect(graph.pages.get(`${S}/loop`)).toMatchObject({ status: 301, error: 'Redirect loop', redirectError: 'loop', redirectTo: `${S}/loop2` });
    // Links on a redirecting URL's facts belong to its target, not to it.
    expect(graph.links.some((l) => l.from === `${S}/old`)).toBe(false);
  });

  it('computes click depth from links, orphans (sitemap-only) get null', () => {
    const graph = buildSiteGraph({
      startUrl: S,
      pages: [
        ok(`${S}/`, 0, facts({ links: [{ url: `${S}/a` }, { url: `${S}/old` }] })),
        // Crawled through the sitemap before it was linked, so the crawl recorded no depth.
        ok(`${S}/a`, null, facts({ links: [{ url: `${S}/deep` }] })),
        ok(`${S}/deep`, null),
        ok(`${S}/orphan`, null, facts({ links: [{ url: `${S}/from-orphan` }] })),
        ok(`${S}/from-orphan`, null),
        { url: `${S}/old`, depth: 1, redirectTo: `${S}/new`, response: { status: 200, contentType: 'text/html', redirects: [{ url: `${S}/old`, status: 301, location: '/new' }] } },
        ok(`${S}/new`, 1, facts({ links: [{ url: `${S}/after-redirect` }] })),
        ok(`${S}/after-redirect`, 2),
      ],
      sitemapUrls: [`${S}/orphan`],
    });
    const depth = (path: string) => graph.pages.get(`${S}${path}`)!.depth;
    expect(depth('/')).toBe(0);
    expect(depth('/a')).toBe(1);
    expect(depth('/deep')).toBe(2);
    expect(depth('/orphan')).toBeNull();
    expect(depth('/from-orphan')).toBeNull();
    expect(depth('/old')).toBe(1);
    expect(depth('/new')).toBe(1);
    expect(depth('/after-redirect')).toBe(2);
    expect(graph.pages.get(`${S}/orphan`)!.inSitemap).toBe(true);
  });

  it('builds a graph straight from crawl results', async () => {
    const site = createFakeSite({
      [`${S}/robots.txt`]: { body: 'User-agent: *\nDisallow: /private\n', contentType: 'text/plain' },
      [`${S}/`]: page('Home', ['/a', '/private', '/old', 'https://other.example/']),
      [`${S}/a`]: page('A', ['/']),
      [`${S}/old`]: { status: 301, location: '/a' },
      [`${S}/orphan`]: page('Orphan'),
    });
    const results: CrawlPageResult[] = [];
    const outcome = await crawlSite(
      { startUrl: S },
      {
        fetchPage: site.fetchPage,
        extractPageFacts: fakeExtractPageFacts,
        loadSitemaps: fakeSitemaps([`${S}/orphan`]),
        onPage: (r) => {
          results.push(r);
        },
      },
    );
    const graph = buildSiteGraph({ startUrl: S, pages: results, sitemapUrls: outcome.state.sitemapUrls, robotsTxt: outcome.robotsTxt });
    expect([...graph.pages.keys()].sort()).toEqual([`${S}/`, `${S}/a`, `${S}/old`, `${S}/orphan`, `${S}/private`].sort());
    expect(graph.pages.get(`${S}/orphan`)).toMatchObject({ depth: null, inSitemap: true, title: 'Orphan' });
    expect(graph.pages.get(`${S}/old`)).toMatchObject({ status: 301, redirectTo: `${S}/a` });
    expect(graph.blockedByRobots).toEqual([`${S}/private`]);
    expect(graph.robotsTxt?.body).toContain('Disallow: /private');
    const inlinksToA = graph.links.filter((l) => l.to === `${S}/a`);
    expect(inlinksToA.map((l) => l.from)).toEqual([`${S}/`]);
  });
});
