import { describe, expect, it } from 'vitest';
import { isScoreDrop, newCriticalFindings } from '@/lib/notifications/notify-audit-finished';

describe('score drop', () => {
  it('fires only for a drop of more than the threshold', () => {
    expect(isScoreDrop(80, 74, 5)).toBe(true);
    expect(isScoreDrop(80, 75, 5)).toBe(false);
    expect(isScoreDrop(80, 90, 5)).toBe(false);
    expect(isScoreDrop(80, 79, 0)).toBe(true);
    expect(isScoreDrop(null, 10, 5)).toBe(false);
    expect(isScoreDrop(80, null, 5)).toBe(false);
  });
});

describe('new critical findings', () => {
  it('are the check + URL pairs the previous audit did not have', () => {
    const current = [
      { checkId: 'a', url: 'https://x/1' },
      { checkId: 'a', url: 'https://x/2' },
      { checkId: 'b', url: 'https://x/1' },
    ];
    const previous = [{ checkId: 'a', url: 'https://x/1' }, { checkId: 'c', url: 'https://x/2' }];
    expect(newCriticalFindings(current, previous)).toEqual([{ checkId: 'a', url: 'https://x/2' }, { checkId: 'b', url: 'https://x/1' }]);
    expect(newCriticalFindings(current, current)).toEqual([]);
  });
});
