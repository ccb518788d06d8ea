import { describe, expect, it } from 'vitest';
import { createHeadingCollector } from '@/lib/analysis/extract-headings';
import { collectFrom } from '@/test/extract-test-support';

describe('heading collector', () => {
  it('lists h1–h6 in document order with their text, an image alt counting as text', () => {
    const facts = collectFrom('<h2>Two</h2><h1> One <img alt="logo"></h1><h6>Six</h6><h7>no</h7><header>no</header><h1>Again</h1>', createHeadingCollector);
    expect(facts.headings).toEqual([{ level: 2, text: 'Two' }, { level: 1, text: 'One logo' }, { level: 6, text: 'Six' }, { level: 1, text: 'Again' }]);
    expect(facts.h1s).toEqual(['One logo', 'Again']);
  });
});
