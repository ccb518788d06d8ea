import { describe, expect, it } from 'vitest';
import {
  createHostScheduler,
  parseRetryAfter,
  type HostOutcome,
  type HostSchedulerOptions,
  type HostSlot,
} from '@/lib/crawler/host-scheduler';

const HOST = 'example.com';
const OK: HostOutcome = { kind: 'response', status: 200, latencyMs: 50 };
const TIMEOUT: HostOutcome = { kind: 'timeout' };
const REFUSED: HostOutcome = { kind: 'connection-error' };
const status = (code: number, retryAfterMs?: number): HostOutcome => ({ kind: 'response', status: code, latencyMs: 50, retryAfterMs });

function setup(options: HostSchedulerOptions = {}) {
  const clock = { t: 1_000 };
  const scheduler = createHostScheduler({ now: () => clock.t, ...options });
  const take = (host = HOST): HostSlot => {
    const result = scheduler.tryReserve(host);
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    return result.slot;
  };
  /** Run one request to completion with the given outcome. */
  const run = (outcome: HostOutcome, host = HOST) => take(host).release(outcome);
  return { clock, scheduler, take, run };
}

describe('createHostScheduler: politeness', () => {
  it('caps concurrency per host, independently for each host', () => {
    const { scheduler, take } = setup({ initialConcurrency: 2 });
    take();
    take();
    expect(scheduler.tryReserve(HOST)).toEqual({ ok: false, reason: 'concurrency', waitMs: null });
    expect(scheduler.tryReserve('other.example').ok).toBe(true);
  });

  it('frees a slot on release, once', () => {
    const { scheduler, take } = setup({ initialConcurrency: 1 });
    const slot = take();
    slot.release(OK);
    slot.release(OK);
    take();
    expect(scheduler.snapshot(HOST).inFlight).toBe(1);
  });

  it('spaces request starts by the politeness delay', () => {
    const { clock, scheduler, run } = setup({ minDelayMs: 500, maxConcurrency: 4 });
    run(OK);
    expect(scheduler.tryReserve(HOST)).toEqual({ ok: false, reason: 'delay', waitMs: 500 });
    clock.t += 300;
    expect(scheduler.tryReserve(HOST)).toMatchObject({ reason: 'delay', waitMs: 200 });
    clock.t += 200;
    expect(scheduler.tryReserve(HOST).ok).toBe(true);
  });

  it('honours Crawl-delay, capped at 10 s by default', () => {
    const { scheduler, run } = setup();
    scheduler.setCrawlDelay(HOST, 2);
    run(OK);
    expect(scheduler.tryReserve(HOST)).toMatchObject({ reason: 'delay', waitMs: 2_000 });
    scheduler.setCrawlDelay(HOST, 3600);
    expect(scheduler.snapshot(HOST).delayMs).toBe(10_000);
    scheduler.setCrawlDelay(HOST, undefined);
    expect(scheduler.snapshot(HOST).delayMs).toBe(0);
  });
});

describe('createHostScheduler: adaptive concurrency', () => {
  it('grows by one after N fast successes, up to the maximum', () => {
    const { scheduler, run } = setup({ initialConcurrency: 1, maxConcurrency: 3, growAfterSuccesses: 3 });
    for (let i = 0; i < 3; i++) run(OK);
    expect(scheduler.snapshot(HOST).concurrency).toBe(2);
    for (let i = 0; i < 30; i++) run(OK);
    expect(scheduler.snapshot(HOST).concurrency).toBe(3);
  });

  it('does not grow on slow responses', () => {
    const { scheduler, run } = setup({ initialConcurrency: 1, growAfterSuccesses: 2, slowLatencyMs: 1_000 });
    for (let i = 0; i < 10; i++) run({ kind: 'response', status: 200, latencyMs: 1_500 });
    expect(scheduler.snapshot(HOST).concurrency).toBe(1);
  });

  it('does not grow while the recent error rate is high', () => {
    const { scheduler, run } = setup({ initialConcurrency: 1, growAfterSuccesses: 2, errorWindow: 10, maxErrorRate: 0.1, maxConcurrency: 4 });
    run(TIMEOUT);
    run(TIMEOUT);
    for (let i = 0; i < 4; i++) run(OK);
    // 2 errors in the last 6 outcomes = 33 %
    expect(scheduler.snapshot(HOST).concurrency).toBe(1);
    for (let i = 0; i < 20; i++) run(OK);
    expect(scheduler.snapshot(HOST).concurrency).toBeGreaterThan(1);
  });

  it('halves on 503, 5xx and timeouts, never below 1', () => {
    const { clock, scheduler, run } = setup({ initialConcurrency: 4, maxConcurrency: 8, throttlePauseMs: 0 });
    run(status(500));
    expect(scheduler.snapshot(HOST).concurrency).toBe(2);
    clock.t += 1;
    run(TIMEOUT);
    expect(scheduler.snapshot(HOST).concurrency).toBe(1);
    clock.t += 1;
    run(status(503));
    expect(scheduler.snapshot(HOST).concurrency).toBe(1);
  });

  it('halves only once for a burst of failures from requests started together', () => {
    const { clock, scheduler, take } = setup({ initialConcurrency: 8, maxConcurrency: 8 });
    const slots = Array.from({ length: 8 }, () => take());
    clock.t += 100;
    for (const slot of slots) slot.release(TIMEOUT);
    expect(scheduler.snapshot(HOST).concurrency).toBe(4);
  });
});

