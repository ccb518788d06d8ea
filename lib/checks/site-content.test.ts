import { describe, expect, it } from 'vitest';

import { siteContentChecks } from '@/lib/checks/site-content';
import { firedUrls, healthySiteSpec, runSiteCheck, urlsOf, type GraphSpec, type PageSpec } from '@/test/site-graph-fixture';

const fired = (id: string, spec: GraphSpec) => firedUrls(siteContentChecks, id, spec);

/** A start page linking to every other page, each linking back. */
function site(pages: Record<string, PageSpec>, home: PageSpec = {}): GraphSpec {
  const paths = Object.keys(pages);
  return {
    pages: {
      '/': { ...home, links: [...paths, ...(home.links ?? [])] },
      ...Object.fromEntries(Object.entries(pages).map(([path, page]) => [path, { links: ['/'], ...page }])),
    },
  };
}

describe('title-brand-missing', () => {
  const branded = {
    '/a': { title: 'Gutters | Acme Roofing' },
    '/b': { title: 'Siding | Acme Roofing' },
    '/c': { title: 'Skylights – acme roofing' },
    '/d': { title: 'Chimneys | Acme Roofing' },
  };
  const home = { title: 'Acme Roofing - Roof repair in Springfield' };

  it('fires on the indexable page whose title lacks the brand most titles carry', () => {
    const spec = site({ ...branded, '/e': { title: 'Untitled page' }, '/f': { title: 'Draft', noindex: true } }, home);
    expect(fired('title-brand-missing', spec)).toEqual(urlsOf('/e'));
    expect(runSiteCheck(siteContentChecks, 'title-brand-missing', spec)[0]?.message).toBe(
      'Title "Untitled page" lacks "Acme Roofing", which 5 of 6 page titles carry',
    );
  });

  it('passes when every title carries the brand, when there is no common brand, and on small sites', () => {
    expect(fired('title-brand-missing', site({ ...branded, '/e': { title: 'Acme Roofing: Reviews' } }, home))).toEqual([]);
    expect(fired('title-brand-missing', site({ '/a': { title: 'A | X' }, '/b': { title: 'B | Y' }, '/c': { title: 'C | Z' }, '/d': { title: 'D' }, '/e': { title: 'E' } }))).toEqual([]);
    expect(fired('title-brand-missing', healthySiteSpec())).toEqual([]);
  });
});

describe('thin-vs-site-norm', () => {
  const pages = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`/p${i}`, { wordCount: 2000 }])) as Record<string, PageSpec>;

  it('fires on a page under a quarter of the site median (but above the absolute thin line)', () => {
    const spec = site({ ...pages, '/stub': { wordCount: 350 }, '/thin': { wordCount: 120 } }, { wordCount: 2000 });
    expect(fired('thin-vs-site-norm', spec)).toEqual(urlsOf('/stub'));
    expect(runSiteCheck(siteContentChecks, 'thin-vs-site-norm', spec)[0]?.message).toBe(
      '350 words, under 25% of the site’s median of 2000 words per page',
    );
  });

  it('passes when pages are comparable and on small sites', () => {
    expect(fired('thin-vs-site-norm', site({ ...pages, '/short': { wordCount: 900 } }, { wordCount: 2000 }))).toEqual([]);
    expect(fired('thin-vs-site-norm', healthySiteSpec())).toEqual([]);
  });
});

describe('trust-pages-missing', () => {
  const pages = { '/services': {}, '/blog': {}, '/pricing': {}, '/faq': {} };

  it('fires once for the site, naming the missing kinds', () => {
    expect(fired('trust-pages-missing', site(pages))).toEqual(urlsOf('/'));
    expect(runSiteCheck(siteContentChecks, 'trust-pages-missing', site({ ...pages, '/kontakt': {} }))[0]?.message).toBe(
      'No about page, no privacy policy, terms or legal notice found: none of 6 crawled pages is one or links to one',
    );
  });

  it('passes when the pages are crawled or linked (by path or anchor text), and on microsites', () => {
    const footer = { links: [{ to: '/company/who', text: 'About us' }, '/contact-us', { to: '/p?id=3', text: 'Privacy & cookies' }] };
    expect(fired('trust-pages-missing', site(pages, footer))).toEqual([]);
    expect(fired('trust-pages-missing', site({ ...pages, '/über-uns': {}, '/kontakt': {}, '/impressum': {} }))).toEqual([]);
    expect(fired('trust-pages-missing', healthySiteSpec())).toEqual([]);
  });
});

describe('social-profile-links-missing', () => {
  const pages = { '/services': {}, '/blog': {}, '/about': {}, '/contact': {} };
  const external = (to: string) => ({ to, internal: false });

  it('fires once when no page links to a social profile (share buttons do not count)', () => {
    expect(fired('social-profile-links-missing', site(pages))).toEqual(urlsOf('/'));
    const shareOnly = site(pages, { links: [external('https://www.facebook.com/sharer/sharer.php?u=x'), external('https://twitter.com/intent/tweet?url=x')] });
    expect(runSiteCheck(siteContentChecks, 'social-profile-links-missing', shareOnly)[0]?.message).toBe(
      'None of 5 crawled pages links to a social profile (Facebook, Instagram, LinkedIn, X, YouTube…)',
    );
  });

  it('passes with a profile link, and on microsites', () => {
    expect(fired('social-profile-links-missing', site(pages, { links: [external('https://www.linkedin.com/company/acme-roofing')] }))).toEqual([]);
    expect(fired('social-profile-links-missing', site(pages, { links: [external('https://m.facebook.com/acmeroofing')] }))).toEqual([]);
    expect(fired('social-profile-links-missing', healthySiteSpec())).toEqual([]);
  });
});
