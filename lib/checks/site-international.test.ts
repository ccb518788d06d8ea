import { describe, expect, it } from 'vitest';

import { firedUrls, healthySiteSpec, healthyWith, runSiteCheck, urlsOf, type PageSpec } from '@/test/site-graph-fixture';
import { siteInternationalChecks } from '@/lib/checks/site-international';

const fired = (id: string, spec: Parameters<typeof firedUrls>[2]) => firedUrls(siteInternationalChecks, id, spec);
const messages = (id: string, spec: Parameters<typeof firedUrls>[2]) =>
  runSiteCheck(siteInternationalChecks, id, spec).map((issue) => issue.message);

const SET = { en: '/en/', de: '/de/', 'x-default': '/en/' };
/** A correct, reciprocal hreflang set, with overrides. */
function cluster(pages: Record<string, PageSpec> = {}) {
  return healthyWith({
    '/en/': { hreflang: SET, links: ['/', '/de/'] },
    '/de/': { hreflang: SET, links: ['/', '/en/'] },
    ...pages,
  });
}

describe('hreflang-missing-return-link', () => {
  it('fires on the page whose alternate does not link back', () => {
    const spec = cluster({ '/de/': { hreflang: { de: '/de/' } } });
    expect(fired('hreflang-missing-return-link', spec)).toEqual(urlsOf('/en/'));
    expect(messages('hreflang-missing-return-link', spec)).toEqual([
      'Alternate does not link back to this page with hreflang: "de" → /de/',
    ]);
  });

  it('passes on reciprocal sets and skips uncrawled alternates', () => {
    expect(fired('hreflang-missing-return-link', cluster())).toEqual([]);
    expect(fired('hreflang-missing-return-link', healthyWith({ '/en/': { hreflang: { en: '/en/', fr: '/fr/' } } }))).toEqual([]);
  });
});

describe('hreflang-to-non-200', () => {
  it('fires on pages whose alternates redirect or error', () => {
    const spec = cluster({
      '/en/': { hreflang: { ...SET, fr: '/fr', es: '/es/' } },
      '/fr': { status: 301, redirectTo: '/fr/' },
      '/fr/': {},
      '/es/': { status: 404 },
    });
    expect(fired('hreflang-to-non-200', spec)).toEqual(urlsOf('/en/'));
    expect(messages('hreflang-to-non-200', spec)).toEqual([
      'hreflang alternates that do not return 200: "fr" → /fr (redirects to /fr/), "es" → /es/ (404)',
    ]);
  });

  it('passes when all alternates return 200', () => {
    expect(fired('hreflang-to-non-200', cluster())).toEqual([]);
  });
});

describe('hreflang-to-non-indexable', () => {
  it('fires on alternates that are noindex or blocked', () => {
    const spec = cluster({ '/de/': { hreflang: SET, noindex: true }, '/en/': { hreflang: { ...SET, fr: '/fr/' } } });
    const blocked = { ...spec, blocked: ['/fr/'] };
    expect(fired('hreflang-to-non-indexable', blocked)).toEqual(urlsOf('/en/'));
    expect(messages('hreflang-to-non-indexable', blocked)).toEqual([
      'hreflang alternates that cannot be indexed: "de" → /de/ (noindex), "fr" → /fr/ (blocked by robots.txt)',
    ]);
  });

  it('passes on indexable alternates', () => {
    expect(fired('hreflang-to-non-indexable', cluster())).toEqual([]);
  });
});

describe('hreflang-to-non-canonical', () => {
  it('fires on alternates that canonicalise elsewhere', () => {
    const spec = cluster({ '/de/': { hreflang: SET, canonical: '/de/home' }, '/de/home': {} });
    // /de/ itself is canonicalised away, so its own annotations are ignored.
    expect(fired('hreflang-to-non-canonical', spec)).toEqual(urlsOf('/en/'));
    expect(messages('hreflang-to-non-canonical', spec)[0]).toBe(
      'hreflang alternates that are not canonical: "de" → /de/ (canonical is /de/home)',
    );
  });

  it('passes on canonical alternates', () => {
    expect(fired('hreflang-to-non-canonical', cluster())).toEqual([]);
  });
});

describe('hreflang-inconsistent-language', () => {
  it('fires on URLs annotated with different languages by different pages', () => {
    const spec = cluster({ '/de/': { hreflang: { en: '/en/', fr: '/de/', 'x-default': '/en/' } } });
    expect(fired('hreflang-inconsistent-language', spec)).toEqual(urlsOf('/de/'));
    expect(messages('hreflang-inconsistent-language', spec)).toEqual([
      'Annotated with conflicting hreflang languages: "de" by /en/; "fr" by /de/',
    ]);
  });

  it('allows several regions of one language and x-default on the same URL', () => {
    const set = { 'en-GB': '/en/', 'en-US': '/en/', de: '/de/', 'x-default': '/en/' };
    expect(fired('hreflang-inconsistent-language', cluster({ '/en/': { hreflang: set }, '/de/': { hreflang: set } }))).toEqual([]);
  });
});

describe('hreflang-cluster-missing-x-default', () => {
  it('fires once per set that has no x-default', () => {
    const set = { en: '/en/', de: '/de/' };
    const spec = cluster({ '/en/': { hreflang: set }, '/de/': { hreflang: set } });
    expect(fired('hreflang-cluster-missing-x-default', spec)).toEqual(urlsOf('/en/'));
    expect(messages('hreflang-cluster-missing-x-default', spec)).toEqual(['hreflang set of 2 URLs has no x-default: /en/, /de/']);
  });

  it('passes when any page of the set declares x-default, or without hreflang', () => {
    expect(fired('hreflang-cluster-missing-x-default', cluster())).toEqual([]);
    expect(fired('hreflang-cluster-missing-x-default', healthySiteSpec())).toEqual([]);
  });
});