describe('createHostScheduler: throttling', () => {
  it('pauses the host for Retry-After on 429, capped', () => {
    const { clock, scheduler, run } = setup({ maxRetryAfterMs: 30_000 });
    run(status(429, 5_000));
    expect(scheduler.tryReserve(HOST)).toMatchObject({ ok: false, reason: 'paused', waitMs: 5_000 });
    clock.t += 5_000;
    run(status(429, 3_600_000));
    expect(scheduler.tryReserve(HOST)).toMatchObject({ reason: 'paused', waitMs: 30_000 });
  });

  it('backs off exponentially on 429 without Retry-After, and 429 never opens the breaker', () => {
    const { clock, scheduler, run } = setup({ throttlePauseMs: 1_000, failureThreshold: 2 });
    const pauses: number[] = [];
    for (let i = 0; i < 4; i++) {
      run(status(429));
      const refusal = scheduler.tryReserve(HOST);
      if (refusal.ok) throw new Error('expected a pause');
      pauses.push(refusal.waitMs!);
      clock.t += refusal.waitMs!;
    }
    expect(pauses).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(scheduler.snapshot(HOST).breaker).toBe('closed');
  });

  it('honours Retry-After on 5xx too', () => {
    const { scheduler, run } = setup();
    run(status(502, 1_500));
    expect(scheduler.tryReserve(HOST)).toMatchObject({ reason: 'paused', waitMs: 1_500 });
  });
});

describe('createHostScheduler: circuit breaker', () => {
  it('declares a host down after K failures when it never answered', () => {
    const { scheduler, run } = setup({ failureThreshold: 3 });
    run(REFUSED);
    run(REFUSED);
    expect(scheduler.isDown(HOST)).toBe(false);
    run(REFUSED);
    expect(scheduler.isDown(HOST)).toBe(true);
    expect(scheduler.tryReserve(HOST)).toEqual({ ok: false, reason: 'down', waitMs: null });
    expect(scheduler.snapshot(HOST).lastFailure).toBe('connection error');
  });

  it('opens after K consecutive failures, probes after the cooldown, closes on success', () => {
    const { clock, scheduler, run, take } = setup({ failureThreshold: 3, cooldownMs: 10_000, throttlePauseMs: 0 });
    run(OK);
    run(TIMEOUT);
    run(status(500));
    run(TIMEOUT);
    expect(scheduler.snapshot(HOST).breaker).toBe('open');
    expect(scheduler.tryReserve(HOST)).toEqual({ ok: false, reason: 'open', waitMs: 10_000 });
    clock.t += 10_000;
    const probe = take();
    expect(probe.probe).toBe(true);
    expect(scheduler.tryReserve(HOST)).toEqual({ ok: false, reason: 'probing', waitMs: null });
    probe.release(OK);
    expect(scheduler.snapshot(HOST)).toMatchObject({ breaker: 'closed', concurrency: 1, consecutiveFailures: 0 });
    expect(take().probe).toBe(false);
  });

  it('reopens with a doubled cooldown after a failed probe, then gives up', () => {
    const { clock, scheduler, run } = setup({ failureThreshold: 2, cooldownMs: 1_000, maxFailedProbes: 2 });
    run(OK);
    run(REFUSED);
    run(REFUSED);
    clock.t += 1_000;
    run(REFUSED); // probe 1 fails
    expect(scheduler.tryReserve(HOST)).toEqual({ ok: false, reason: 'open', waitMs: 2_000 });
    clock.t += 2_000;
    run(REFUSED); // probe 2 fails
    expect(scheduler.isDown(HOST)).toBe(true);
  });

  it('resets the failure count on success', () => {
    const { scheduler, run } = setup({ failureThreshold: 3, throttlePauseMs: 0 });
    run(OK);
    for (let i = 0; i < 10; i++) {
      run(TIMEOUT);
      run(TIMEOUT);
      run(OK);
    }
    expect(scheduler.snapshot(HOST).breaker).toBe('closed');
  });

  it('ignores neutral outcomes (our own aborts)', () => {
    const { scheduler, run } = setup({ failureThreshold: 1 });
    for (let i = 0; i < 5; i++) run({ kind: 'neutral' });
    expect(scheduler.snapshot(HOST)).toMatchObject({ breaker: 'closed', concurrency: 2, inFlight: 0 });
  });

  it('lets a late success from an older request close an open breaker', () => {
    const { scheduler, take, run } = setup({ failureThreshold: 2, initialConcurrency: 3 });
    run(OK);
    const [slow, a, b] = [take(), take(), take()];
    a.release(TIMEOUT);
    b.release(TIMEOUT);
    expect(scheduler.snapshot(HOST).breaker).toBe('open');
    slow.release(OK);
    expect(scheduler.snapshot(HOST).breaker).toBe('closed');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
  });
});
