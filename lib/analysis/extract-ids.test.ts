import { describe, expect, it } from 'vitest';
import { createIdCollector } from '@/lib/analysis/extract-ids';
import { collectFrom } from '@/test/extract-test-support';

describe('id collector', () => {
  it('reports duplicate ids once and every fragment target, <a name> included', () => {
    const facts = collectFrom('<p id="a"></p><p id="b"></p><p id="a"></p><p id="a"></p><a name="top"></a><p name="not-a-target"></p><p id=""></p>', createIdCollector);
    expect(facts.duplicateIds).toEqual(['a']);
    expect(facts.fragmentTargets).toEqual(['a', 'b', 'top']);
  });

  it('spots a framework mount point', () => {
    expect(collectFrom('<div id="__next"></div>', createIdCollector).hasAppRoot).toBe(true);
    expect(collectFrom('<div id="rooted"></div>', createIdCollector).hasAppRoot).toBe(false);
  });
});
