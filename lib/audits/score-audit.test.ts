import { describe, expect, it } from 'vitest';
import { scoreAudit } from '@/lib/audits/score-audit';

const f = (checkId: string, severity: 'critical' | 'low', url: string, category = 'on-page') => ({ checkId, severity, category, url });

describe('scoreAudit', () => {
  it('is 100 with no findings and deterministic', () => {
    expect(scoreAudit([], 10).score).toBe(100);
    const findings = [f('title-missing', 'critical', '/a'), f('x', 'low', '/b', 'links')];
    expect(scoreAudit(findings, 10)).toEqual(scoreAudit([...findings].reverse(), 10));
  });

  it('charges a site-wide problem more than the same problem on one page of many', () => {
    const onePage = scoreAudit([f('title-missing', 'critical', '/a')], 100);
    const allPages = scoreAudit(Array.from({ length: 100 }, (_, i) => f('title-missing', 'critical', `/${i}`)), 100);
    expect(allPages.categoryScores['on-page']).toBeLessThan(onePage.categoryScores['on-page']!);
    expect(allPages.categoryScores['on-page']).toBe(40);
  });

  it('charges critical more than low', () => {
    expect(scoreAudit([f('a', 'critical', '/a')], 1).score).toBeLessThan(scoreAudit([f('a', 'low', '/a')], 1).score);
  });
});
