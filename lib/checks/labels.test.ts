import { describe, expect, it } from 'vitest';
import { categoryLabel, severityLabel, statusLabel } from '@/lib/checks/labels';
import { CATEGORIES } from '@/lib/checks/types';

describe('labels', () => {
  it('name every category in words, not identifiers', () => {
    for (const c of CATEGORIES) expect(categoryLabel(c)).toMatch(/^[A-Z]/);
    expect(categoryLabel('local-eeat')).toBe('Local & E-E-A-T');
    expect(categoryLabel('http')).toBe('HTTP');
  });

  it('name severities and statuses', () => {
    expect(severityLabel('CRITICAL')).toBe('Critical');
    expect(statusLabel('COMPLETED_WITH_ERRORS')).toBe('Completed with errors');
    expect(statusLabel('READY')).toBe('Ready');
  });
});
