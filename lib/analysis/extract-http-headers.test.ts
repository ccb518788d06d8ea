import { describe, expect, it } from 'vitest';
import { parseHeaderFacts } from '@/lib/analysis/extract-http-headers';

describe('parseHeaderFacts', () => {
  it('reads canonical and hreflang alternates from the Link header, resolved against the page', () => {
    const facts = parseHeaderFacts({ link: '</a>; rel="canonical", <https://example.com/de>; rel=alternate; hreflang=de, </p.css>; rel=preload' }, 'https://example.com/x/y');
    expect(facts.canonicals).toEqual(['https://example.com/a']);
    expect(facts.hreflang).toEqual([{ lang: 'de', url: 'https://example.com/de', href: 'https://example.com/de', source: 'header' }]);
  });

  it('reads X-Robots-Tag and copes with absent headers', () => {
    expect(parseHeaderFacts({ 'x-robots-tag': 'googlebot: noindex' }, 'https://example.com/').robotsSources).toEqual([{ source: 'x-robots-tag', value: 'noindex', bot: 'googlebot' }]);
    expect(parseHeaderFacts({}, 'https://example.com/')).toEqual({ canonicals: [], hreflang: [], robotsSources: [] });
  });
});
