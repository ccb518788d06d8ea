// The autoscaling rule, pure so it can be tested without processes or Redis.
// The supervisor (lib/scaling/supervisor.ts) observes each pool every few seconds and applies it.

export type PoolLimits = { min: number; max: number };

export type ScalingPolicy = {
  /** Add a process when more than this many jobs wait per running process… */
  waitingPerProcess: number;
  /** …or when the oldest waiting job has waited this long. */
  oldestWaitingMs: number;
  /** Remove a process only after this long with nothing waiting and no scaling. */
  cooldownMs: number;
};

export type PoolObservation = {
  now: number;
  /** Waiting + prioritised jobs. */
  waiting: number;
  oldestWaitingMs: number | null;
  /** Processes running (not counting ones already told to stop). */
  processes: number;
  /** When this pool last scaled (either way); null: never. */
  lastScaledAt: number | null;
  /** When a job was last seen waiting; null: never. */
  lastWaitingAt: number | null;
};

export type ScaleDecision = { action: 'up' | 'down' | 'hold'; target: number; reason: string };

/** One step at a time (±1), except to get back within [min, max]. */
export function decideScale(obs: PoolObservation, limits: PoolLimits, policy: ScalingPolicy): ScaleDecision {
  const { min, max } = limits;
  const { processes, waiting } = obs;
  if (processes < min) return { action: 'up', target: min, reason: `below the minimum of ${min}` };
  if (processes > max) return { action: 'down', target: max, reason: `above the maximum of ${max}` };

  const perProcess = processes === 0 ? Infinity : waiting / processes;
  const tooMany = waiting > 0 && perProcess > policy.waitingPerProcess;
  const tooOld = waiting > 0 && obs.oldestWaitingMs !== null && obs.oldestWaitingMs >= policy.oldestWaitingMs;
  if (tooMany || tooOld) {
    if (processes >= max) return { action: 'hold', target: processes, reason: 'backlog, but already at the maximum' };
    const why = tooMany ? `${waiting} waiting for ${processes} process(es)` : `oldest job waiting ${Math.round(obs.oldestWaitingMs! / 1000)} s`;
    return { action: 'up', target: processes + 1, reason: why };
  }

  if (processes > min && waiting === 0) {
    const quietSince = Math.max(obs.lastScaledAt ?? -Infinity, obs.lastWaitingAt ?? -Infinity);
    if (obs.now - quietSince >= policy.cooldownMs) return { action: 'down', target: processes - 1, reason: `nothing waiting for ${Math.round(policy.cooldownMs / 1000)} s` };
    return { action: 'hold', target: processes, reason: 'cooling down' };
  }
  return { action: 'hold', target: processes, reason: waiting > 0 ? 'keeping up' : 'idle at the minimum' };
}

/** Delay before restarting a crashed process: 1 s, 2 s, 4 s… capped; reset once a process has run a while. */
export function restartDelayMs(consecutiveCrashes: number, capMs = 30_000): number {
  return Math.min(capMs, 1_000 * 2 ** Math.max(0, consecutiveCrashes - 1));
}
