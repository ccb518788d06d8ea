import { describe, expect, it } from 'vitest';

import {
  buildSiteGraph,
  firedUrls,
  fixtureUrl,
  healthySiteSpec,
  healthyWith,
  runSiteCheck,
  urlsOf,
} from '@/test/site-graph-fixture';
import { robotsSitemapUrls, siteSitemapChecks } from '@/lib/checks/site-sitemaps';

const fired = (id: string, spec: Parameters<typeof firedUrls>[2]) => firedUrls(siteSitemapChecks, id, spec);
const messages = (id: string, spec: Parameters<typeof firedUrls>[2]) =>
  runSiteCheck(siteSitemapChecks, id, spec).map((issue) => issue.message);
const ROBOTS_NO_SITEMAP = 'User-agent: *\nDisallow: /admin\n';

describe('robotsSitemapUrls', () => {
  it('reads Sitemap lines case-insensitively and ignores comments', () => {
    const graph = buildSiteGraph({ pages: { '/': {} }, robots: 'sitemap: https://example.com/a.xml # main\n# Sitemap: https://x/\nSITEMAP:https://example.com/b.xml' });
    expect(robotsSitemapUrls(graph)).toEqual(['https://example.com/a.xml', 'https://example.com/b.xml']);
  });
});

describe('sitemap-missing', () => {
  it('fires when no sitemap was found or declared', () => {
    const spec = healthyWith({}, { sitemap: [], robots: ROBOTS_NO_SITEMAP });
    expect(fired('sitemap-missing', spec)).toEqual(urlsOf('/robots.txt'));
    expect(fired('sitemap-missing', healthyWith({}, { sitemap: [], robots: null }))).toEqual(urlsOf('/'));
  });

  it('stays silent when robots.txt was unreadable, since nobody could look', () => {
    for (const status of [0, 429, 503]) {
      expect(fired('sitemap-missing', healthyWith({}, { sitemap: [], robots: { status, body: null } })), String(status)).toEqual([]);
    }
  });

  it('passes when a sitemap exists or robots.txt declares one', () => {
    expect(fired('sitemap-missing', healthySiteSpec())).toEqual([]);
    expect(fired('sitemap-missing', healthyWith({}, { sitemap: [] }))).toEqual([]);
    expect(fired('sitemap-missing', healthyWith({}, { sitemap: [], robots: ROBOTS_NO_SITEMAP, sitemaps: [{ url: '/sitemap.xml', status: 200, source: 'guess', urlCount: 0 }] }))).toEqual([]);
  });
});

describe('sitemap-not-in-robots-txt', () => {
  it('fires when a sitemap exists but robots.txt does not declare it', () => {
    const spec = healthyWith({}, { robots: ROBOTS_NO_SITEMAP, sitemaps: [{ url: '/sitemap.xml', status: 200, source: 'guess' }] });
    expect(fired('sitemap-not-in-robots-txt', spec)).toEqual(urlsOf('/robots.txt'));
    expect(messages('sitemap-not-in-robots-txt', spec)).toEqual([
      'robots.txt has no "Sitemap:" line, although a sitemap exists at https://example.com/sitemap.xml',
    ]);
  });

  it('passes when declared, when there is no sitemap, or when robots.txt is missing', () => {
    expect(fired('sitemap-not-in-robots-txt', healthySiteSpec())).toEqual([]);
    expect(fired('sitemap-not-in-robots-txt', healthyWith({}, { sitemap: [], robots: ROBOTS_NO_SITEMAP }))).toEqual([]);
    expect(fired('sitemap-not-in-robots-txt', healthyWith({}, { robots: { status: 404 } }))).toEqual([]);
  });
});

