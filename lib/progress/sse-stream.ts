import { logger } from '@/lib/logger';
import { createRedis } from '@/lib/queue/connection';
import { isTerminal, type ProgressEvent, type ProgressSnapshot } from '@/lib/progress/events';
import { firstProgressId, lastProgressId, readProgress } from '@/lib/progress/progress-stream';

const KEEPALIVE_MS = 15_000;

/**
 * The SSE body for one audit: the current state from PostgreSQL first, then every event from the
 * audit's Redis stream after `resumeFrom` (Last-Event-ID), keep-alive comments while idle, and the
 * end of the stream on a terminal state. Its Redis connection closes when the client goes away.
 */
export type ProgressStreamOptions = {
  /** The audit's current state from PostgreSQL (passed in: transport never reads audits itself). */
  readSnapshot: (auditId: string) => Promise<ProgressSnapshot | null>;
  keepAliveMs?: number;
};

export function createProgressStream(auditId: string, resumeFrom: string | null, signal: AbortSignal, options: ProgressStreamOptions): ReadableStream<Uint8Array> {
  const { readSnapshot, keepAliveMs = KEEPALIVE_MS } = options;
  const encoder = new TextEncoder();
  // A blocking XREAD needs a connection of its own; it is closed when the browser goes away.
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
      const sendEvent = (id: string, event: ProgressEvent) => send(`id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      try {
        send('retry: 2000\n\n');
        let cursor = resumeFrom ?? '';
        const oldest = cursor ? await firstProgressId(redis, auditId) : null;
        // Fresh connection, or the events after Last-Event-ID were trimmed: start from PostgreSQL's state.
        if (!cursor || (oldest && compareIds(cursor, oldest) < 0)) {
          cursor = await lastProgressId(redis, auditId);
          const snapshot = await readSnapshot(auditId);
          if (!snapshot) throw new Error('audit vanished');
          sendEvent(cursor, { type: 'snapshot', state: snapshot });
          if (isTerminal(snapshot.status)) return;
        }
        while (!closed) {
          const entries = await readProgress(redis, auditId, cursor, keepAliveMs);
          if (entries.length === 0) {
            // Nothing new: keep proxies from closing an idle stream, and notice an audit that
            // ended without a final event (e.g. cancelled while queued).
            send(': keep-alive\n\n');
            const snapshot = await readSnapshot(auditId);
            if (snapshot && isTerminal(snapshot.status)) {
              sendEvent(cursor, { type: 'status', state: snapshot });
              return;
            }
            continue;
          }
          for (const { id, event } of entries) {
            sendEvent(id, event);
            cursor = id;
            if (event.type === 'status' && isTerminal(event.state.status)) return;
          }
        }
      } catch (err) {
        if (!closed) logger.warn({ err, auditId }, 'progress stream ended with an error');
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

/** Redis stream ids are "ms-seq"; compare numerically. */
export function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}
