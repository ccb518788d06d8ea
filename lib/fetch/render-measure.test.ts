import { describe, expect, it } from 'vitest';
import { MAX_TARGET_EXAMPLES, sanitizeLabMetrics, sanitizeMobileLayout } from '@/lib/fetch/render-measure';

// What the page hands back is whatever its scripts made of our reader: only plain, bounded values pass.
describe('render measurement sanitizing', () => {
  it('keeps plain lab metrics, rounded', () => {
    expect(sanitizeLabMetrics({ fcpMs: 212.4, lcpMs: 2612.6, lcpElement: 'h1#hero', cls: 0.123456, tbtMs: 351.2, longTasks: 2 })).toEqual({
      fcpMs: 212,
      lcpMs: 2613,
      lcpElement: 'h1#hero',
      cls: 0.1235,
      tbtMs: 351,
      longTasks: 2,
    });
  });

  it('turns hostile lab values into nothing or zero', () => {
    expect(sanitizeLabMetrics(null)).toBeUndefined();
    expect(sanitizeLabMetrics('fast')).toBeUndefined();
    expect(sanitizeLabMetrics({ fcpMs: NaN, lcpMs: -5, lcpElement: { toString: () => 'x' }, cls: Infinity, tbtMs: '900', longTasks: null })).toEqual({
      fcpMs: null,
      lcpMs: null,
      cls: 0,
      tbtMs: 0,
      longTasks: 0,
    });
    expect(sanitizeLabMetrics({ lcpElement: 'd'.repeat(10_000) })?.lcpElement).toHaveLength(80);
  });

  it('caps the layout examples and labels and bounds the coverage', () => {
    const layout = sanitizeMobileLayout({
      viewport: { width: 412, height: 823 },
      targetsMeasured: 500,
      smallTargets: 4000,
      smallTargetExamples: [...Array.from({ length: 1000 }, () => ({ label: 'a'.repeat(5000), width: 12.34, height: 'x' })), 7],
      interstitial: { label: 'div#modal', coverage: 3 },
      extra: 'dropped',
    });
    expect(layout?.smallTargetExamples).toHaveLength(MAX_TARGET_EXAMPLES);
    expect(layout?.smallTargetExamples[0]).toEqual({ label: 'a'.repeat(80), width: 12.3, height: 0 });
    expect(layout?.interstitial).toEqual({ label: 'div#modal', coverage: 1 });
    expect(layout).not.toHaveProperty('extra');
    expect(sanitizeMobileLayout({ targetsMeasured: 3 })).toBeUndefined();
    expect(sanitizeMobileLayout({ viewport: {}, smallTargetExamples: 'many', interstitial: 'yes' })).toEqual({
      viewport: { width: 0, height: 0 },
      targetsMeasured: 0,
      smallTargets: 0,
      smallTargetExamples: [],
      interstitial: null,
    });
  });
});