describe('sitemap-invalid', () => {
  it('fires on declared sitemaps that fail, do not parse or exceed limits', () => {
    const spec = healthyWith({}, {
      sitemaps: [
        { url: '/sitemap.xml', status: 200, urlCount: 4 },
        { url: '/missing.xml', status: 404 },
        { url: '/broken.xml', status: 200, error: 'Unexpected close tag' },
        { url: '/huge.xml', status: 200, urlCount: 50_001, source: 'index' },
        { url: '/guess.xml', status: 404, source: 'guess' },
      ],
    });
    expect(fired('sitemap-invalid', spec)).toEqual(urlsOf('/missing.xml', '/broken.xml', '/huge.xml'));
    expect(messages('sitemap-invalid', spec)).toEqual([
      'Sitemap declared in robots.txt returns 404',
      'Sitemap declared in robots.txt could not be parsed: Unexpected close tag',
      'Sitemap listed in a sitemap index lists 50,001 URLs (max 50,000)',
    ]);
  });

  it('passes on valid sitemaps', () => {
    expect(fired('sitemap-invalid', healthySiteSpec())).toEqual([]);
  });
});

describe('sitemap-non-200-url', () => {
  it('fires on listed URLs that return errors', () => {
    const spec = healthyWith({ '/gone': { status: 404 }, '/down': { status: 0, error: 'CONNECT_TIMEOUT' } }, { sitemap: ['/', '/about', '/gone', '/down'] });
    expect(fired('sitemap-non-200-url', spec)).toEqual(urlsOf('/gone', '/down'));
    expect(messages('sitemap-non-200-url', spec)).toEqual([
      'Listed in the XML sitemap but returns 404',
      'Listed in the XML sitemap but could not be fetched (CONNECT_TIMEOUT)',
    ]);
  });

  it('passes when listed URLs are live (redirects are reported separately)', () => {
    expect(fired('sitemap-non-200-url', healthyWith({ '/old': { status: 301, redirectTo: '/about' } }, { sitemap: ['/', '/old'] }))).toEqual([]);
  });
});

describe('sitemap-redirect-url', () => {
  it('fires on listed URLs that redirect', () => {
    const spec = healthyWith({ '/old': { status: 301, redirectTo: '/about' } }, { sitemap: ['/', '/old'] });
    expect(fired('sitemap-redirect-url', spec)).toEqual(urlsOf('/old'));
    expect(messages('sitemap-redirect-url', spec)).toEqual(['Listed in the XML sitemap but redirects to /about']);
  });

  it('passes when listed URLs are final', () => {
    expect(fired('sitemap-redirect-url', healthySiteSpec())).toEqual([]);
  });
});

describe('sitemap-noindex-url', () => {
  it('fires on listed noindex pages', () => {
    const spec = healthyWith({ '/hidden': { noindex: true } }, { sitemap: ['/', '/hidden'] });
    expect(fired('sitemap-noindex-url', spec)).toEqual(urlsOf('/hidden'));
  });

  it('passes when noindex pages are not listed', () => {
    expect(fired('sitemap-noindex-url', healthyWith({ '/hidden': { noindex: true } }))).toEqual([]);
  });
});

describe('sitemap-blocked-url', () => {
  it('fires on listed URLs disallowed by robots.txt (crawled or not)', () => {
    const spec = healthyWith({ '/b': { blockedByRobots: true, status: 0 } }, { sitemap: ['/', '/private', '/b'], blocked: ['/private'] });
    expect(fired('sitemap-blocked-url', spec)).toEqual(urlsOf('/private', '/b'));
  });

  it('passes when blocked URLs are not listed', () => {
    expect(fired('sitemap-blocked-url', healthyWith({}, { blocked: ['/private'] }))).toEqual([]);
  });
});

describe('sitemap-non-canonical-url', () => {
  it('fires on listed pages that canonicalise elsewhere', () => {
    const spec = healthyWith({ '/a': { canonical: '/about' } }, { sitemap: ['/', '/a'] });
    expect(fired('sitemap-non-canonical-url', spec)).toEqual(urlsOf('/a'));
    expect(messages('sitemap-non-canonical-url', spec)).toEqual(['Listed in the XML sitemap but canonicalised to /about']);
  });

  it('passes on self-canonical listed pages', () => {
    expect(fired('sitemap-non-canonical-url', healthyWith({ '/a': { canonical: fixtureUrl('/a') } }, { sitemap: ['/', '/a'] }))).toEqual([]);
  });
});

