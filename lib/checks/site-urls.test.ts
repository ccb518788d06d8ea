import { describe, expect, it } from 'vitest';

import { firedUrls, healthySiteSpec, healthyWith, runSiteCheck, urlsOf } from '@/test/site-graph-fixture';
import { siteUrlChecks } from '@/lib/checks/site-urls';

const fired = (id: string, spec: Parameters<typeof firedUrls>[2]) => firedUrls(siteUrlChecks, id, spec);
const messages = (id: string, spec: Parameters<typeof firedUrls>[2]) =>
  runSiteCheck(siteUrlChecks, id, spec).map((issue) => issue.message);

describe('url-variant-trailing-slash', () => {
  it('fires when /x and /x/ are both indexable', () => {
    const spec = healthyWith({ '/about/': {} });
    expect(fired('url-variant-trailing-slash', spec)).toEqual(urlsOf('/about', '/about/'));
    expect(messages('url-variant-trailing-slash', spec)[0]).toBe(
      'Served both with and without a trailing slash as indexable pages: /about, /about/',
    );
  });

  it('passes when one variant redirects or canonicalises to the other', () => {
    expect(fired('url-variant-trailing-slash', healthyWith({ '/about/': { status: 301, redirectTo: '/about' } }))).toEqual([]);
    expect(fired('url-variant-trailing-slash', healthyWith({ '/about/': { canonical: '/about' } }))).toEqual([]);
    expect(fired('url-variant-trailing-slash', healthySiteSpec())).toEqual([]);
  });
});

describe('url-variant-case', () => {
  it('fires when URLs differing only in case are both indexable', () => {
    const spec = healthyWith({ '/About': {} });
    expect(fired('url-variant-case', spec)).toEqual(urlsOf('/About', '/about'));
    expect(messages('url-variant-case', spec)[0]).toBe('URLs differing only in letter case are both indexable: /about, /About');
  });

  it('passes when the other casing is noindex or redirects', () => {
    expect(fired('url-variant-case', healthyWith({ '/About': { noindex: true } }))).toEqual([]);
    expect(fired('url-variant-case', healthyWith({ '/About': { status: 301, redirectTo: '/about' } }))).toEqual([]);
  });
});

describe('url-variant-parameters', () => {
  it('fires on parameter URLs with the same content as the clean URL', () => {
    const spec = healthyWith({ '/blog?utm_source=x': { textHash: 'hash-/blog' } });
    expect(fired('url-variant-parameters', spec)).toEqual(urlsOf('/blog?utm_source=x'));
    expect(messages('url-variant-parameters', spec)).toEqual(['Parameter URL shows the same content as /blog']);
  });

  it('passes when parameters change the content or are canonicalised', () => {
    expect(fired('url-variant-parameters', healthyWith({ '/blog?page=2': {} }))).toEqual([]);
    expect(fired('url-variant-parameters', healthyWith({ '/blog?utm=x': { textHash: 'hash-/blog', canonical: '/blog' } }))).toEqual([]);
  });
});

describe('www-and-non-www-served', () => {
  it('fires when the other host serves 200 (probed variants)', () => {
    const spec = healthyWith({}, {
      hostVariants: [
        { url: 'https://example.com/', status: 200 },
        { url: 'https://www.example.com/', status: 200 },
        { url: 'http://example.com/', status: 301, redirectTo: 'https://example.com/' },
      ],
    });
    expect(fired('www-and-non-www-served', spec)).toEqual(['https://www.example.com/']);
    expect(messages('www-and-non-www-served', spec)).toEqual([
      'Both example.com and www.example.com return 200 instead of redirecting to one host: https://www.example.com/',
    ]);
  });

  it('fires when crawled pages on both hosts return 200', () => {
    const spec = healthyWith({ 'https://www.example.com/about': {} });
    expect(fired('www-and-non-www-served', spec)).toEqual(['https://www.example.com/about']);
  });

  it('passes when the other host redirects', () => {
    const spec = healthyWith({ 'https://www.example.com/': { status: 301, redirectTo: '/' } }, {
      hostVariants: [{ url: 'https://www.example.com/', status: 301, redirectTo: 'https://example.com/' }],
    });
    expect(fired('www-and-non-www-served', spec)).toEqual([]);
    expect(fired('www-and-non-www-served', healthySiteSpec())).toEqual([]);
  });
});

describe('http-not-redirected-to-https', () => {
  it('fires when http:// answers 200 on an https site', () => {
    const spec = healthyWith({}, { hostVariants: [{ url: 'http://example.com/', status: 200 }] });
    expect(fired('http-not-redirected-to-https', spec)).toEqual(['http://example.com/']);
    expect(messages('http-not-redirected-to-https', spec)).toEqual([
      'This http:// URL returns 200 instead of redirecting to https://: http://example.com/',
    ]);
  });

  it('passes when http redirects, and on http-only sites', () => {
    expect(fired('http-not-redirected-to-https', healthyWith({}, { hostVariants: [{ url: 'http://example.com/', status: 301, redirectTo: 'https://example.com/' }] }))).toEqual([]);
    expect(fired('http-not-redirected-to-https', { start: 'http://example.com/', pages: { '/': {} } })).toEqual([]);
  });
});
