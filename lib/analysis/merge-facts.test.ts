import { describe, expect, it } from 'vitest';
import { mergeFacts } from '@/lib/analysis/merge-facts';

describe('mergeFacts', () => {
  it('copies every key of every part, later parts winning, like spreads', () => {
    const merged = mergeFacts({ a: 1, b: 'x' }, { b: 'y', c: null }, { d: undefined });
    expect(merged).toEqual({ ...{ a: 1, b: 'x' }, ...{ b: 'y', c: null }, ...{ d: undefined } });
    expect(Object.keys(merged)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('shares values instead of copying them, and leaves the parts alone', () => {
    const links = [{ url: 'https://example.com/' }];
    const part = { links };
    const merged = mergeFacts(part, { title: 't' });
    expect(merged.links).toBe(links);
    expect(part).toEqual({ links });
  });

  it('gives pages with the same keys the same key order', () => {
    const page = (n: number) => mergeFacts({ title: `t${n}`, h1s: [] as string[] }, { wordCount: n });
    expect(Object.keys(page(1))).toEqual(Object.keys(page(2)));
  });
});
