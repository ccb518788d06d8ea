import { describe, expect, it } from 'vitest';
import { createStructuredDataCollector, MICRODATA_MAX_ROOTS } from '@/lib/analysis/extract-structured-data';
import { collectFrom } from '@/test/extract-test-support';

describe('structured data collector', () => {
  it('lists JSON-LD and RDFa in document order, then top-level microdata items', () => {
    const { structuredData } = collectFrom(`<div itemscope itemtype="https://schema.org/Event"><span itemprop="location" itemscope itemtype="https://schema.org/Place"></span></div>
      <div vocab="https://schema.org/" typeof="Person"></div><script type="Application/LD+JSON">{"@type":"Organization"}</script>`, createStructuredDataCollector);
    expect(structuredData.map((s) => [s.format, s.types])).toEqual([['rdfa', ['Person']], ['json-ld', ['Organization']], ['microdata', ['Event', 'Place']]]);
  });

  it(`reads at most ${MICRODATA_MAX_ROOTS} microdata items: each reads its whole subtree`, () => {
    const html = '<div itemscope itemtype="https://schema.org/Thing">'.repeat(MICRODATA_MAX_ROOTS + 10);
    expect(collectFrom(html, createStructuredDataCollector).structuredData).toHaveLength(MICRODATA_MAX_ROOTS);
  });
});
