import { describe, expect, it } from 'vitest';
import { Frontier, isShallower } from '@/lib/crawler/frontier';

function drain(frontier: Frontier): string[] {
  const urls: string[] = [];
  for (let entry = frontier.shift(); entry; entry = frontier.shift()) urls.push(entry.url);
  return urls;
}

describe('Frontier', () => {
  it('is breadth-first by depth, FIFO within a depth, sitemap-only URLs last', () => {
    const frontier = new Frontier();
    frontier.add({ url: 's1', depth: null });
    frontier.add({ url: 'b1', depth: 1 });
    frontier.add({ url: 'c2', depth: 2 });
    frontier.add({ url: 'b2', depth: 1 });
    frontier.add({ url: 'a', depth: 0 });
    frontier.add({ url: 's2', depth: null });
    expect(frontier.size).toBe(6);
    expect(frontier.peek()?.url).toBe('a');
    expect(drain(frontier)).toEqual(['a', 'b1', 'b2', 'c2', 's1', 's2']);
    expect(frontier.size).toBe(0);
    expect(frontier.shift()).toBeUndefined();
  });

  it('ignores duplicates at the same or a worse depth', () => {
    const frontier = new Frontier();
    expect(frontier.add({ url: 'x', depth: 1 })).toEqual({ url: 'x', depth: 1 });
    expect(frontier.add({ url: 'x', depth: 1 })).toBeNull();
    expect(frontier.add({ url: 'x', depth: 3 })).toBeNull();
    expect(frontier.add({ url: 'x', depth: null })).toBeNull();
    expect(drain(frontier)).toEqual(['x']);
  });

  it('moves a URL forward when found at a smaller depth (sitemap URL later linked)', () => {
    const frontier = new Frontier();
    frontier.add({ url: 'orphan?', depth: null, via: 'sitemap' });
    frontier.add({ url: 'b', depth: 2 });
    expect(frontier.add({ url: 'orphan?', depth: 1, via: 'home' })).toEqual({ url: 'orphan?', depth: 1, via: 'home' });
    expect(frontier.size).toBe(2);
    expect(frontier.get('orphan?')?.depth).toBe(1);
    expect(drain(frontier)).toEqual(['orphan?', 'b']);
  });

  it('puts retries at the front of their depth', () => {
    const frontier = new Frontier();
    frontier.add({ url: 'a', depth: 1 });
    frontier.add({ url: 'b', depth: 1 });
    frontier.shift();
    frontier.add({ url: 'a', depth: 1, attempt: 1 }, { front: true });
    expect(drain(frontier)).toEqual(['a', 'b']);
  });

  it('removes entries', () => {
    const frontier = new Frontier();
    frontier.add({ url: 'a', depth: 0 });
    frontier.add({ url: 'b', depth: 0 });
    expect(frontier.remove('a')).toBe(true);
    expect(frontier.remove('a')).toBe(false);
    expect(frontier.has('a')).toBe(false);
    expect(drain(frontier)).toEqual(['b']);
  });

  it('snapshots live entries in crawl order', () => {
    const frontier = new Frontier();
    frontier.add({ url: 's', depth: null, via: 'sitemap' });
    frontier.add({ url: 'b', depth: 1, via: 'a' });
    frontier.add({ url: 'c', depth: 2 });
    frontier.add({ url: 'c', depth: 1 });
    expect(frontier.entries()).toEqual([
      { url: 'b', depth: 1, via: 'a' },
      { url: 'c', depth: 1 },
      { url: 's', depth: null, via: 'sitemap' },
    ]);
  });

  it('handles many entries without losing any', () => {
    const frontier = new Frontier();
    for (let i = 0; i < 5000; i++) frontier.add({ url: `u${i}`, depth: i % 3 });
    for (let i = 0; i < 3000; i++) frontier.shift();
    for (let i = 5000; i < 6000; i++) frontier.add({ url: `u${i}`, depth: 2 });
    const rest = drain(frontier);
    expect(rest).toHaveLength(3000);
    expect(new Set(rest).size).toBe(3000);
  });
});

describe('isShallower', () => {
  it('orders numbers before null', () => {
    expect(isShallower(0, 1)).toBe(true);
    expect(isShallower(1, 1)).toBe(false);
    expect(isShallower(5, null)).toBe(true);
    expect(isShallower(null, 5)).toBe(false);
    expect(isShallower(null, null)).toBe(false);
  });
});
