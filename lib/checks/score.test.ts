import { describe, expect, it } from 'vitest';
import { computeScore, sortFindingsByImpact } from '@/lib/checks/score';
import type { Category, Finding, Severity } from '@/lib/checks/types';
import { CATEGORIES } from '@/lib/checks/types';

function finding(checkId: string, severity: Severity, category: Category = 'on-page', message = 'm'): Finding {
  return { checkId, category, severity, title: checkId, message, url: 'https://example.com/' };
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
    expect(computeScore(lows).overall).toBeGreaterThanOrEqual(75);
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

  it('category scores only count their own findings', () => {
    const s = computeScore([finding('x', 'critical', 'http'), finding('y', 'low', 'images')]);
    expect(s.categories.http).toBeLessThan(60);
    expect(s.categories.images).toBe(98);
    expect(s.categories.content).toBe(100);
  });

  it('never goes below 0', () => {
    const lots = (['critical', 'high', 'medium', 'low'] as const).flatMap((s) => Array.from({ length: 30 }, (_, i) => finding(`${s}-${i}`, s, 'crawlability')));
    expect(computeScore(lots).overall).toBe(0);
  });
});

describe('sortFindingsByImpact', () => {
  it('orders by severity, then category weight, then id and message', () => {
    const fs = [finding('b', 'low', 'social'), finding('a', 'critical', 'images'), finding('c', 'low', 'crawlability'), finding('d', 'high', 'links'), finding('a', 'low', 'crawlability', 'z'), finding('a', 'low', 'crawlability', 'a')];
    expect(sortFindingsByImpact(fs).map((f) => `${f.checkId}/${f.message}`)).toEqual(['a/m', 'd/m', 'a/a', 'a/z', 'c/m', 'b/m']);
    expect(fs[0]?.checkId).toBe('b'); // input untouched
  });
});
