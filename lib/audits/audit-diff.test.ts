import { describe, expect, it } from 'vitest';
import { assertSameSite, diffScores, hasRegression, orderPair } from '@/lib/audits/audit-diff';
import { AppError } from '@/lib/errors';

const row = (over: Partial<Parameters<typeof assertSameSite>[0]>) => ({ id: 'a', url: 'https://example.com/', userId: 'u', siteId: null, createdAt: new Date(0), score: null, categoryScores: null, ...over });

describe('assertSameSite', () => {
  it('accepts two audits of one site', () => {
    expect(() => assertSameSite(row({ id: 'a', siteId: 's' }), row({ id: 'b', siteId: 's', url: 'https://EXAMPLE.com/?x' }))).not.toThrow();
    expect(() => assertSameSite(row({ id: 'a' }), row({ id: 'b', url: 'https://example.com:443/' }))).not.toThrow();
  });

  it('refuses different sites, owners or the same audit twice with a 400', () => {
    expect(() => assertSameSite(row({ id: 'a', siteId: 's' }), row({ id: 'b', siteId: 't' }))).toThrow(AppError);
    expect(() => assertSameSite(row({ id: 'a' }), row({ id: 'b', url: 'https://other.com/' }))).toThrow(/different sites/);
    expect(() => assertSameSite(row({ id: 'a' }), row({ id: 'b', userId: 'v' }))).toThrow(/different sites/);
    expect(() => assertSameSite(row({ id: 'a' }), row({ id: 'a' }))).toThrow(/two different audits/);
  });
});

describe('diffScores', () => {
  it('subtracts overall and per category, leaving out categories only one audit has', () => {
    expect(diffScores({ score: 70, categoryScores: { content: 60, links: 90 } }, { score: 75, categoryScores: { content: 80, http: 100 } })).toEqual({ overall: 5, byCategory: { content: 20 } });
    expect(diffScores({ score: null, categoryScores: null }, { score: 75, categoryScores: null }).overall).toBeNull();
  });
});

describe('hasRegression', () => {
  const none = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  it('fires at or above the threshold only', () => {
    expect(hasRegression({ newBySeverity: { ...none, medium: 2 } }, 'high')).toBe(false);
    expect(hasRegression({ newBySeverity: { ...none, medium: 2 } }, 'medium')).toBe(true);
    expect(hasRegression({ newBySeverity: { ...none, critical: 1 } }, 'high')).toBe(true);
    expect(hasRegression({ newBySeverity: none }, 'info')).toBe(false);
  });
});

describe('orderPair', () => {
  it('puts the earlier audit first whatever the argument order', () => {
    const early = { createdAt: new Date(1), id: 'early' };
    const late = { createdAt: new Date(2), id: 'late' };
    expect(orderPair(late, early)).toEqual({ base: early, head: late });
    expect(orderPair(early, late)).toEqual({ base: early, head: late });
  });
});

describe('assertSameSite without the owner rule (CLI)', () => {
  it('matches on the site key alone', () => {
    expect(() => assertSameSite(row({ id: 'a', userId: 'u' }), row({ id: 'b', userId: null }), { sameOwner: false })).not.toThrow();
    expect(() => assertSameSite(row({ id: 'a' }), row({ id: 'b', url: 'https://other.com/' }), { sameOwner: false })).toThrow(/different sites/);
  });
});
