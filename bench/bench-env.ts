// Imported first by every bench entry point (before anything reads lib/env): a queue prefix of
// the bench's own under the caller's, so leftover jobs of an earlier run never mix in; the local
// fixture sites allowed; audit rate limits out of the way (the bench starts many audits at once).
import { randomUUID } from 'node:crypto';

process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX ?? 'ro'}-bench-${randomUUID().slice(0, 8)}`;
process.env.ALLOWED_PRIVATE_HOSTS ??= '127.0.0.1';
process.env.LOG_LEVEL ??= 'warn';
process.env.RATE_LIMIT_AUDITS_PER_MINUTE = '100000';
process.env.RATE_LIMIT_ANALYZE_PER_MINUTE = '100000';
