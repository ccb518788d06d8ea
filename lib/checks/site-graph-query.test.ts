import { describe, expect, it } from 'vitest';

import { buildSiteGraph, fixtureUrl } from '@/test/site-graph-fixture';
import {
  displayUrl,
  findPage,
  inlinksByLandingPage,
  isIndexable,
  listUrls,
  normalizeUrl,
  resolveRedirects,
} from '@/lib/checks/site-graph-query';

describe('normalizeUrl', () => {
  it('drops fragments and default ports, lower-cases the host, keeps path case, slash and query', () => {
    expect(normalizeUrl('HTTPS://Example.COM:443/A/?b=1#top')).toBe('https://example.com/A/?b=1');
    expect(normalizeUrl('https://example.com')).toBe('https://example.com/');
    expect(normalizeUrl(' not a url ')).toBe('not a url');
  });
});

describe('findPage', () => {
  it('finds pages by exact key or normalised URL', () => {
    const graph = buildSiteGraph({ pages: { '/': {}, '/a': {} } });
    expect(findPage(graph, 'https://EXAMPLE.com/a#x')?.url).toBe(fixtureUrl('/a'));
    expect(findPage(graph, 'https://example.com/b')).toBeUndefined();
  });
});

describe('resolveRedirects', () => {
  it('follows redirects stored hop by hop', () => {
    const graph = buildSiteGraph({ pages: { '/a': { status: 301, redirectTo: '/b' }, '/b': { status: 301, redirectTo: '/c' }, '/c': { status: 404 } } });
    const r = resolveRedirects(graph, findPage(graph, fixtureUrl('/a'))!);
    expect(r).toMatchObject({ hops: 2, loop: false, finalUrl: fixtureUrl('/c'), finalStatus: 404 });
    expect(r.path).toEqual([fixtureUrl('/a'), fixtureUrl('/b'), fixtureUrl('/c')]);
  });

  it('uses the stored final status and hop count when the target was not crawled', () => {
    const graph = buildSiteGraph({ pages: { '/a': { status: 200, redirectTo: '/z', redirectHops: 2 } } });
    expect(resolveRedirects(graph, findPage(graph, fixtureUrl('/a'))!)).toMatchObject({ hops: 2, finalStatus: 200, final: undefined });
  });

  it('detects loops', () => {
    const graph = buildSiteGraph({ pages: { '/a': { status: 301, redirectTo: '/b' }, '/b': { status: 301, redirectTo: '/a' } } });
    expect(resolveRedirects(graph, findPage(graph, fixtureUrl('/a'))!).loop).toBe(true);
  });
});

describe('isIndexable', () => {
  it('requires 200 HTML, no noindex, no robots block and a self canonical', () => {
    const graph = buildSiteGraph({
      pages: {
        '/ok': { canonical: '/ok#main' },
        '/noindex': { noindex: true },
        '/canon': { canonical: '/ok' },
        '/pdf': { contentType: 'application/pdf' },
        '/redirect': { status: 200, redirectTo: '/ok' },
      },
    });
    const indexable = [...graph.pages.values()].filter(isIndexable).map((p) => p.url);
    expect(indexable).toEqual([fixtureUrl('/ok')]);
  });
});

describe('inlinksByLandingPage', () => {
  it('credits links through redirects to the final page and skips self-links', () => {
    const graph = buildSiteGraph({
      pages: { '/': { links: ['/old', '/'] }, '/old': { status: 301, redirectTo: '/new' }, '/new': {} },
    });
    const inlinks = inlinksByLandingPage(graph);
    expect(inlinks.get(fixtureUrl('/new'))?.map((l) => l.from)).toEqual([fixtureUrl('/')]);
    expect(inlinks.has(fixtureUrl('/'))).toBe(false);
  });
});

describe('message helpers', () => {
  it('shows same-origin URLs as paths and caps lists', () => {
    const graph = buildSiteGraph({ pages: { '/': {} } });
    expect(displayUrl(graph, 'https://example.com/a?b=1')).toBe('/a?b=1');
    expect(displayUrl(graph, 'https://other.example/a')).toBe('https://other.example/a');
    const urls = ['/1', '/2', '/3', '/4', '/5', '/6', '/7'].map((p) => fixtureUrl(p));
    expect(listUrls(graph, urls)).toBe('/1, /2, /3, /4, /5 and 2 more');
  });
});
