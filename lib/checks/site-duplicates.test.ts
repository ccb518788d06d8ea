import { describe, expect, it } from 'vitest';

import { siteDuplicateChecks } from '@/lib/checks/site-duplicates';
import { firedUrls, healthySiteSpec, healthyWith, runSiteCheck, urlsOf } from '@/lib/checks/site-graph-fixture';

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
