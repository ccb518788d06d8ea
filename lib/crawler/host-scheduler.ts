// Per-host politeness and health, as pure bookkeeping: the crawl loop asks "may I start a request
// to this host now?" and reports how each request ended. No timers here; the clock is injected, so
// every decision is deterministic in tests and the loop owns all waiting.

export type HostOutcome =
  /** An HTTP response arrived (any status). Retry-After, if any, already converted to ms. */
  | { kind: 'response'; status: number; latencyMs: number; retryAfterMs?: number }
  /** Connect/headers/body timeout. */
  | { kind: 'timeout'; latencyMs?: number }
  /** Refused, reset, DNS failure… */
  | { kind: 'connection-error' }
  /** Ended without telling anything about the host (aborted by us, refused by our own guard). */
  | { kind: 'neutral' };

export type BreakerState = 'closed' | 'open' | 'half-open' | 'down';

export type HostSlot = {
  host: string;
  /** This request is the half-open probe deciding whether the host is back. */
  probe: boolean;
  /** Report how the request ended; call exactly once. */
  release(outcome: HostOutcome): void;
};

export type ReserveRefusal = {
  ok: false;
  reason: 'concurrency' | 'delay' | 'paused' | 'open' | 'probing' | 'down';
  /** ms until asking again can succeed; null = wait for a running request to finish (or never, when down). */
  waitMs: number | null;
};

export type ReserveResult = { ok: true; slot: HostSlot } | ReserveRefusal;

export type HostSchedulerOptions = {
  now?: () => number;
  /** Upper bound of concurrent requests per host (default 4). */
  maxConcurrency?: number;
  /** Where adaptive concurrency starts (default min(2, max)). */
  initialConcurrency?: number;
  /** Minimum ms between request starts to one host (default 0). */
  minDelayMs?: number;
  /** robots.txt Crawl-delay is honoured up to this (default 10 s) so one line cannot stall an audit. */
  maxCrawlDelayMs?: number;
  /** Retry-After is honoured up to this (default 60 s). */
  maxRetryAfterMs?: number;
  /** Pause after a 429/503 without Retry-After; doubles while throttling continues (default 2 s). */
  throttlePauseMs?: number;
  /** Fast successes in a row before concurrency grows by one (default 10). */
  growAfterSuccesses?: number;
  /** A response slower than this does not count as "fast" (default 2 s). */
  slowLatencyMs?: number;
  /** Outcomes remembered for the error rate (default 20). */
  errorWindow?: number;
  /** Concurrency grows only while the recent error rate is at most this (default 0.1). */
  maxErrorRate?: number;
  /** Consecutive failures (timeouts, connection errors, 5xx) that open the breaker (default 5). */
  failureThreshold?: number;
  /** First cooldown before a half-open probe; doubles after each failed probe (default 10 s). */
  cooldownMs?: number;
  /** Failed probes after which the host is declared down for this crawl (default 2). */
  maxFailedProbes?: number;
};

export type HostSnapshot = {
  host: string;
  breaker: BreakerState;
  concurrency: number;
  inFlight: number;
  consecutiveFailures: number;
  failedProbes: number;
  requests: number;
  failures: number;
  /** Effective delay between starts (politeness or capped Crawl-delay). */
  delayMs: number;
  /** Why the host was declared down / the last failure seen. */
  lastFailure: string | null;
};

type HostState = {
  host: string;
  breaker: BreakerState;
  limit: number;
  inFlight: number;
  probeInFlight: boolean;
  lastStartAt: number | null;
  pausedUntil: number;
  openUntil: number;
  crawlDelayMs: number;
  successStreak: number;
  consecutiveThrottles: number;
  consecutiveFailures: number;
  failedProbes: number;
  everResponded: boolean;
  lastDecreaseAt: number;
  window: boolean[];
  requests: number;
  failures: number;
  lastFailure: string | null;
};

export type HostScheduler = {
  /** Start a request to `host` if politeness, concurrency and the breaker allow it now. */
  tryReserve(host: string): ReserveResult;
  /** robots.txt Crawl-delay in seconds (undefined clears it). */
  setCrawlDelay(host: string, seconds: number | undefined): void;
  isDown(host: string): boolean;
  snapshot(host: string): HostSnapshot;
  snapshots(): HostSnapshot[];
};

