import { describe, expect, it } from 'vitest';
import { deadLetterFilterSchema, discardReasonSchema } from '@/lib/queue/dead-letters';
import { failureRate } from '@/lib/queue/queue-stats';

describe('dead letter filters from search params', () => {
  it('keeps known queues, job names and statuses', () => {
    expect(deadLetterFilterSchema.parse({ queue: 'analysis', name: 'audit.crawl', status: 'resolved', page: '3' })).toEqual({ queue: 'analysis', name: 'audit.crawl', status: 'resolved', page: 3 });
  });

  it('reads anything unknown or malformed as no filter, unresolved, page 1', () => {
    expect(deadLetterFilterSchema.parse({ queue: 'nope', name: 'rm -rf', status: 'maybe', page: '-2' })).toEqual({ queue: undefined, name: undefined, status: 'open', page: 1 });
    expect(deadLetterFilterSchema.parse({})).toEqual({ status: 'open', page: 1 });
  });
});

describe('discard reason', () => {
  it('is trimmed and needs at least 3 characters, at most 500', () => {
    expect(discardReasonSchema.parse('  stale  ')).toBe('stale');
    expect(discardReasonSchema.safeParse('  a ').success).toBe(false);
    expect(discardReasonSchema.safeParse('x'.repeat(501)).success).toBe(false);
  });
});

describe('failure rate', () => {
  it('is failed over finished, unknown when nothing finished', () => {
    expect(failureRate(0, 0)).toBeNull();
    expect(failureRate(9, 1)).toBe(0.1);
  });
});
