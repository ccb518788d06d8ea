import { describe, expect, it } from 'vitest';
import { readAnalysisPageFacts, readAuditSettings, readAuditState, readCategoryScores, readCrawlPageFacts, readFindingDetails } from '@/lib/audits/audit-json';

const crawlFacts = {
  graph: {
    url: 'https://example.com/',
    depth: 0,
    response: { status: 200, contentType: 'text/html', redirects: [] },
    facts: {
      title: 'Home',
      metaDescription: null,
      h1s: ['Home'],
      textHash: 'abc',
      wordCount: 120,
      canonicals: [],
      canonicalFromHeader: [],
      robots: { directives: [], noindex: false, nofollow: false, sources: [] },
      hreflang: [],
      links: [{ url: 'https://example.com/a', href: '/a', text: 'A', rel: [], internal: true, position: 'content' }],
    },
  },
  discovered: [{ url: 'https://example.com/a', depth: 1, via: 'https://example.com/' }],
};

describe('JSON column readers', () => {
  it('read a crawled page row, and refuse what is not one', () => {
    expect(readCrawlPageFacts(crawlFacts)?.graph.facts?.links).toHaveLength(1);
    expect(readCrawlPageFacts({ keyword: null, rendered: false })).toBeNull();
    expect(readCrawlPageFacts({ graph: { ...crawlFacts.graph, depth: 'deep' }, discovered: [] })).toBeNull();
    expect(readCrawlPageFacts({ ...crawlFacts, graph: { ...crawlFacts.graph, facts: { ...crawlFacts.graph.facts, links: [{ url: 'x' }] } } })).toBeNull();
    expect(readCrawlPageFacts(null)).toBeNull();
  });

  it('a page detail that no longer reads is dropped, never the page (the graph must still rebuild)', () => {
    const read = readCrawlPageFacts({ ...crawlFacts, detail: { head: 'from another version' } });
    expect(read?.graph.facts?.title).toBe('Home');
    expect(read?.detail).toBeUndefined();
  });

  it('read an analysis row (keyword report), empty when absent', () => {
    expect(readAnalysisPageFacts({ keyword: { keyword: 'shoes' }, rendered: true })).toMatchObject({ keyword: { keyword: 'shoes' }, rendered: true });
    expect(readAnalysisPageFacts(null)).toEqual({});
    expect(readAnalysisPageFacts({ keyword: 'shoes' })).toEqual({});
  });

  it('read state and scores, dropping what does not fit', () => {
    expect(readAuditState({ phase: 'crawling', limit: 10, sitemapUrls: ['https://example.com/a'] })).toEqual({ phase: 'crawling', limit: 10, sitemapUrls: ['https://example.com/a'] });
    expect(readAuditState({ phase: 'sleeping' })).toEqual({});
    expect(readCategoryScores({ content: 80, links: 95 })).toEqual({ content: 80, links: 95 });
    expect(readCategoryScores({ content: 'eighty' })).toEqual({});
    expect(readCategoryScores(null)).toEqual({});
    expect(readFindingDetails({ count: 3 })).toEqual({ count: 3 });
    expect(readFindingDetails([1, 2])).toBeUndefined();
  });

  it('read stored audit settings with their defaults, and fail loudly on a broken row', () => {
    expect(readAuditSettings({ maxPages: 5 })).toMatchObject({ maxPages: 5, maxDepth: 10, renderMode: 'auto' });
    expect(() => readAuditSettings({ maxPages: 'all' })).toThrow();
  });
});
