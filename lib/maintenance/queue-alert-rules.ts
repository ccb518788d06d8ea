// Pure rules of the queue health alerts (lib/maintenance/queue-alerts.ts runs them every minute).

export type AlertRule = 'backlog-stalled' | 'oldest-waiting';
export const ALERT_RULES: readonly AlertRule[] = ['backlog-stalled', 'oldest-waiting'];

/** Backlog = jobs waiting to start (waiting + prioritised), sampled once a minute. */
export type BacklogSample = { at: number; backlog: number };

export type QueueHealthInput = {
  queue: string;
  now: number;
  backlog: number;
  /** Earlier samples (the current one need not be among them). */
  samples: readonly BacklogSample[];
  /** Jobs of this queue that completed within the window. */
  completedInWindow: number;
  oldestWaitingMs: number | null;
};

export type AlertThresholds = { windowMs: number; oldestWaitingMs: number };

/**
 * firing: raise (or keep) an alert. unhealthy: not bad enough to raise one, but an open one stays
 * open (so a backlog that stops growing while still nothing completes is one incident, not a
 * flapping series). healthy: an open alert is resolved.
 */
export type RuleState = { rule: AlertRule; state: 'firing' | 'unhealthy' | 'healthy'; message: string; details: Record<string, unknown> };

const minutes = (ms: number) => Math.round(ms / 60_000);

export function evaluateQueueHealth(input: QueueHealthInput, t: AlertThresholds): RuleState[] {
  const { queue, now, backlog, completedInWindow, oldestWaitingMs } = input;
  // The baseline is the newest sample at least one window old; without one there is not enough history yet.
  const baseline = input.samples.filter((s) => s.at <= now - t.windowMs).sort((a, b) => b.at - a.at)[0];
  const stalled = backlog > 0 && completedInWindow === 0;
  const grew = baseline !== undefined && backlog > baseline.backlog;
  const backlogState: RuleState = {
    rule: 'backlog-stalled',
    state: stalled && grew ? 'firing' : stalled ? 'unhealthy' : 'healthy',
    message: `Queue "${queue}": backlog ${baseline ? `grew from ${baseline.backlog} to ${backlog}` : `is ${backlog}`} over ${minutes(t.windowMs)} min while no job completed.`,
    details: { backlog, baseline: baseline?.backlog ?? null, baselineAt: baseline ? new Date(baseline.at).toISOString() : null, completedInWindow, windowMinutes: minutes(t.windowMs) },
  };
  const tooOld = oldestWaitingMs !== null && oldestWaitingMs > t.oldestWaitingMs;
  const oldestState: RuleState = {
    rule: 'oldest-waiting',
    state: tooOld ? 'firing' : 'healthy',
    message: `Queue "${queue}": the oldest waiting job has waited ${minutes(oldestWaitingMs ?? 0)} min (threshold ${minutes(t.oldestWaitingMs)} min).`,
    details: { oldestWaitingMs, thresholdMinutes: minutes(t.oldestWaitingMs), backlog },
  };
  return [backlogState, oldestState];
}

export type OpenAlert = { id: string; queue: string; rule: string };
export type AlertPlan = {
  open: { queue: string; rule: AlertRule; message: string; details: Record<string, unknown> }[];
  keep: { id: string; message: string; details: Record<string, unknown> }[];
  resolve: { id: string; message: string }[];
};

/**
 * What to write: one open row per queue and rule at most. A firing rule without an open row opens
 * one; an open row stays open while its rule is firing or unhealthy and is resolved when healthy.
 * An open row for a queue that was not evaluated (its stats were unavailable) is left as it is.
 */
export function planAlertChanges(open: readonly OpenAlert[], evaluated: readonly { queue: string; states: readonly RuleState[] }[]): AlertPlan {
  const plan: AlertPlan = { open: [], keep: [], resolve: [] };
  const openByKey = new Map(open.map((a) => [`${a.queue}\u0000${a.rule}`, a]));
  for (const { queue, states } of evaluated) {
    for (const s of states) {
      const existing = openByKey.get(`${queue}\u0000${s.rule}`);
      if (existing) {
        if (s.state === 'healthy') plan.resolve.push({ id: existing.id, message: s.message });
        else plan.keep.push({ id: existing.id, message: s.message, details: s.details });
      } else if (s.state === 'firing') {
        plan.open.push({ queue, rule: s.rule, message: s.message, details: s.details });
      }
    }
  }
  return plan;
}

/** Samples older than this are dropped: one window plus slack for a late run. */
export const sampleRetentionMs = (windowMs: number) => windowMs + 5 * 60_000;
