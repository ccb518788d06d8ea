import { describe, expect, it } from 'vitest';
import type { LinkFact } from '@/lib/crawler/page-facts';
import { collectLinkTargets } from '@/lib/crawler/collect-link-targets';

function link(url: string | null, rel: string[] = []): LinkFact {
  return { url, href: url, text: '', rel, internal: true, position: 'content' };
}

const base = {
  links: [link('https://e.com/a'), link(null), link('https://e.com/nf', ['nofollow', 'noopener']), link('https://e.com/ugc', ['ugc'])],
  robots: { directives: [], noindex: false, nofollow: false, sources: [] },
  canonicals: ['https://e.com/canon'],
  canonicalFromHeader: ['https://e.com/header-canon'],
  hreflang: [
    { lang: 'de', url: 'https://e.com/de', href: '/de', source: 'html' as const },
    { lang: 'x', url: null, href: '::', source: 'html' as const },
  ],
  prevNext: { prev: 'https://e.com/p1', next: 'https://e.com/p3' },
};

describe('collectLinkTargets', () => {
  it('follows anchors except nofollow, then alternates', () => {
    expect(collectLinkTargets(base, { followNofollow: false, followAlternates: true })).toEqual([
      'https://e.com/a',
      'https://e.com/ugc',
      'https://e.com/canon',
      'https://e.com/header-canon',
      'https://e.com/de',
      'https://e.com/p1',
      'https://e.com/p3',
    ]);
  });

  it('drops every anchor on a meta-nofollow page but keeps alternates', () => {
    const facts = { ...base, robots: { ...base.robots, nofollow: true } };
    expect(collectLinkTargets(facts, { followNofollow: false, followAlternates: true })).toEqual([
      'https://e.com/canon',
      'https://e.com/header-canon',
      'https://e.com/de',
      'https://e.com/p1',
      'https://e.com/p3',
    ]);
  });

  it('follows everything when asked, and no alternates when not', () => {
    const facts = { ...base, robots: { ...base.robots, nofollow: true } };
    expect(collectLinkTargets(facts, { followNofollow: true, followAlternates: false })).toEqual([
      'https://e.com/a',
      'https://e.com/nf',
      'https://e.com/ugc',
    ]);
  });
});
