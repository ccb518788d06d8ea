import { describe, expect, it } from 'vitest';
import { compareCategories, findGaps, readComparisonResult } from '@/lib/comparisons/comparison-result';

describe('compareCategories', () => {
  const you = { url: 'https://you.test/', categoryScores: { content: 90, links: 60, http: 100, images: 80 } };
  const a = { url: 'https://a.test/', categoryScores: { content: 70, links: 80, http: 100 } };
  const b = { url: 'https://b.test/', categoryScores: { content: 85, links: 50, http: 100 } };

  it('wins when above every rival, loses when any rival is above, ties otherwise', () => {
    const { wins, losses, ties } = compareCategories(you, [a, b]);
    expect(wins).toEqual([{ category: 'content', yours: 90, best: 85, bestUrl: 'https://b.test/', rivals: ['https://a.test/', 'https://b.test/'] }]);
    expect(losses).toEqual([{ category: 'links', yours: 60, best: 80, bestUrl: 'https://a.test/', rivals: ['https://a.test/'] }]);
    expect(ties).toEqual(['http']);
  });

  it('skips categories no rival was scored on, and has nothing without rivals', () => {
    expect(compareCategories(you, [a]).wins.map((w) => w.category)).not.toContain('images');
    expect(compareCategories(you, [])).toEqual({ wins: [], losses: [], ties: [] });
  });
});

describe('findGaps', () => {
  const row = (checkId: string, rivalsFiring: number, severity: 'high' | 'low' = 'high') => ({ checkId, title: checkId, category: 'content', severity, yourUrls: 3, rivalsFiring });

  it('keeps checks most rivals pass, most severe first', () => {
    const gaps = findGaps([row('low-one', 0, 'low'), row('half', 1), row('high-one', 0)], 2);
    expect(gaps.map((g) => g.checkId)).toEqual(['high-one', 'low-one']);
    expect(gaps[0]).toMatchObject({ rivalsPassing: 2, rivalsAudited: 2 });
  });

  it('is empty without audited rivals', () => {
    expect(findGaps([row('x', 0)], 0)).toEqual([]);
  });
});

describe('readComparisonResult', () => {
  it('reads its own shape and nothing else', () => {
    const result = { computedAt: 'now', wins: [], losses: [], ties: [], theyDoItYouDont: [], facts: {} };
    expect(readComparisonResult(result)).toEqual(result);
    expect(readComparisonResult({ wins: 'no' })).toBeNull();
    expect(readComparisonResult(null)).toBeNull();
  });
});
