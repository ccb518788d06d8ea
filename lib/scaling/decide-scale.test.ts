import { describe, expect, it } from 'vitest';
import { decideScale, restartDelayMs, type PoolObservation } from '@/lib/scaling/decide-scale';

const limits = { min: 1, max: 3 };
const policy = { waitingPerProcess: 10, oldestWaitingMs: 60_000, cooldownMs: 120_000 };
const obs = (o: Partial<PoolObservation>): PoolObservation => ({ now: 1_000_000, waiting: 0, oldestWaitingMs: null, processes: 1, lastScaledAt: null, lastWaitingAt: null, ...o });

describe('decideScale', () => {
  it('brings the pool back within its limits', () => {
    expect(decideScale(obs({ processes: 0 }), limits, policy)).toMatchObject({ action: 'up', target: 1 });
    expect(decideScale(obs({ processes: 5 }), limits, policy)).toMatchObject({ action: 'down', target: 3 });
  });

  it('adds one process when too many jobs wait per process', () => {
    expect(decideScale(obs({ waiting: 11, oldestWaitingMs: 1_000, lastWaitingAt: 1_000_000 }), limits, policy)).toMatchObject({ action: 'up', target: 2 });
    expect(decideScale(obs({ waiting: 10, oldestWaitingMs: 1_000, lastWaitingAt: 1_000_000 }), limits, policy)).toMatchObject({ action: 'hold' });
    expect(decideScale(obs({ waiting: 25, processes: 2, oldestWaitingMs: 1_000 }), limits, policy)).toMatchObject({ action: 'up', target: 3 });
  });

  it('adds one process when the oldest waiting job is too old, even with a short queue', () => {
    expect(decideScale(obs({ waiting: 1, oldestWaitingMs: 60_000 }), limits, policy)).toMatchObject({ action: 'up', target: 2 });
  });

  it('never goes above the maximum', () => {
    expect(decideScale(obs({ waiting: 1_000, processes: 3, oldestWaitingMs: 600_000 }), limits, policy)).toMatchObject({ action: 'hold', target: 3 });
  });

  it('starts a process for a pool at zero as soon as a job waits', () => {
    expect(decideScale(obs({ waiting: 1, processes: 0, oldestWaitingMs: 0 }), { min: 0, max: 2 }, policy)).toMatchObject({ action: 'up', target: 1 });
  });

  it('removes one process only after the cooldown with nothing waiting', () => {
    const now = 1_000_000;
    expect(decideScale(obs({ processes: 3, lastWaitingAt: now - 60_000 }), limits, policy)).toMatchObject({ action: 'hold', reason: 'cooling down' });
    expect(decideScale(obs({ processes: 3, lastWaitingAt: now - 200_000, lastScaledAt: now - 10_000 }), limits, policy)).toMatchObject({ action: 'hold' });
    expect(decideScale(obs({ processes: 3, lastWaitingAt: now - 200_000, lastScaledAt: now - 130_000 }), limits, policy)).toMatchObject({ action: 'down', target: 2 });
    expect(decideScale(obs({ processes: 1, lastWaitingAt: null }), limits, policy)).toMatchObject({ action: 'hold', target: 1 });
  });

  it('does not scale down while jobs wait, even after the cooldown', () => {
    expect(decideScale(obs({ processes: 3, waiting: 2, oldestWaitingMs: 100, lastScaledAt: 0 }), limits, policy)).toMatchObject({ action: 'hold', reason: 'keeping up' });
  });
});

describe('restartDelayMs', () => {
  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4].map((n) => restartDelayMs(n))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(restartDelayMs(20)).toBe(30_000);
  });
});
