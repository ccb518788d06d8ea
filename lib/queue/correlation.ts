import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { logContext } from '@/lib/log-context';

/** A short token: what proxies and clients send (UUIDs, ULIDs, trace ids), never free text in our logs. */
export const correlationIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The caller's X-Request-Id when it is a valid short token, else a fresh one. */
export function correlationIdFrom(headerValue: string | null | undefined): string {
  const parsed = correlationIdSchema.safeParse(headerValue?.trim());
  return parsed.success ? parsed.data : randomUUID();
}

/** The id of the request or job this code runs for (lib/log-context), if any. */
export function currentCorrelationId(): string | undefined {
  return logContext().correlationId;
}

// The registry's one field for every job: job data is the payload plus `meta`. Payload schemas
// strip unknown keys, so processors never see it; the worker reads it before parsing.
const jobMetaSchema = z.object({ correlationId: correlationIdSchema.optional() });
export type JobMeta = z.infer<typeof jobMetaSchema>;

export function withJobMeta<T extends object>(data: T, meta: JobMeta): T & { meta?: JobMeta } {
  return meta.correlationId ? { ...data, meta } : data;
}

/** Never throws: a job without (or with a broken) meta simply has no correlation id. */
export function readJobMeta(data: unknown): JobMeta {
  const meta = (data as { meta?: unknown } | null | undefined)?.meta;
  const parsed = jobMetaSchema.safeParse(meta);
  return parsed.success ? parsed.data : {};
}