describe('indexable-page-not-in-sitemap', () => {
  it('fires on indexable pages the sitemap omits', () => {
    const spec = healthyWith({ '/hidden': { noindex: true } }, { sitemap: ['/', '/about', '/blog'] });
    expect(fired('indexable-page-not-in-sitemap', spec)).toEqual(urlsOf('/contact'));
    expect(messages('indexable-page-not-in-sitemap', spec)).toEqual(['Indexable page is not listed in the XML sitemap (3 URLs listed)']);
  });

  it('passes on full coverage and when there is no sitemap at all', () => {
    expect(fired('indexable-page-not-in-sitemap', healthySiteSpec())).toEqual([]);
    expect(fired('indexable-page-not-in-sitemap', healthyWith({}, { sitemap: [] }))).toEqual([]);
  });
});

describe('sitemap-off-site-url', () => {
  it('fires once for the site, naming the foreign hosts', () => {
    const spec = healthyWith({}, { sitemap: ['/', '/about', 'https://www.example.com/blog', 'https://staging.other.org/contact'] });
    expect(fired('sitemap-off-site-url', spec)).toEqual(urlsOf('/'));
    expect(messages('sitemap-off-site-url', spec)).toEqual([
      'The XML sitemap lists 1 URL on 1 other host (staging.other.org): https://staging.other.org/contact',
    ]);
  });

  it('passes when every URL is on the site (www or not)', () => {
    expect(fired('sitemap-off-site-url', healthySiteSpec())).toEqual([]);
    expect(fired('sitemap-off-site-url', healthyWith({}, { sitemap: ['/', 'https://www.example.com/about'] }))).toEqual([]);
    const moved = healthyWith({ '/': { redirectTo: 'https://example.net/' }, 'https://example.net/': {} }, { sitemap: ['https://example.net/'] });
    expect(fired('sitemap-off-site-url', moved)).toEqual([]);
  });
});

describe('sitemap-lastmod-missing', () => {
  const stats = (missing: number, valid: number, allSame = false) => ({ missing, invalid: 0, future: 0, valid, allSame, samples: [] });

  it('fires when most URLs have no <lastmod>, or all share one stamp', () => {
    const none = healthyWith({}, { sitemaps: [{ url: '/sitemap.xml', status: 200, urlCount: 4, lastmod: stats(4, 0) }] });
    expect(fired('sitemap-lastmod-missing', none)).toEqual(urlsOf('/sitemap.xml'));
    expect(messages('sitemap-lastmod-missing', none)).toEqual(['None of the 4 URLs in this sitemap has a <lastmod>']);
    const stamped = healthyWith({}, { sitemaps: [{ url: '/sitemap.xml', status: 200, urlCount: 4, lastmod: stats(0, 4, true) }] });
    expect(messages('sitemap-lastmod-missing', stamped)).toEqual([
      'All 4 URLs in this sitemap share one <lastmod>: it looks like the generation time, not each page’s change date',
    ]);
  });

  it('passes on distinct dates, a few missing ones, tiny sitemaps and sitemaps without a tally', () => {
    for (const lastmod of [stats(0, 4), stats(1, 3), stats(2, 0)]) {
      expect(fired('sitemap-lastmod-missing', healthyWith({}, { sitemaps: [{ url: '/sitemap.xml', status: 200, lastmod }] })), JSON.stringify(lastmod)).toEqual([]);
    }
    expect(fired('sitemap-lastmod-missing', healthySiteSpec())).toEqual([]);
  });
});

describe('sitemap-lastmod-invalid', () => {
  it('fires on invalid and future dates, with examples', () => {
    const lastmod = { missing: 0, invalid: 1, future: 2, valid: 3, allSame: false, samples: ['01/02/2024', '2099-01-01'] };
    const spec = healthyWith({}, { sitemaps: [{ url: '/sitemap.xml', status: 200, lastmod }] });
    expect(fired('sitemap-lastmod-invalid', spec)).toEqual(urlsOf('/sitemap.xml'));
    expect(messages('sitemap-lastmod-invalid', spec)).toEqual(['<lastmod> has 1 invalid date and 2 dates in the future (e.g. "01/02/2024", "2099-01-01")']);
  });

  it('passes when every date is valid and past', () => {
    const lastmod = { missing: 1, invalid: 0, future: 0, valid: 3, allSame: false, samples: [] };
    expect(fired('sitemap-lastmod-invalid', healthyWith({}, { sitemaps: [{ url: '/sitemap.xml', status: 200, lastmod }] }))).toEqual([]);
  });
});
