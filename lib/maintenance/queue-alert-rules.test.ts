import { describe, expect, it } from 'vitest';
import { evaluateQueueHealth, planAlertChanges, type QueueHealthInput } from '@/lib/maintenance/queue-alert-rules';

const MIN = 60_000;
const thresholds = { windowMs: 10 * MIN, oldestWaitingMs: 30 * MIN };
const now = 100 * MIN;
const input = (over: Partial<QueueHealthInput>): QueueHealthInput => ({ queue: 'crawl', now, backlog: 0, samples: [], completedInWindow: 0, oldestWaitingMs: null, ...over });
const stateOf = (i: QueueHealthInput, rule: string) => evaluateQueueHealth(i, thresholds).find((s) => s.rule === rule)!.state;

describe('queue health rule: backlog growing while nothing completes', () => {
  const samples = [{ at: now - 11 * MIN, backlog: 2 }, { at: now - 5 * MIN, backlog: 6 }];

  it('fires when the backlog grew since the window start and nothing completed', () => {
    expect(stateOf(input({ backlog: 9, samples }), 'backlog-stalled')).toBe('firing');
  });

  it('is healthy when something completed in the window, or the backlog is empty', () => {
    expect(stateOf(input({ backlog: 9, samples, completedInWindow: 1 }), 'backlog-stalled')).toBe('healthy');
    expect(stateOf(input({ backlog: 0, samples }), 'backlog-stalled')).toBe('healthy');
  });

  it('does not fire without a full window of history, or when the backlog did not grow (but stays unhealthy)', () => {
    expect(stateOf(input({ backlog: 9, samples: [{ at: now - 5 * MIN, backlog: 1 }] }), 'backlog-stalled')).toBe('unhealthy');
    expect(stateOf(input({ backlog: 2, samples }), 'backlog-stalled')).toBe('unhealthy');
  });

  it('compares with the newest sample at least one window old', () => {
    const history = [{ at: now - 30 * MIN, backlog: 1 }, { at: now - 10 * MIN, backlog: 9 }];
    expect(stateOf(input({ backlog: 9, samples: history }), 'backlog-stalled')).toBe('unhealthy');
    expect(stateOf(input({ backlog: 10, samples: history }), 'backlog-stalled')).toBe('firing');
  });
});

describe('queue health rule: oldest waiting job', () => {
  it('fires above the threshold only', () => {
    expect(stateOf(input({ backlog: 1, oldestWaitingMs: 31 * MIN, completedInWindow: 5 }), 'oldest-waiting')).toBe('firing');
    expect(stateOf(input({ backlog: 1, oldestWaitingMs: 30 * MIN }), 'oldest-waiting')).toBe('healthy');
    expect(stateOf(input({ oldestWaitingMs: null }), 'oldest-waiting')).toBe('healthy');
  });
});

describe('planAlertChanges', () => {
  const states = (backlog: 'firing' | 'unhealthy' | 'healthy', oldest: 'firing' | 'healthy' = 'healthy') => [
    { rule: 'backlog-stalled' as const, state: backlog, message: `b ${backlog}`, details: {} },
    { rule: 'oldest-waiting' as const, state: oldest, message: `o ${oldest}`, details: {} },
  ];

  it('opens one alert per firing rule without an open row', () => {
    const plan = planAlertChanges([], [{ queue: 'crawl', states: states('firing', 'firing') }, { queue: 'reports', states: states('unhealthy') }]);
    expect(plan.open.map((o) => `${o.queue}/${o.rule}`)).toEqual(['crawl/backlog-stalled', 'crawl/oldest-waiting']);
    expect(plan.keep).toEqual([]);
    expect(plan.resolve).toEqual([]);
  });

  it('keeps an open alert while firing or unhealthy (one incident, one row) and resolves it when healthy', () => {
    const open = [{ id: 'a1', queue: 'crawl', rule: 'backlog-stalled' }, { id: 'a2', queue: 'reports', rule: 'backlog-stalled' }, { id: 'a3', queue: 'analysis', rule: 'oldest-waiting' }];
    const plan = planAlertChanges(open, [
      { queue: 'crawl', states: states('firing') },
      { queue: 'reports', states: states('unhealthy') },
      { queue: 'analysis', states: states('healthy') },
    ]);
    expect(plan.open).toEqual([]);
    expect(plan.keep.map((k) => k.id)).toEqual(['a1', 'a2']);
    expect(plan.resolve.map((r) => r.id)).toEqual(['a3']);
  });

  it('leaves the alerts of a queue that could not be read as they are', () => {
    const plan = planAlertChanges([{ id: 'a1', queue: 'crawl', rule: 'backlog-stalled' }], []);
    expect(plan).toEqual({ open: [], keep: [], resolve: [] });
  });
});
