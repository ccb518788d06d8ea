import { describe, expect, it, vi } from 'vitest';
import type { SiteAuditRow } from '@/lib/audits/dashboard-queries';

// Only the pure summary is tested here; the queries run against PostgreSQL in the app.
vi.mock('@/lib/db', () => ({ db: {} }));
vi.mock('@/lib/audits/audit-snapshot', () => ({ getAuditSnapshot: vi.fn() }));

const { summariseSite, TREND_POINTS } = await import('@/lib/audits/dashboard-queries');

let n = 0;
function row(patch: Partial<SiteAuditRow>): SiteAuditRow {
  n++;
  return { id: `a${n}`, url: 'https://example.com/', kind: 'PROFESSIONAL', status: 'COMPLETED', score: 50, createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)), ...patch };
}

describe('summariseSite', () => {
  it('links the newest audit, even while it runs, and shows the newest score with its trend and delta', () => {
    const rows = [
      row({ id: 'running', status: 'RUNNING', score: null }),
      row({ id: 'new', score: 72 }),
      row({ score: 64 }),
      row({ score: 60 }),
    ];
    const site = summariseSite('example.com', rows, 9)!;
    expect(site.latest.id).toBe('running');
    expect(site.audits).toBe(9);
    expect(site.score).toMatchObject({ value: 72, auditId: 'new' });
    expect(site.trend).toEqual([60, 64, 72]);
    expect(site.delta).toBe(8);
  });

  it('prefers site audit scores over single-page scores for the trend', () => {
    const rows = [row({ kind: 'SINGLE', score: 95, url: 'https://example.com/about' }), row({ score: 70 }), row({ score: 80 })];
    const site = summariseSite('example.com', rows)!;
    expect(site.score).toMatchObject({ value: 70, kind: 'PROFESSIONAL' });
    expect(site.trend).toEqual([80, 70]);
    expect(site.delta).toBe(-10);
  });

  it('without site audits, follows the page analysed most recently, not other pages of the site', () => {
    const rows = [
      row({ kind: 'SINGLE', score: 90, url: 'https://example.com/about' }),
      row({ kind: 'SINGLE', score: 40, url: 'https://example.com/contact' }),
      row({ kind: 'SINGLE', score: 85, url: 'https://example.com/about' }),
    ];
    const site = summariseSite('example.com', rows)!;
    expect(site.score).toMatchObject({ value: 90, kind: 'SINGLE', url: 'https://example.com/about' });
    expect(site.trend).toEqual([85, 90]);
  });

  it(`keeps at most ${TREND_POINTS} points and has no delta or score when nothing was scored`, () => {
    const many = Array.from({ length: 20 }, (_, i) => row({ score: i }));
    expect(summariseSite('example.com', many)!.trend).toHaveLength(TREND_POINTS);
    const unscored = summariseSite('example.com', [row({ status: 'FAILED', score: null })])!;
    expect(unscored).toMatchObject({ score: null, trend: [], delta: null });
    expect(summariseSite('example.com', [])).toBeNull();
  });
});
