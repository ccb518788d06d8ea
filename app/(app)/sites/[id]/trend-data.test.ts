import { describe, expect, it } from 'vitest';
import { buildTrend, defaultDiffPair } from './trend-data';

const audit = (id: string, minute: number, status: string, score: number | null, categoryScores: Record<string, number> = {}) => ({
  id,
  status,
  score,
  categoryScores,
  createdAt: new Date(Date.UTC(2026, 11, 3, 14, minute)),
});

// Newest first, as listSiteAudits returns them.
const AUDITS = [
  audit('running', 40, 'RUNNING', null),
  audit('c', 30, 'COMPLETED_WITH_ERRORS', 70, { 'on-page': 60, links: 90 }),
  audit('failed', 20, 'FAILED', null),
  audit('b', 10, 'COMPLETED', 65, { 'on-page': 50, images: 80 }),
  audit('a', 5, 'CANCELLED', 40),
];

describe('buildTrend', () => {
  it('plots finished audits oldest first, numbered, with one line per category any of them scored', () => {
    const { points, series } = buildTrend(AUDITS);
    expect(points.map((p) => [p.id, p.label, p.overall])).toEqual([
      ['b', '#1 · 3 Dec 14:10', 65],
      ['c', '#2 · 3 Dec 14:30', 70],
    ]);
    expect(series.map((s) => [s.key, s.label])).toEqual([['images', 'Images'], ['links', 'Links'], ['on-page', 'On-page']]);
    expect(new Set(series.map((s) => s.color)).size).toBe(3);
  });

  it('has no points before any audit finished', () => {
    expect(buildTrend([AUDITS[0]!, AUDITS[2]!])).toEqual({ points: [], series: [] });
  });
});

describe('defaultDiffPair', () => {
  it('is the latest finished audit against the finished one before it', () => {
    expect(defaultDiffPair(AUDITS)).toEqual({ from: 'b', to: 'c' });
  });

  it('is nothing with fewer than two finished audits', () => {
    expect(defaultDiffPair(AUDITS.slice(0, 3))).toBeNull();
  });
});
