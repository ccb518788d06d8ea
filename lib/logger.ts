import pino from 'pino';
import { env } from '@/lib/env';

// The CLI prints results on stdout, so its logs go to stderr.
export const logger = pino({ level: env.LOG_LEVEL, base: { service: env.RO_SERVICE } }, pino.destination(env.RO_SERVICE === 'cli' ? 2 : 1));
