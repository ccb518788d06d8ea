import { describe, expect, it } from 'vitest';
import { JOB_NAMES, jobOptionsFor, jobs, parseJobPayload, priorityFor, isJobName } from '@/lib/queue/jobs';

describe('job registry', () => {
  it('gives every job an explicit, non-zero priority and a retry policy with backoff', () => {
    for (const name of JOB_NAMES) {
      const opts = jobOptionsFor(name);
      expect(opts.priority, name).toBeGreaterThan(0);
      expect(opts.attempts, name).toBeGreaterThanOrEqual(1);
      expect(opts.backoff.type).toBe('exponential');
      expect(opts.backoff.jitter).toBeGreaterThan(0);
    }
  });

  it('orders premium before free and quick before long', () => {
    expect(priorityFor('premium', true)).toBeLessThan(priorityFor('free', true));
    expect(priorityFor('free', true)).toBeLessThan(priorityFor('premium', false));
    expect(priorityFor('premium', false)).toBeLessThan(priorityFor('free', false));
  });

  it('applies schema defaults and rejects bad payloads', () => {
    expect(parseJobPayload('maintenance.cleanup', {})).toEqual({ olderThanDays: 30 });
    expect(() => parseJobPayload('maintenance.cleanup', { olderThanDays: -1 })).toThrow();
  });

  it('knows its job names', () => {
    expect(isJobName('maintenance.cleanup')).toBe(true);
    expect(isJobName('toString')).toBe(false);
    expect(Object.keys(jobs)).toEqual(JOB_NAMES);
  });
});
