import type { Redis } from 'ioredis';
import { queuePrefix } from '@/lib/queue/connection';
import { progressEvent, type ProgressEvent } from '@/lib/progress/events';

// Redis Streams rather than pub/sub: entries have ids and stay readable, so an SSE client that
// reconnects with Last-Event-ID gets every event it missed. Streams are capped and expire.
const MAX_EVENTS = 20_000;
const TTL_S = 24 * 3600;

export const streamKey = (auditId: string) => `${queuePrefix()}:progress:${auditId}`;

/**
 * Appends events in order, in one round trip. The types guarantee their shape here; readers parse
 * (a profile of a 2,000-page audit spent 9 % of the worker validating and sending events one by one).
 */
export async function publishProgress(redis: Redis, auditId: string, events: readonly ProgressEvent[]): Promise<void> {
  if (events.length === 0) return;
  const key = streamKey(auditId);
  const tx = redis.multi();
  for (const event of events) tx.xadd(key, 'MAXLEN', '~', String(MAX_EVENTS), '*', 'e', JSON.stringify(event));
  await tx.expire(key, TTL_S).exec();
}

export type StreamEntry = { id: string; event: ProgressEvent };

function parseEntries(raw: [string, string[]][]): StreamEntry[] {
  return raw.flatMap(([id, fields]) => {
    const parsed = progressEvent.safeParse(JSON.parse(fields[1] ?? 'null'));
    return parsed.success ? [{ id, event: parsed.data }] : [];
  });
}

/** Events after `afterId` ('0' = from the start); waits up to blockMs for new ones (needs its own connection). */
export async function readProgress(redis: Redis, auditId: string, afterId: string, blockMs: number): Promise<StreamEntry[]> {
  const res = (await redis.xread('COUNT', 500, 'BLOCK', blockMs, 'STREAMS', streamKey(auditId), afterId)) as
    | [string, [string, string[]][]][]
    | null;
  return res ? parseEntries(res[0]![1]) : [];
}

/** Id of the newest event, or '0' when the stream is empty or gone. */
export async function lastProgressId(redis: Redis, auditId: string): Promise<string> {
  const last = (await redis.xrevrange(streamKey(auditId), '+', '-', 'COUNT', 1)) as [string, string[]][];
  return last[0]?.[0] ?? '0';
}

/** Oldest retained id, to tell whether a Last-Event-ID was trimmed away. */
export async function firstProgressId(redis: Redis, auditId: string): Promise<string | null> {
  const first = (await redis.xrange(streamKey(auditId), '-', '+', 'COUNT', 1)) as [string, string[]][];
  return first[0]?.[0] ?? null;
}
