import { describe, expect, it } from 'vitest';

import { firedUrls, healthySiteSpec, healthyWith, runSiteCheck, urlsOf } from '@/test/site-graph-fixture';
import { siteLinkChecks } from '@/lib/checks/site-links';

const fired = (id: string, spec: Parameters<typeof firedUrls>[2]) => firedUrls(siteLinkChecks, id, spec);
const messages = (id: string, spec: Parameters<typeof firedUrls>[2]) =>
  runSiteCheck(siteLinkChecks, id, spec).map((issue) => issue.message);

describe('broken-internal-link', () => {
  const spec = healthyWith({
    '/': { links: ['/about', '/blog', '/contact', { to: '/missing', text: 'Old page' }, '/gone', '/loop'] },
    '/about': { links: ['/', '/blog', '/contact', { to: '/missing#top', text: '' }] },
    '/missing': { status: 404 },
    '/gone': { status: 301, redirectTo: '/dead' },
    '/dead': { status: 410 },
    '/loop': { status: 301, redirectError: 'loop' },
  });

  it('fires once per broken target, naming source pages and anchors', () => {
    expect(fired('broken-internal-link', spec)).toEqual(urlsOf('/missing', '/gone', '/loop'));
    expect(messages('broken-internal-link', spec)).toContain(
      'Broken URL (404) is linked from 2 pages: / ("Old page"), /about (empty anchor)',
    );
    expect(messages('broken-internal-link', spec)).toContain(
      'Broken URL (redirects to /dead (410)) is linked from 1 page: / ("Go to /gone")',
    );
  });

  it('reports fetch failures', () => {
    const failed = healthyWith({ '/': { links: ['/about', '/x'] }, '/x': { status: 0, error: 'DNS_FAILURE' } });
    expect(messages('broken-internal-link', failed)).toEqual(['Broken URL (fetch failed: DNS_FAILURE) is linked from 1 page: / ("Go to /x")']);
  });

  it('passes when targets are live, uncrawled or blocked', () => {
    expect(fired('broken-internal-link', healthySiteSpec())).toEqual([]);
    expect(fired('broken-internal-link', healthyWith({ '/': { links: ['/about', '/not-crawled', '/private'] } }, { blocked: ['/private'] }))).toEqual([]);
  });

  it('leaves a crawled but robots-blocked URL to internal-link-to-robots-blocked: it was never requested', () => {
    const spec = healthyWith({ '/': { links: ['/about', '/private', '/to-private'] }, '/private': { status: 0, blockedByRobots: true }, '/to-private': { status: 302, redirectTo: '/private' } });
    expect(fired('broken-internal-link', spec)).toEqual([]);
    expect(fired('internal-link-to-robots-blocked', spec)).toEqual(urlsOf('/private'));
  });
});

describe('internal-link-to-redirect', () => {
  it('fires on linked redirects that end on a live page', () => {
    const spec = healthyWith({
      '/': { links: ['/about', '/old', '/old-broken'] },
      '/old': { status: 301, redirectTo: '/new' },
      '/new': {},
      '/old-broken': { status: 301, redirectTo: '/nope' },
      '/nope': { status: 404 },
    });
    expect(fired('internal-link-to-redirect', spec)).toEqual(urlsOf('/old'));
    expect(messages('internal-link-to-redirect', spec)).toEqual(['Redirects to /new but is linked from 1 page: / ("Go to /old")']);
  });

  it('passes when links point at final URLs', () => {
    expect(fired('internal-link-to-redirect', healthyWith({ '/old': { status: 301, redirectTo: '/about' } }))).toEqual([]);
  });
});

describe('internal-link-to-robots-blocked', () => {
  it('fires on blocked targets that are linked', () => {
    const spec = healthyWith({ '/': { links: ['/about', '/private'] } }, { blocked: ['/private'] });
    expect(fired('internal-link-to-robots-blocked', spec)).toEqual(urlsOf('/private'));
    expect(messages('internal-link-to-robots-blocked', spec)).toEqual(['Blocked by robots.txt but linked from 1 page: / ("Go to /private")']);
  });

  it('passes when nothing links to blocked URLs', () => {
    expect(fired('internal-link-to-robots-blocked', healthyWith({}, { blocked: ['/private'] }))).toEqual([]);
  });
});

describe('internal-nofollow-to-indexable', () => {
  it('fires on indexable pages that receive nofollow internal links', () => {
    const spec = healthyWith({
      '/': { links: ['/about', '/blog', '/contact', { to: '/login', rel: ['nofollow'] }] },
      '/about': { links: ['/', { to: '/blog', text: 'Blog', rel: ['NoFollow'] }] },
      '/login': { noindex: true, links: ['/'] },
    });
    expect(fired('internal-nofollow-to-indexable', spec)).toEqual(urlsOf('/blog'));
    expect(messages('internal-nofollow-to-indexable', spec)).toEqual([
      'Indexable page receives rel="nofollow" internal links from 1 page: /about ("Blog"); 2 pages link to it without nofollow',
    ]);
  });

  it('says when the page gets no followed internal links at all', () => {
    const spec = healthyWith({
      '/': { links: ['/about', '/blog', '/contact', { to: '/offers', rel: ['nofollow'] }] },
      '/offers': { links: ['/'] },
    });
    expect(messages('internal-nofollow-to-indexable', spec)).toEqual([
      'Indexable page receives rel="nofollow" internal links from 1 page: / ("Go to /offers")',
    ]);
  });

  it('passes without nofollow internal links', () => {
    expect(fired('internal-nofollow-to-indexable', healthySiteSpec())).toEqual([]);
  });
});

