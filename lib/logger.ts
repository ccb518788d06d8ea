import pino from 'pino';
import { env } from '@/lib/env';
import { logContext } from '@/lib/log-context';

// The CLI prints results on stdout, so its logs go to stderr.
// mixin: every line inside a request or job carries its correlation id (lib/log-context.ts).
export const logger = pino({ level: env.LOG_LEVEL, base: { service: env.RO_SERVICE }, mixin: () => ({ ...logContext() }) }, pino.destination(env.RO_SERVICE === 'cli' ? 2 : 1));
