import { logger } from '@/lib/logger';
import { compareIds } from '@/lib/progress/sse-stream';
import { createRedis } from '@/lib/queue/connection';
import {
  firstReportEventId,
  isTerminalReport,
  lastReportEventId,
  readReportEvents,
  type ReportEvent,
  type ReportProgressState,
} from '@/lib/reports/report-progress';

const KEEPALIVE_MS = 15_000;

export type ReportStreamOptions = {
  /** The report's state in PostgreSQL: what a fresh connection starts from. */
  readState: (reportId: string) => Promise<ReportProgressState | null>;
  keepAliveMs?: number;
};

/**
 * The SSE body for one report, like the audit stream (lib/progress/sse-stream.ts): PostgreSQL's
 * state first, then the report's Redis events after `resumeFrom` (Last-Event-ID), keep-alives while
 * idle, and the end of the stream once the report is READY or FAILED.
 */
export function createReportEventStream(reportId: string, resumeFrom: string | null, signal: AbortSignal, options: ReportStreamOptions): ReadableStream<Uint8Array> {
  const { readState, keepAliveMs = KEEPALIVE_MS } = options;
  const encoder = new TextEncoder();
  const redis = createRedis('subscriber');
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    redis.disconnect();
  };
  signal.addEventListener('abort', close);

  return new ReadableStream({
    async start(controller) {
      const send = (chunk: string) => {
        if (!closed) controller.enqueue(encoder.encode(chunk));
      };
      const sendEvent = (id: string, event: ReportEvent) => send(`id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      try {
        send('retry: 2000\n\n');
        let cursor = resumeFrom ?? '';
        const oldest = cursor ? await firstReportEventId(redis, reportId) : null;
        if (!cursor || (oldest && compareIds(cursor, oldest) < 0)) {
          cursor = await lastReportEventId(redis, reportId);
          const state = await readState(reportId);
          if (!state) throw new Error('report vanished');
          sendEvent(cursor, { type: 'snapshot', state });
          if (isTerminalReport(state.status)) return;
        }
        while (!closed) {
          const entries = await readReportEvents(redis, reportId, cursor, keepAliveMs);
          if (entries.length === 0) {
            // Idle: keep proxies from closing the stream, and notice a report that ended without
            // an event (a worker that died, a Redis that lost the stream).
            send(': keep-alive\n\n');
            const state = await readState(reportId);
            if (!state || isTerminalReport(state.status)) {
              if (state) sendEvent(cursor, { type: 'status', state });
              return;
            }
            continue;
          }
          for (const { id, event } of entries) {
            sendEvent(id, event);
            cursor = id;
            if (event.type === 'status' && isTerminalReport(event.state.status)) return;
          }
        }
      } catch (err) {
        if (!closed) logger.warn({ err, reportId }, 'report progress stream ended with an error');
      } finally {
        close();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
    },
    cancel: close,
  });
}