function describeFailure(outcome: HostOutcome): string {
  if (outcome.kind === 'response') return `HTTP ${outcome.status}`;
  if (outcome.kind === 'timeout') return 'timeout';
  return 'connection error';
}

export function createHostScheduler(options: HostSchedulerOptions = {}): HostScheduler {
  const now = options.now ?? Date.now;
  const maxConcurrency = Math.max(1, options.maxConcurrency ?? 4);
  const initialConcurrency = Math.min(maxConcurrency, Math.max(1, options.initialConcurrency ?? 2));
  const minDelayMs = options.minDelayMs ?? 0;
  const maxCrawlDelayMs = options.maxCrawlDelayMs ?? 10_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const throttlePauseMs = options.throttlePauseMs ?? 2_000;
  const growAfter = options.growAfterSuccesses ?? 10;
  const slowLatencyMs = options.slowLatencyMs ?? 2_000;
  const errorWindow = options.errorWindow ?? 20;
  const maxErrorRate = options.maxErrorRate ?? 0.1;
  const failureThreshold = options.failureThreshold ?? 5;
  const cooldownMs = options.cooldownMs ?? 10_000;
  const maxFailedProbes = options.maxFailedProbes ?? 2;

  const hosts = new Map<string, HostState>();

  function stateOf(host: string): HostState {
    let state = hosts.get(host);
    if (!state) {
      state = {
        host,
        breaker: 'closed',
        limit: initialConcurrency,
        inFlight: 0,
        probeInFlight: false,
        lastStartAt: null,
        pausedUntil: 0,
        openUntil: 0,
        crawlDelayMs: 0,
        successStreak: 0,
        consecutiveThrottles: 0,
        consecutiveFailures: 0,
        failedProbes: 0,
        everResponded: false,
        lastDecreaseAt: -Infinity,
        window: [],
        requests: 0,
        failures: 0,
        lastFailure: null,
      };
      hosts.set(host, state);
    }
    return state;
  }

  const delayOf = (state: HostState) => Math.max(minDelayMs, state.crawlDelayMs);

  function remember(state: HostState, isError: boolean) {
    state.window.push(isError);
    if (state.window.length > errorWindow) state.window.shift();
  }

  function errorRate(state: HostState): number {
    if (state.window.length === 0) return 0;
    return state.window.filter(Boolean).length / state.window.length;
  }

  /** Multiplicative decrease, once per round trip: requests started before the last cut don't cut again. */
  function decrease(state: HostState, startedAt: number) {
    state.successStreak = 0;
    if (startedAt < state.lastDecreaseAt) return;
    state.limit = Math.max(1, Math.floor(state.limit / 2));
    state.lastDecreaseAt = now();
  }

  function open(state: HostState) {
    if (!state.everResponded) {
      // Never produced a single HTTP response: nothing suggests waiting will help.
      state.breaker = 'down';
      return;
    }
    state.breaker = 'open';
    state.openUntil = now() + cooldownMs * 2 ** state.failedProbes;
  }

  function recordFailure(state: HostState, outcome: HostOutcome, probe: boolean) {
    state.failures++;
    state.consecutiveFailures++;
    state.lastFailure = describeFailure(outcome);
    if (probe) {
      state.failedProbes++;
      if (state.failedProbes >= maxFailedProbes) state.breaker = 'down';
      else open(state);
      return;
    }
    if (state.breaker === 'closed' && state.consecutiveFailures >= failureThreshold) open(state);
  }

  function recordSuccess(state: HostState, latencyMs: number) {
    state.consecutiveFailures = 0;
    state.consecutiveThrottles = 0;
    if (state.breaker === 'open' || state.breaker === 'half-open') {
      // Any response proves the host is back; restart gently.
      state.breaker = 'closed';
      state.failedProbes = 0;
      state.limit = 1;
      state.successStreak = 0;
      return;
    }
    if (latencyMs >= slowLatencyMs) {
      state.successStreak = 0;
      return;
    }
    state.successStreak++;
    if (state.successStreak >= growAfter && errorRate(state) <= maxErrorRate && state.limit < maxConcurrency) {
      state.limit++;
      state.successStreak = 0;
    }
  }

  function release(state: HostState, startedAt: number, probe: boolean, outcome: HostOutcome) {
    state.inFlight--;
    if (probe) state.probeInFlight = false;
    // A neutral end of a probe leaves the breaker half-open, so the next request probes again.
    if (state.breaker === 'down' || outcome.kind === 'neutral') return;

    if (outcome.kind === 'response') {
      state.everResponded = true;
      const { status } = outcome;
      const throttled = status === 429 || status === 503;
      if (throttled || status >= 500) {
        const retryAfter = outcome.retryAfterMs;
        if (throttled || retryAfter !== undefined) {
          const pause =
            retryAfter !== undefined
              ? Math.min(Math.max(0, retryAfter), maxRetryAfterMs)
              : Math.min(throttlePauseMs * 2 ** state.consecutiveThrottles, maxRetryAfterMs);
          state.pausedUntil = Math.max(state.pausedUntil, now() + pause);
          if (throttled) state.consecutiveThrottles++;
        }
        remember(state, true);
        decrease(state, startedAt);
        // 429 is the server managing load, not failing: it slows us down but never opens the breaker.
        if (status === 429) return;
        recordFailure(state, outcome, probe);
        return;
      }
      remember(state, false);
      recordSuccess(state, outcome.latencyMs);
      return;
    }

    // timeout / connection error
    remember(state, true);
    decrease(state, startedAt);
    recordFailure(state, outcome, probe);
  }

  function tryReserve(host: string): ReserveResult {
    const state = stateOf(host);
    const t = now();
    if (state.breaker === 'down') return { ok: false, reason: 'down', waitMs: null };
    if (state.breaker === 'open') {
      if (t < state.openUntil) return { ok: false, reason: 'open', waitMs: state.openUntil - t };
      state.breaker = 'half-open';
    }
    const probe = state.breaker === 'half-open';
    if (probe && state.probeInFlight) return { ok: false, reason: 'probing', waitMs: null };
    if (!probe && state.inFlight >= state.limit) return { ok: false, reason: 'concurrency', waitMs: null };
    if (t < state.pausedUntil) return { ok: false, reason: 'paused', waitMs: state.pausedUntil - t };
    const delay = delayOf(state);
    if (state.lastStartAt !== null && t < state.lastStartAt + delay) {
      return { ok: false, reason: 'delay', waitMs: state.lastStartAt + delay - t };
    }

    state.inFlight++;
    state.requests++;
    state.lastStartAt = t;
    if (probe) state.probeInFlight = true;
    let released = false;
    return {
      ok: true,
      slot: {
        host,
        probe,
        release(outcome) {
          if (released) return;
          released = true;
          release(state, t, probe, outcome);
        },
      },
    };
  }

  function snapshot(host: string): HostSnapshot {
    const state = stateOf(host);
    return {
      host,
      breaker: state.breaker,
      concurrency: state.limit,
      inFlight: state.inFlight,
      consecutiveFailures: state.consecutiveFailures,
      failedProbes: state.failedProbes,
      requests: state.requests,
      failures: state.failures,
      delayMs: delayOf(state),
      lastFailure: state.lastFailure,
    };
  }

  return {
    tryReserve,
    setCrawlDelay(host, seconds) {
      const ms = seconds === undefined || !Number.isFinite(seconds) || seconds <= 0 ? 0 : seconds * 1000;
      stateOf(host).crawlDelayMs = Math.min(ms, maxCrawlDelayMs);
    },
    isDown: (host) => hosts.get(host)?.breaker === 'down',
    snapshot,
    snapshots: () => [...hosts.keys()].map(snapshot),
  };
}

/** Parse a Retry-After header (delta-seconds or HTTP-date) into ms from `now`; undefined if absent/invalid. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse accepts things like "-5" (year -5); an HTTP-date always has a weekday/month name.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
