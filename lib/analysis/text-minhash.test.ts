import { describe, expect, it } from 'vitest';

import { MINHASH_PARAMS, computeTextMinhash, estimateSimilarity, findCandidatePairs } from '@/lib/analysis/text-minhash';

const words = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`).join(' ');

describe('computeTextMinhash', () => {
  it('ignores case, punctuation and spacing', () => {
    const a = computeTextMinhash('Roof repair, in Springfield!  Call   us today.');
    const b = computeTextMinhash('roof repair in springfield call us today');
    expect(a).toHaveLength(MINHASH_PARAMS.hashes);
    expect(estimateSimilarity(a!, b!)).toBe(1);
  });

  it('needs at least one shingle of words', () => {
    expect(computeTextMinhash('two words')).toBeNull();
    expect(computeTextMinhash(' ,.; ')).toBeNull();
  });

  it('estimates the Jaccard similarity of word shingles', () => {
    const base = words('w', 500);
    const edited = base.replace('w250 ', 'changed ');
    const similar = estimateSimilarity(computeTextMinhash(base)!, computeTextMinhash(edited)!);
    // 3 of ~498 shingles differ on each side: true Jaccard ≈ 0.988.
    expect(similar).toBeGreaterThan(0.95);
    expect(estimateSimilarity(computeTextMinhash(base)!, computeTextMinhash(words('x', 500))!)).toBeLessThan(0.05);
  });

  it('stays linear on a very long text', () => {
    const started = performance.now();
    computeTextMinhash(words('w', 200_000));
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('findCandidatePairs', () => {
  it('pairs near-identical signatures and skips unrelated ones', () => {
    const a = computeTextMinhash(words('w', 300))!;
    const b = computeTextMinhash(words('w', 300).replace('w150 ', 'x '))!;
    const c = computeTextMinhash(words('z', 300))!;
    expect(findCandidatePairs([a, c, b])).toEqual([[0, 2]]);
    expect(findCandidatePairs([a, c, []])).toEqual([]);
  });
});
