import { AsyncLocalStorage } from 'node:async_hooks';

// What every log line written inside a request or a job carries (pino's mixin reads it), so one
// correlation id ties the request, its job and every line the worker logs for that job together.
export type LogContext = { correlationId?: string; jobId?: string; job?: string };

const storage = new AsyncLocalStorage<LogContext>();

export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

/** The current context; {} outside a request or job. */
export function logContext(): LogContext {
  return storage.getStore() ?? {};
}
