import { describe, expect, it } from 'vitest';
import { computeScore, explainPageScore, sortFindingsByImpact } from '@/lib/checks/score';
import type { Category, Finding, Severity } from '@/lib/checks/types';
import { CATEGORIES, SEVERITIES } from '@/lib/checks/types';

function finding(checkId: string, severity: Severity, category: Category = 'on-page', message = 'm'): Finding {
  return { checkId, category, severity, title: checkId, message, url: 'https://example.com/' };
}

/** Deterministic pseudo-random finding sets (mulberry32), so a failure always reproduces. */
function randomFindingSets(count: number, seed = 42): Finding[][] {
  let s = seed;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * 40) }, (_, i) => finding(`check-${Math.floor(next() * 25)}`, pick(SEVERITIES), pick(CATEGORIES), String(i))),
  ).map((set) => {
    // One check has one severity and category, as in the catalogue.
    const first = new Map<string, Finding>();
    return set.map((f) => {
      const known = first.get(f.checkId) ?? (first.set(f.checkId, f), f);
      return { ...f, severity: known.severity, category: known.category };
    });
  });
}

describe('computeScore', () => {
  it('a clean page scores 100 everywhere', () => {
    const s = computeScore([]);
    expect(s.overall).toBe(100);
    for (const c of CATEGORIES) expect(s.categories[c]).toBe(100);
  });

  it('info findings cost nothing', () => {
    expect(computeScore([finding('a', 'info'), finding('b', 'info')]).overall).toBe(100);
  });

  it('is deterministic and independent of finding order', () => {
    const fs = [finding('a', 'high', 'links'), finding('b', 'low', 'images'), finding('c', 'medium', 'content'), finding('a', 'high', 'links', 'x')];
    const one = computeScore(fs);
    expect(computeScore(fs)).toEqual(one);
    expect(computeScore([...fs].reverse())).toEqual(one);
  });

  it('ranks severities: critical < high < medium < low < 100', () => {
    const score = (s: Severity) => computeScore([finding('x', s, 'content')]).overall;
    expect(score('critical')).toBeLessThan(score('high'));
    expect(score('high')).toBeLessThan(score('medium'));
    expect(score('medium')).toBeLessThan(score('low'));
    expect(score('low')).toBeLessThan(100);
    expect(score('critical')).toBeLessThanOrEqual(60);
  });

  it('50 low findings do not outweigh one critical (diminishing penalty)', () => {
    const lows = Array.from({ length: 50 }, (_, i) => finding(`low-${i}`, 'low', 'images'));
    expect(computeScore(lows).overall).toBeGreaterThan(computeScore([finding('crit', 'critical', 'images')]).overall);
    expect(computeScore(lows).overall).toBeGreaterThanOrEqual(80);
  });

  it('repeats of one check cost more than one, but at most double', () => {
    const once = 100 - computeScore([finding('a', 'medium')]).overall;
    const many = 100 - computeScore(Array.from({ length: 20 }, (_, i) => finding('a', 'medium', 'on-page', String(i)))).overall;
    expect(many).toBeGreaterThan(once);
    expect(many).toBeLessThanOrEqual(once * 2 + 1);
  });

  it('category weights: a crawlability problem costs more than a social one', () => {
    expect(computeScore([finding('x', 'high', 'crawlability')]).overall).toBeLessThan(computeScore([finding('x', 'high', 'social')]).overall);
  });

  it('category scores only count their own findings, with the same weights as the overall score', () => {
    const s = computeScore([finding('x', 'critical', 'http'), finding('y', 'low', 'images')]);
    expect(s.categories.http).toBe(computeScore([finding('x', 'critical', 'http')]).overall);
    expect(s.categories.images).toBe(computeScore([finding('y', 'low', 'images')]).overall);
    expect(s.categories.images).toBe(98);
    expect(s.categories.content).toBe(100);
  });

  it('a problem in one category moves the overall and that category alike', () => {
    const s = computeScore([finding('h1-missing', 'high', 'on-page'), finding('title-long', 'low', 'on-page')]);
    expect(s.overall).toBe(s.categories['on-page']);
  });

  it('the overall score is never above its worst category, and loses no more than all categories together', () => {
    for (const set of randomFindingSets(300)) {
      const s = computeScore(set);
      const losses = CATEGORIES.map((c) => 100 - s.categories[c]);
      expect(s.overall).toBeLessThanOrEqual(Math.min(...CATEGORIES.map((c) => s.categories[c])));
      expect(100 - s.overall).toBeLessThanOrEqual(losses.reduce((a, b) => a + b, 0) + CATEGORIES.length * 0.5);
    }
  });

  it('only critical problems can take the score to 0: any pile of lesser ones leaves at least 21', () => {
    const lesser = (['high', 'medium', 'low'] as const).flatMap((s) => Array.from({ length: 200 }, (_, i) => finding(`${s}-${i}`, s, 'crawlability')));
    expect(computeScore(lesser).overall).toBe(21);
  });

  it('never goes below 0', () => {
    const lots = (['critical', 'high', 'medium', 'low'] as const).flatMap((s) => Array.from({ length: 30 }, (_, i) => finding(`${s}-${i}`, s, 'crawlability')));
    expect(computeScore(lots).overall).toBe(0);
  });
});

