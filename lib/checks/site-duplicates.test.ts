import { describe, expect, it } from 'vitest';

import { siteDuplicateChecks } from '@/lib/checks/site-duplicates';
import { computeTextMinhash } from '@/lib/analysis/text-minhash';
import type { SiteGraph } from '@/lib/checks/types';
import { buildSiteGraph, firedUrls, fixtureUrl, healthySiteSpec, healthyWith, runSiteCheck, urlsOf, type GraphSpec } from '@/test/site-graph-fixture';

const fired = (id: string, spec: Parameters<typeof firedUrls>[2]) => firedUrls(siteDuplicateChecks, id, spec);

describe('duplicate-title', () => {
  const spec = healthyWith({
    '/a': { title: 'Shoes' },
    '/b': { title: '  shoes ' },
    '/c': { title: 'Shoes', noindex: true },
    '/d': { title: 'Shoes', canonical: '/a' },
    '/e': { status: 301, redirectTo: '/a', title: 'Shoes' },
    '/f': { status: 404, title: 'Shoes' },
  });

  it('fires on each indexable page sharing a title (case/space-insensitive)', () => {
    expect(fired('duplicate-title', spec)).toEqual(urlsOf('/a', '/b'));
    const [issue] = runSiteCheck(siteDuplicateChecks, 'duplicate-title', spec);
    expect(issue?.message).toBe('Title "Shoes" is shared by 2 pages: /a, /b');
  });

  it('still reports paginated pages sharing a title', () => {
    expect(fired('duplicate-title', healthyWith({ '/blog?page=2': { title: 'Page /blog' } }))).toEqual(
      urlsOf('/blog', '/blog?page=2'),
    );
  });

  it('passes when titles are unique or duplicates are canonicalised away', () => {
    expect(fired('duplicate-title', healthySiteSpec())).toEqual([]);
    expect(fired('duplicate-title', healthyWith({ '/a': { title: 'X' }, '/b': { title: 'X', canonical: '/a' } }))).toEqual([]);
  });
});

describe('duplicate-meta-description', () => {
  it('fires on indexable pages sharing a description', () => {
    const spec = healthyWith({
      '/a': { metaDescription: 'Best shoes in town' },
      '/b': { metaDescription: 'Best shoes in town' },
      '/c': { metaDescription: 'Best shoes in town', noindex: true },
    });
    expect(fired('duplicate-meta-description', spec)).toEqual(urlsOf('/a', '/b'));
    expect(runSiteCheck(siteDuplicateChecks, 'duplicate-meta-description', spec)[0]?.message).toBe(
      'Meta description "Best shoes in town" is shared by 2 pages: /a, /b',
    );
  });

  it('ignores missing descriptions and passes on unique ones', () => {
    expect(fired('duplicate-meta-description', healthyWith({ '/a': { metaDescription: null }, '/b': { metaDescription: '' } }))).toEqual([]);
    expect(fired('duplicate-meta-description', healthySiteSpec())).toEqual([]);
  });
});

describe('duplicate-h1', () => {
  it('fires on indexable pages sharing an H1', () => {
    expect(fired('duplicate-h1', healthyWith({ '/a': { h1: 'Welcome' }, '/b': { h1: 'Welcome' } }))).toEqual(urlsOf('/a', '/b'));
  });

  it('passes on unique H1s', () => {
    expect(fired('duplicate-h1', healthySiteSpec())).toEqual([]);
  });
});

describe('duplicate-content', () => {
  it('fires on indexable pages with the same text hash', () => {
    const spec = healthyWith({
      '/a': { textHash: 'same' },
      '/b': { textHash: 'same' },
      '/c': { textHash: 'same', canonical: '/a' },
    });
    expect(fired('duplicate-content', spec)).toEqual(urlsOf('/a', '/b'));
    expect(runSiteCheck(siteDuplicateChecks, 'duplicate-content', spec)[0]?.message).toBe('Body text is identical on 2 pages: /a, /b');
  });

  it('ignores empty pages and passes on unique content', () => {
    expect(fired('duplicate-content', healthyWith({ '/a': { textHash: 'e', wordCount: 0 }, '/b': { textHash: 'e', wordCount: 0 } }))).toEqual([]);
    expect(fired('duplicate-content', healthySiteSpec())).toEqual([]);
  });
});

describe('near-duplicate-content', () => {
  const base = Array.from({ length: 400 }, (_, i) => `word${i}`);
  const text = (changes: Record<number, string> = {}) => base.map((word, i) => changes[i] ?? word).join(' ');
  const unrelated = Array.from({ length: 400 }, (_, i) => `other${i}`).join(' ');

  /** The fixture has no text, so signatures are set on the built graph. */
  function graphWith(spec: GraphSpec, texts: Record<string, string>): SiteGraph {
    const graph = buildSiteGraph(spec);
    for (const [path, value] of Object.entries(texts)) {
      const page = graph.pages.get(fixtureUrl(path));
      if (page) page.textMinhash = computeTextMinhash(value);
    }
    return graph;
  }

  const texts = { '/a': text(), '/b': text({ 100: 'Springfield', 300: 'Shelbyville' }), '/c': unrelated };

  it('fires on indexable pages whose text is at least 90% alike', () => {
    const graph = graphWith(healthyWith({ '/a': {}, '/b': {}, '/c': {} }), texts);
    expect(fired('near-duplicate-content', graph)).toEqual(urlsOf('/a', '/b'));
    const message = runSiteCheck(siteDuplicateChecks, 'near-duplicate-content', graph)[0]?.message ?? '';
    expect(message).toMatch(/^Text is 9\d% similar to \/b$/);
  });

  it('stays silent on unrelated, exact-duplicate, short, noindex or unsigned pages', () => {
    expect(fired('near-duplicate-content', graphWith(healthyWith({ '/a': {}, '/c': {} }), { '/a': texts['/a'], '/c': unrelated }))).toEqual([]);
    expect(fired('near-duplicate-content', graphWith(healthyWith({ '/a': { textHash: 'x' }, '/b': { textHash: 'x' } }), texts))).toEqual([]);
    expect(fired('near-duplicate-content', graphWith(healthyWith({ '/a': { wordCount: 60 }, '/b': { wordCount: 60 } }), texts))).toEqual([]);
    expect(fired('near-duplicate-content', graphWith(healthyWith({ '/a': {}, '/b': { noindex: true } }), texts))).toEqual([]);
    expect(fired('near-duplicate-content', healthySiteSpec())).toEqual([]);
  });
});

describe('thin-content-share', () => {
  it('fires once on the site when more than 30% of indexable pages are thin', () => {
    // healthy site has 4 pages; add 2 thin ones → 2 of 6 = 33%
    const spec = healthyWith({ '/a': { wordCount: 50 }, '/b': { wordCount: 199 } });
    expect(fired('thin-content-share', spec)).toEqual(urlsOf('/'));
    expect(runSiteCheck(siteDuplicateChecks, 'thin-content-share', spec)[0]?.message).toBe(
      '2 of 6 indexable pages (33%) have fewer than 200 words: /a, /b',
    );
  });

  it('passes below the share, on small sites, and ignores noindex thin pages', () => {
    expect(fired('thin-content-share', healthyWith({ '/a': { wordCount: 50 } }))).toEqual([]);
    expect(fired('thin-content-share', { pages: { '/': { wordCount: 10, links: ['/a'] }, '/a': { wordCount: 10, links: ['/'] } } })).toEqual([]);
    expect(fired('thin-content-share', healthyWith({ '/a': { wordCount: 5, noindex: true }, '/b': { wordCount: 5, noindex: true } }))).toEqual([]);
  });
});