describe('orphan-page', () => {
  it('fires on indexable pages nothing links to', () => {
    const spec = healthyWith({
      '/orphan': { links: ['/'] },
      '/hidden': { links: ['/'] },
      '/orphan-noindex': { noindex: true },
    }, { sitemap: ['/', '/about', '/blog', '/contact', '/orphan'] });
    expect(fired('orphan-page', spec)).toEqual(urlsOf('/orphan', '/hidden'));
    expect(runSiteCheck(siteLinkChecks, 'orphan-page', spec).find((i) => i.url?.endsWith('/orphan'))?.message).toBe(
      'No crawled page links here; it was found only through the XML sitemap',
    );
  });

  it('counts links that reach the page through a redirect, and never flags the start page', () => {
    const spec = healthyWith({
      '/': { links: ['/about', '/old'] },
      '/old': { status: 301, redirectTo: '/new' },
      '/new': { links: ['/'] },
    });
    expect(fired('orphan-page', spec)).toEqual([]);
    expect(fired('orphan-page', { pages: { '/': {} } })).toEqual([]);
  });

  it('ignores self-links', () => {
    expect(fired('orphan-page', healthyWith({ '/self': { links: ['/self'] } }))).toEqual(urlsOf('/self'));
  });
});

describe('weakly-linked-page', () => {
  it('fires on pages linked from exactly one other page', () => {
    const spec = healthyWith({
      '/about': { links: ['/', '/blog', '/contact', '/deep', '/deep'] },
      '/deep': { links: ['/', '/deep'] },
    });
    expect(fired('weakly-linked-page', spec)).toEqual(urlsOf('/deep'));
    expect(messages('weakly-linked-page', spec)).toEqual(['Only linked from 1 page: /about']);
  });

  it('passes when pages have several linking pages', () => {
    expect(fired('weakly-linked-page', healthySiteSpec())).toEqual([]);
  });
});

describe('no-internal-outlinks', () => {
  it('fires on HTML pages without links to other site pages', () => {
    const spec = healthyWith({
      '/': { links: ['/about', '/blog', '/contact', '/end', '/ext', '/file.pdf'] },
      '/end': { links: ['/end'] },
      '/ext': { links: ['https://other.example/'] },
      '/file.pdf': { contentType: 'application/pdf' },
    });
    expect(fired('no-internal-outlinks', spec)).toEqual(urlsOf('/end', '/ext'));
  });

  it('passes when every page links on', () => {
    expect(fired('no-internal-outlinks', healthySiteSpec())).toEqual([]);
  });
});

describe('internal-link-empty-anchor', () => {
  it('fires on targets receiving links without anchor text', () => {
    const spec = healthyWith({ '/': { links: [{ to: '/about', text: '  ' }, '/blog', '/contact'] } });
    expect(fired('internal-link-empty-anchor', spec)).toEqual(urlsOf('/about'));
    expect(messages('internal-link-empty-anchor', spec)).toEqual([
      '1 of 3 internal links to this URL have no anchor text, from 1 page: /',
    ]);
  });

  it('passes when every link has text', () => {
    expect(fired('internal-link-empty-anchor', healthySiteSpec())).toEqual([]);
  });
});

describe('deep-page', () => {
  const chain = {
    pages: {
      '/': { links: ['/1'] },
      '/1': { links: ['/2'] },
      '/2': { links: ['/3'] },
      '/3': { links: ['/4'] },
      '/4': { links: ['/5'] },
      '/5': { links: ['/'] },
    },
  };

  it('fires on indexable pages deeper than 4 clicks', () => {
    expect(fired('deep-page', chain)).toEqual(urlsOf('/5'));
    expect(messages('deep-page', chain)).toEqual(['Page is 5 clicks from the start page (max 4)']);
  });

  it('passes on shallow sites and ignores sitemap-only pages (depth null)', () => {
    expect(fired('deep-page', healthySiteSpec())).toEqual([]);
    expect(fired('deep-page', healthyWith({ '/orphan': {} }))).toEqual([]);
  });
});

describe('internal-links-mixed-protocol', () => {
  it('fires on pages of an https site linking to http:// URLs of the same site', () => {
    const spec = healthyWith({
      '/': { links: ['/about', 'http://example.com/blog', 'http://www.example.com/contact', 'http://other.example/'] },
    });
    expect(fired('internal-links-mixed-protocol', spec)).toEqual(urlsOf('/'));
    expect(messages('internal-links-mixed-protocol', spec)).toEqual([
      'Links to 2 http:// URLs on this site: http://example.com/blog, http://www.example.com/contact',
    ]);
  });

  it('passes on https-only links and on http sites', () => {
    expect(fired('internal-links-mixed-protocol', healthySiteSpec())).toEqual([]);
    expect(fired('internal-links-mixed-protocol', { start: 'http://example.com/', pages: { '/': { links: ['http://example.com/a'] } } })).toEqual([]);
  });
});