describe('explainPageScore', () => {
  it('a clean page: score 100, no lines', () => {
    expect(explainPageScore([finding('note', 'info')])).toMatchObject({ score: 100, lines: [] });
  });

  it('gives the same score as computeScore, and the lines add up to 100 − score (rounding aside)', () => {
    for (const set of randomFindingSets(300, 7)) {
      const explanation = explainPageScore(set);
      expect(explanation.score).toBe(computeScore(set).overall);
      const sum = explanation.lines.reduce((total, l) => total + l.points, 0);
      expect(Math.abs(sum - (100 - explanation.score))).toBeLessThanOrEqual(0.5);
    }
  });

  it('one line per costly check, most costly first, with its occurrence count; info findings have no line', () => {
    const e = explainPageScore([finding('img-alt', 'low', 'images', '1'), finding('img-alt', 'low', 'images', '2'), finding('http-4xx', 'critical', 'http'), finding('note', 'info')]);
    expect(e.lines.map((l) => [l.checkId, l.count])).toEqual([['http-4xx', 1], ['img-alt', 2]]);
    expect(e.lines[0]!.points).toBeGreaterThan(e.lines[1]!.points);
    expect(e.note).toMatch(/Starts at 100/);
  });

  it('lines still add up when the score reaches 0, and each lesser severity takes its share of what is left', () => {
    const lots = (['critical', 'high', 'medium', 'low'] as const).flatMap((s) => Array.from({ length: 30 }, (_, i) => finding(`${s}-${i}`, s, 'crawlability')));
    const e = explainPageScore(lots);
    expect(e.score).toBe(0);
    expect(e.lines.reduce((total, l) => total + l.points, 0)).toBeCloseTo(100, 6);
    // One critical (≈ 59 points on crawlability) leaves ≈ 41: a high then takes its ≈ 19 % share of those (≈ 8 points), not ≈ 19 points.
    const critical = explainPageScore([finding('c', 'critical', 'crawlability')]);
    const high = explainPageScore([finding('h', 'high', 'crawlability')]);
    const both = explainPageScore([finding('c', 'critical', 'crawlability'), finding('h', 'high', 'crawlability')]);
    const highAlone = high.lines[0]!.points;
    const highAfterCritical = both.lines.find((l) => l.checkId === 'h')!.points;
    expect(highAfterCritical).toBeCloseTo((highAlone * (100 - critical.lines[0]!.points)) / 100, 6);
    expect(both.lines.find((l) => l.checkId === 'c')!.points).toBeCloseTo(critical.lines[0]!.points, 6);
  });
});

describe('sortFindingsByImpact', () => {
  it('orders by severity, then category weight, then id and message', () => {
    const fs = [finding('b', 'low', 'social'), finding('a', 'critical', 'images'), finding('c', 'low', 'crawlability'), finding('d', 'high', 'links'), finding('a', 'low', 'crawlability', 'z'), finding('a', 'low', 'crawlability', 'a')];
    expect(sortFindingsByImpact(fs).map((f) => `${f.checkId}/${f.message}`)).toEqual(['a/m', 'd/m', 'a/a', 'a/z', 'c/m', 'b/m']);
    expect(fs[0]?.checkId).toBe('b'); // input untouched
  });
});
