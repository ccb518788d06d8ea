import { describe, expect, it } from 'vitest';
import { PageBudget } from '@/lib/crawler/crawl-page-budget';

describe('PageBudget', () => {
  it('counts reserved pages against the limit, so concurrent tasks cannot overshoot', () => {
    const budget = new PageBudget(2);
    expect(budget.tryReserve()).toBe(true);
    expect(budget.tryReserve()).toBe(true);
    expect(budget.tryReserve()).toBe(false);
    expect(budget.full).toBe(true);
    budget.record();
    expect(budget.full).toBe(true);
    budget.release();
    expect(budget.full).toBe(false);
    expect(budget).toMatchObject({ recorded: 1, reserved: 0 });
  });

  it('starts from the pages a resumed crawl already reported', () => {
    const budget = new PageBudget(3, 2);
    expect(budget.tryReserve()).toBe(true);
    expect(budget.tryReserve()).toBe(false);
  });
});
