import { describe, expect, it } from 'vitest';

import { siteCanonicalChecks } from '@/lib/checks/site-canonical';
import { firedUrls, healthySiteSpec, healthyWith, runSiteCheck, urlsOf } from '@/test/site-graph-fixture';

const fired = (id: string, spec: Parameters<typeof firedUrls>[2]) => firedUrls(siteCanonicalChecks, id, spec);
const messages = (id: string, spec: Parameters<typeof firedUrls>[2]) =>
  runSiteCheck(siteCanonicalChecks, id, spec).map((issue) => issue.message);

describe('canonical-to-error', () => {
  it('fires when the canonical target is 4xx/5xx or redirects to one', () => {
    const spec = healthyWith({
      '/a': { canonical: '/gone' },
      '/gone': { status: 404 },
      '/b': { canonical: '/moved' },
      '/moved': { status: 301, redirectTo: '/gone' },
    });
    expect(fired('canonical-to-error', spec)).toEqual(urlsOf('/a', '/b'));
    expect(messages('canonical-to-error', spec)).toEqual([
      'Canonical /gone is broken (404)',
      'Canonical /moved is broken (redirects to /gone (404))',
    ]);
  });

  it('passes on self and live canonicals', () => {
    expect(fired('canonical-to-error', healthyWith({ '/a': { canonical: '/a' }, '/b': { canonical: '/about' } }))).toEqual([]);
  });
});

describe('canonical-to-redirect', () => {
  it('fires when the canonical redirects to a live page', () => {
    const spec = healthyWith({ '/a': { canonical: '/old' }, '/old': { status: 301, redirectTo: '/about' } });
    expect(fired('canonical-to-redirect', spec)).toEqual(urlsOf('/a'));
    expect(messages('canonical-to-redirect', spec)).toEqual(['Canonical /old redirects to /about']);
  });

  it('passes when the canonical is final', () => {
    expect(fired('canonical-to-redirect', healthyWith({ '/a': { canonical: '/about' } }))).toEqual([]);
  });
});

describe('canonical-to-non-indexable', () => {
  it('fires when the canonical is noindex or blocked by robots.txt', () => {
    const spec = healthyWith(
      { '/a': { canonical: '/hidden' }, '/hidden': { noindex: true }, '/b': { canonical: '/private' } },
      { blocked: ['/private'] },
    );
    expect(fired('canonical-to-non-indexable', spec)).toEqual(urlsOf('/a', '/b'));
    expect(messages('canonical-to-non-indexable', spec)).toEqual([
      'Canonical /hidden is marked noindex',
      'Canonical /private is blocked by robots.txt',
    ]);
  });

  it('passes on indexable canonicals', () => {
    expect(fired('canonical-to-non-indexable', healthyWith({ '/a': { canonical: '/about' } }))).toEqual([]);
  });
});

describe('canonical-chain', () => {
  it('fires when the canonical target canonicalises elsewhere', () => {
    const spec = healthyWith({ '/a': { canonical: '/b' }, '/b': { canonical: '/about' } });
    expect(fired('canonical-chain', spec)).toEqual(urlsOf('/a'));
    expect(messages('canonical-chain', spec)).toEqual(['Canonical chain: /a → /b → /about']);
  });

  it('passes when the target is self-canonical', () => {
    expect(fired('canonical-chain', healthyWith({ '/a': { canonical: '/b' }, '/b': { canonical: '/b' } }))).toEqual([]);
  });
});

describe('canonical-target-not-crawled', () => {
  it('fires on same-site canonicals the crawl never reached', () => {
    const spec = healthyWith({ '/a': { canonical: '/somewhere' }, '/b': { canonical: 'https://www.example.com/x' } });
    expect(fired('canonical-target-not-crawled', spec)).toEqual(urlsOf('/a', '/b'));
    expect(messages('canonical-target-not-crawled', spec)).toEqual([
      'Canonical /somewhere was not found while crawling the site',
      'Canonical https://www.example.com/x was not found while crawling the site',
    ]);
  });

  it('passes on crawled, blocked and other-domain canonicals', () => {
    const spec = healthyWith(
      { '/a': { canonical: '/about' }, '/b': { canonical: '/private' }, '/c': { canonical: 'https://other.example/c' } },
      { blocked: ['/private'] },
    );
    expect(fired('canonical-target-not-crawled', spec)).toEqual([]);
  });
});

describe('canonical-form-drift', () => {
  it('fires on canonicals whose scheme, host or slash style differs from the majority', () => {
    const spec = healthyWith({
      '/': { canonical: '/', links: ['/about'] },
      '/about': { canonical: '/about' },
      '/blog': { canonical: '/blog' },
      '/contact': { canonical: 'http://example.com/contact' },
      '/x': { canonical: 'https://www.example.com/x' },
      '/y/': { canonical: '/y/' },
    });
    expect(fired('canonical-form-drift', spec)).toEqual(urlsOf('/contact', '/x', '/y/'));
    expect(messages('canonical-form-drift', spec)).toEqual([
      'Canonical http://example.com/contact uses http:// while most canonicals use https://',
      'Canonical https://www.example.com/x uses host www.example.com while most canonicals use example.com',
      'Canonical https://example.com/y/ ends with a slash while most canonicals do not',
    ]);
  });

  it('passes on consistent canonicals', () => {
    expect(fired('canonical-form-drift', healthyWith({ '/a': { canonical: '/a' }, '/b': { canonical: '/b' } }))).toEqual([]);
    expect(fired('canonical-form-drift', healthySiteSpec())).toEqual([]);
  });
});
