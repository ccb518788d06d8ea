import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '@/lib/queue/circuit-breaker';

describe('circuit breaker', () => {
  it('opens after one failure, refuses until openMs has passed, then lets exactly one trial through', () => {
    let t = 0;
    const b = createCircuitBreaker({ openMs: 5_000, now: () => t });
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure();
    expect(b.state).toBe('open');
    t = 4_999;
    expect(b.tryAcquire()).toBe(false);
    expect(b.retryAfterSeconds()).toBe(1);
    t = 5_000;
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // a second caller during the trial falls back at once
    b.recordSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(true);
  });

  it('a failed trial opens it for another full period', () => {
    let t = 0;
    const b = createCircuitBreaker({ openMs: 1_000, now: () => t });
    b.recordFailure();
    t = 1_000;
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure();
    t = 1_999;
    expect(b.tryAcquire()).toBe(false);
    expect(b.state).toBe('open');
    t = 2_000;
    expect(b.tryAcquire()).toBe(true);
  });

  it('gives a Retry-After hint of the time left', () => {
    let t = 0;
    const b = createCircuitBreaker({ openMs: 5_000, now: () => t });
    b.recordFailure();
    t = 1_200;
    expect(b.retryAfterSeconds()).toBe(4);
  });
});
