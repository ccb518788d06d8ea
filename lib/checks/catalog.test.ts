import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, getCheck, pageChecks } from '@/lib/checks/catalog';
import { CATEGORIES, SEVERITIES } from '@/lib/checks/types';

describe('check catalogue', () => {
  it('ids are unique kebab-case', () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('every check has all fields filled', () => {
    for (const c of ALL_CHECKS) {
      expect(CATEGORIES, c.id).toContain(c.category);
      expect(SEVERITIES, c.id).toContain(c.severity);
      for (const field of ['title', 'why', 'fix'] as const) expect(c[field].trim().length, `${c.id}.${field}`).toBeGreaterThan(10);
      expect(typeof c.run).toBe('function');
    }
  });

  it('every category has at least one check', () => {
    for (const cat of CATEGORIES) expect(ALL_CHECKS.some((c) => c.category === cat), cat).toBe(true);
  });

  it('has at least 125 page checks and more than 150 checks in total', () => {
    expect(pageChecks.length).toBeGreaterThanOrEqual(125);
    expect(ALL_CHECKS.length).toBeGreaterThanOrEqual(150);
  });

  it('getCheck finds checks by id', () => {
    expect(getCheck('title-missing')?.category).toBe('on-page');
    expect(getCheck('no-such-check')).toBeUndefined();
  });
});
