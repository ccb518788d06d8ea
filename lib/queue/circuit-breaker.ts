// The producer's circuit breaker. Closed: every enqueue goes to Redis. One failure opens it: for
// `openMs` no enqueue even tries (callers fall back at once instead of waiting ~2 s each on a dead
// Redis). Then it is half-open: exactly one enqueue is let through as a trial; its success closes
// the breaker (new work goes to the queue again), its failure opens it for another `openMs`.

export type BreakerState = 'closed' | 'open' | 'half-open';

export type CircuitBreakerOptions = { openMs?: number; now?: () => number };

export const BREAKER_OPEN_MS = 5_000;

export function createCircuitBreaker({ openMs = BREAKER_OPEN_MS, now = Date.now }: CircuitBreakerOptions = {}) {
  let state: BreakerState = 'closed';
  let openedAt = 0;
  let trialInFlight = false;

  return {
    /** Whether a call may try Redis now; in half-open only the first caller gets true. */
    tryAcquire(): boolean {
      if (state === 'closed') return true;
      if (state === 'open') {
        if (now() - openedAt < openMs) return false;
        state = 'half-open';
        trialInFlight = false;
      }
      if (trialInFlight) return false;
      trialInFlight = true;
      return true;
    },
    recordSuccess(): void {
      state = 'closed';
      trialInFlight = false;
    },
    recordFailure(): void {
      state = 'open';
      openedAt = now();
      trialInFlight = false;
    },
    /** For the admin page and tests; reading it never moves the breaker. */
    get state(): BreakerState {
      return state === 'open' && now() - openedAt >= openMs ? 'half-open' : state;
    },
    /** Seconds until the next trial, for a Retry-After hint. */
    retryAfterSeconds(): number {
      return state === 'open' ? Math.max(1, Math.ceil((openMs - (now() - openedAt)) / 1000)) : 1;
    },
  };
}

export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>;
