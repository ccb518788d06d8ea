import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@/lib/errors';

// /api/metrics is for a Prometheus scraper, not for people: a Bearer token instead of a session.
// Unset METRICS_TOKEN means "metrics switched off": 503 with the reason, so a scraper shows the
// target as down with a message instead of a 404 that looks like a wrong path.

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Throws 503 when metrics are not configured, 401 without the right Bearer token. */
export function authorizeMetrics(authorization: string | null, token: string | undefined): void {
  if (!token) throw new AppError('UNAVAILABLE', 'Metrics are switched off: set METRICS_TOKEN (at least 16 characters) to enable GET /api/metrics.');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  // Compared as digests so the comparison takes the same time whatever the length of the guess.
  if (!match || !timingSafeEqual(digest(match[1]!), digest(token))) {
    throw new AppError('UNAUTHORIZED', 'A valid "Authorization: Bearer <METRICS_TOKEN>" header is required.');
  }
}
