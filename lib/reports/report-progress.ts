import type { Redis } from 'ioredis';
import { queuePrefix } from '@/lib/queue/connection';
import { z } from 'zod';
import type { ReportStatus } from '@/lib/generated/prisma/enums';
import { logger } from '@/lib/logger';

// Live progress of one report, as audits do it: typed events appended to a Redis Stream per report
// (ids make Last-Event-ID resume exact), PostgreSQL holding the counters as the source of truth.

export const REPORT_STATUSES = ['QUEUED', 'RUNNING', 'READY', 'FAILED'] as const satisfies readonly ReportStatus[];
// A status added to the database enum must be added here too: this fails to compile until it is.
type SameMembers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ReportStatusesMatchDatabase = Assert<SameMembers<(typeof REPORT_STATUSES)[number], ReportStatus>>;

export const isTerminalReport = (status: string) => status === 'READY' || status === 'FAILED';

export const reportProgressState = z.object({
  reportId: z.string(),
  status: z.enum(REPORT_STATUSES),
  rowsWritten: z.number().int(),
  rowsTotal: z.number().int(),
  sizeBytes: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type ReportProgressState = z.infer<typeof reportProgressState>;

export const reportEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), state: reportProgressState }),
  z.object({ type: z.literal('progress'), state: reportProgressState }),
  z.object({ type: z.literal('status'), state: reportProgressState }),
]);
export type ReportEvent = z.infer<typeof reportEvent>;

const MAX_EVENTS = 1_000;
const TTL_S = 24 * 3600;
const PUBLISH_INTERVAL_MS = 250;
const DB_WRITE_INTERVAL_MS = 1_000;

export const reportStreamKey = (reportId: string) => `${queuePrefix()}:report-progress:${reportId}`;

export async function publishReportEvent(redis: Redis, event: ReportEvent): Promise<void> {
  const key = reportStreamKey(event.state.reportId);
  await redis
    .multi()
    .xadd(key, 'MAXLEN', '~', String(MAX_EVENTS), '*', 'e', JSON.stringify(reportEvent.parse(event)))
    .expire(key, TTL_S)
    .exec();
}

export type ReportStreamEntry = { id: string; event: ReportEvent };

function parseEntries(raw: [string, string[]][]): ReportStreamEntry[] {
  return raw.flatMap(([id, fields]) => {
    const parsed = reportEvent.safeParse(JSON.parse(fields[1] ?? 'null'));
    return parsed.success ? [{ id, event: parsed.data }] : [];
  });
}

/** Events after `afterId`, waiting up to blockMs for new ones (a blocking read: its own connection). */
export async function readReportEvents(redis: Redis, reportId: string, afterId: string, blockMs: number): Promise<ReportStreamEntry[]> {
  const res = (await redis.xread('COUNT', 100, 'BLOCK', blockMs, 'STREAMS', reportStreamKey(reportId), afterId)) as [string, [string, string[]][]][] | null;
  return res ? parseEntries(res[0]![1]) : [];
}

export async function lastReportEventId(redis: Redis, reportId: string): Promise<string> {
  const last = (await redis.xrevrange(reportStreamKey(reportId), '+', '-', 'COUNT', 1)) as [string, string[]][];
  return last[0]?.[0] ?? '0';
}

export async function firstReportEventId(redis: Redis, reportId: string): Promise<string | null> {
  const first = (await redis.xrange(reportStreamKey(reportId), '-', '+', 'COUNT', 1)) as [string, string[]][];
  return first[0]?.[0] ?? null;
}

/**
 * Counts rows as a report is written: an event to Redis at most every 250 ms, the counter to
 * PostgreSQL at most once a second (which also shows the row is alive). Publishing is best effort —
 * a Redis hiccup never fails a report — so pass a fail-fast (producer) connection, or null.
 */
export function createReportProgress(
  redis: Redis | null,
  initial: Omit<ReportProgressState, 'status' | 'sizeBytes' | 'error'>,
  saveRows: (rowsWritten: number) => Promise<unknown>,
) {
  const state: ReportProgressState = { ...initial, status: 'RUNNING', sizeBytes: null, error: null };
  let lastPublish = 0;
  let lastSave = Date.now();

  async function publish(event: ReportEvent) {
    if (!redis) return;
    await publishReportEvent(redis, event).catch((err: Error) => logger.warn({ err: err.message, reportId: state.reportId }, 'report progress not published'));
  }

  return {
    state,
    async started() {
      await publish({ type: 'status', state: { ...state } });
    },
    async rows(count: number) {
      state.rowsWritten += count;
      const now = Date.now();
      if (now - lastSave >= DB_WRITE_INTERVAL_MS) {
        lastSave = now;
        await saveRows(state.rowsWritten);
      }
      if (now - lastPublish >= PUBLISH_INTERVAL_MS) {
        lastPublish = now;
        await publish({ type: 'progress', state: { ...state } });
      }
    },
    async finished(patch: Pick<ReportProgressState, 'status' | 'sizeBytes' | 'error'>) {
      Object.assign(state, patch);
      await publish({ type: 'status', state: { ...state } });
    },
  };
}
