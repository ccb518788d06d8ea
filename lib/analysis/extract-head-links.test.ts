import { describe, expect, it } from 'vitest';
import type { HreflangFact } from '@/lib/crawler/page-facts';
import { createHeadLinkCollector } from '@/lib/analysis/extract-head-links';
import { collectFrom } from '@/test/extract-test-support';

function headLinksOf(html: string, headerHreflang: HreflangFact[] = []) {
  const ignoredHeadElements: string[] = [];
  const facts = collectFrom(html, (page) => createHeadLinkCollector(page, headerHreflang, ignoredHeadElements));
  return { ...facts, ignoredHeadElements };
}

describe('head link collector', () => {
  it('resolves canonical, icon, amphtml and prev/next against the page, keeping the raw canonical href', () => {
    const facts = headLinksOf('<head><link rel="canonical" href=" /a "><link rel="Shortcut Icon" href="/f.ico"><link rel="amphtml" href="amp"><link rel="prev" href="?p=1"><link rel="next" href="?p=3"></head>');
    expect(facts).toMatchObject({
      canonicals: ['https://example.com/a'], canonicalHrefs: [' /a '], canonicalInBody: false,
      favicon: 'https://example.com/f.ico', ampHtml: 'https://example.com/dir/amp',
      prevNext: { prev: 'https://example.com/dir/page?p=1', next: 'https://example.com/dir/page?p=3' },
    });
  });

  it('keeps a non-http canonical href but no canonical URL for it', () => {
    const facts = headLinksOf('<link rel="canonical" href="ftp://example.com/x">');
    expect(facts.canonicalHrefs).toEqual(['ftp://example.com/x']);
    expect(facts.canonicals).toEqual([]);
  });

  it('lists HTML hreflang alternates before the Link header ones', () => {
    const header: HreflangFact = { lang: 'de', url: 'https://example.com/de', href: '/de', source: 'header' };
    const facts = headLinksOf('<link rel="alternate" hreflang="fr" href="/fr">', [header]);
    expect(facts.hreflang).toEqual([{ lang: 'fr', url: 'https://example.com/fr', href: '/fr', source: 'html' }, header]);
  });

  it('ignores canonical and hreflang after the head closed, reporting those the author put in <head>', () => {
    const facts = headLinksOf('<head><div></div><link rel="canonical" href="/a"><link rel="alternate" hreflang="fr" href="/fr"></head><body><link rel="canonical" href="/b"></body>');
    expect(facts.canonicals).toEqual([]);
    expect(facts.canonicalInBody).toBe(true);
    expect(facts.hreflangInBody).toEqual([{ lang: 'fr', href: '/fr' }]);
    expect(facts.ignoredHeadElements).toEqual(['<link rel="canonical">', '<link rel="alternate" hreflang="fr">']);
  });
});
