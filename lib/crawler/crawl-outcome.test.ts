import { describe, expect, it } from 'vitest';
import { decideStopReason, type StopFacts } from '@/lib/crawler/crawl-outcome';

const calm: StopFacts = { cancelled: false, unreachable: false, remaining: 0, budgetFull: false, hostsDown: 0 };

describe('decideStopReason', () => {
  it('is complete when nothing is left, even with the budget used up or a host down', () => {
    expect(decideStopReason(calm)).toBe('complete');
    expect(decideStopReason({ ...calm, budgetFull: true, hostsDown: 1 })).toBe('complete');
  });

  it('with URLs left: max-pages before hosts-down', () => {
    expect(decideStopReason({ ...calm, remaining: 3, budgetFull: true, hostsDown: 1 })).toBe('max-pages');
    expect(decideStopReason({ ...calm, remaining: 3, hostsDown: 1 })).toBe('hosts-down');
    expect(decideStopReason({ ...calm, remaining: 3 })).toBe('complete');
  });

  it('a cancel wins over everything, then an unreachable site', () => {
    expect(decideStopReason({ ...calm, cancelled: true, unreachable: true })).toBe('aborted');
    expect(decideStopReason({ ...calm, unreachable: true, remaining: 1, budgetFull: true })).toBe('site-unreachable');
  });
});
