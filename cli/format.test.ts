import { describe, expect, it } from 'vitest';
import { breachesThreshold, formatFindings } from '@/cli/format';

describe('breachesThreshold', () => {
  it('fails on findings at or above the threshold only', () => {
    expect(breachesThreshold([{ severity: 'medium' }], 'high')).toBe(false);
    expect(breachesThreshold([{ severity: 'high' }], 'high')).toBe(true);
    expect(breachesThreshold([{ severity: 'critical' }], 'low')).toBe(true);
    expect(breachesThreshold([{ severity: 'critical' }], undefined)).toBe(false);
  });
});

describe('formatFindings', () => {
  it('lists the most severe first', () => {
    const out = formatFindings(
      [
        { checkId: 'b', category: 'links', severity: 'low', title: 'B', message: 'low one', url: 'u' },
        { checkId: 'a', category: 'http', severity: 'critical', title: 'A', message: 'critical one', url: 'u' },
      ],
      false,
    );
    expect(out.split('\n')[0]).toContain('critical one');
  });
});
