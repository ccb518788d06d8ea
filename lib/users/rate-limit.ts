import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { createRedis, waitUntilReady, queuePrefix } from '@/lib/queue/connection';

// Per-user limits on starting work. Redis holds the counters so they apply across web processes;
// while Redis is down each process counts in memory (the insurance limiter) instead of failing.
const LIMITS = {
  analyze: { perMinute: env.RATE_LIMIT_ANALYZE_PER_MINUTE, what: 'analyses' },
  audit: { perMinute: env.RATE_LIMIT_AUDITS_PER_MINUTE, what: 'audits' },
  bulk: { perMinute: env.RATE_LIMIT_BULK_PER_MINUTE, what: 'bulk runs' },
  report: { perMinute: env.RATE_LIMIT_REPORTS_PER_MINUTE, what: 'report requests' },
} as const;
export type RateLimitedAction = keyof typeof LIMITS;

let redis: Redis | undefined;
const limiters = new Map<RateLimitedAction, RateLimiterRedis>();

function limiterFor(action: RateLimitedAction): RateLimiterRedis {
  let limiter = limiters.get(action);
  if (!limiter) {
    redis ??= createRedis('producer');
    const options = { keyPrefix: `${queuePrefix()}:rate:${action}`, points: LIMITS[action].perMinute, duration: 60 };
    limiter = new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
    limiters.set(action, limiter);
  }
  return limiter;
}

/** Counts one `action` for the user; throws 429 (with retryAfterSeconds) over the limit. */
export async function limitRate(action: RateLimitedAction, userId: string): Promise<void> {
  const limiter = limiterFor(action);
  // A new process's first calls would otherwise count in memory while the connection comes up;
  // a Redis that is down (reconnecting) is not waited for.
  if (redis && ['wait', 'connecting', 'connect'].includes(redis.status)) await waitUntilReady(redis, 1_000).catch(() => {});
  try {
    await limiter.consume(userId);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    const { what, perMinute } = LIMITS[action];
    throw new AppError('RATE_LIMITED', `Too many ${what}: at most ${perMinute} a minute. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}
