import type { Redis } from 'ioredis';
import type { Finding } from '@/lib/checks/types';
import { logger } from '@/lib/logger';
import { emptySeverityCounts, type ProgressEvent, type ProgressSnapshot } from '@/lib/progress/events';
import { publishProgress } from '@/lib/progress/progress-stream';

const DB_WRITE_INTERVAL_MS = 1_000;

/** Stores the counters of a snapshot (the audit row in PostgreSQL); passed in by the use case. */
export type SaveProgress = (auditId: string, state: ProgressSnapshot) => Promise<unknown>;

/**
 * Keeps the live snapshot of one running audit, appends typed events to its Redis stream and
 * mirrors the counters through `saveProgress` at most once a second (transport never touches
 * audits itself: lib/audits/audit-reporter.ts binds it to PostgreSQL). Publishing is best effort:
 * a Redis hiccup must never fail or stall the audit, since PostgreSQL already holds the results —
 * so the connection must be a fail-fast (producer) one, not a worker connection that waits forever.
 */
export type ReporterInitialState = Omit<ProgressSnapshot, 'findings' | 'score' | 'error' | 'etaSeconds' | 'currentUrl'> & Partial<ProgressSnapshot>;

export function createProgressReporter(redis: Redis | null, initial: ReporterInitialState, saveProgress: SaveProgress) {
  const state: ProgressSnapshot = {
    currentUrl: null,
    etaSeconds: null,
    findings: emptySeverityCounts(),
    score: null,
    error: null,
    ...initial,
  };
  let lastDbWrite = 0;
  // Publishing never holds up the crawl: commands on one connection run in order anyway, and
  // `status` (the last event) waits for everything before it.
  let published: Promise<void> = Promise.resolve();

  function publish(events: ProgressEvent[]): Promise<void> {
    if (!redis) return published;
    const sent = publishProgress(redis, state.auditId, events).catch((err: Error) => logger.warn({ err: err.message, auditId: state.auditId }, 'progress not published'));
    published = Promise.all([published, sent]).then(() => {});
    return published;
  }

  async function persist(force = false) {
    if (!force && Date.now() - lastDbWrite < DB_WRITE_INTERVAL_MS) return;
    lastDbWrite = Date.now();
    await saveProgress(state.auditId, state);
  }

  type PageEvent = Extract<ProgressEvent, { type: 'page' }>;
  return {
    state,
    addFindings(findings: Finding[]) {
      for (const f of findings) state.findings[f.severity]++;
    },
    async progress(patch: Partial<ProgressSnapshot>) {
      Object.assign(state, patch);
      await persist();
      void publish([{ type: 'snapshot', state: { ...state } }]);
    },
    /** Pages saved together, announced together; `describe` moves the counters page by page. */
    async pages<T>(items: readonly T[], describe: (item: T) => { page: PageEvent['page']; patch: Partial<ProgressSnapshot> }) {
      const events = items.map((item): PageEvent => {
        const { page, patch } = describe(item);
        Object.assign(state, patch);
        return { type: 'page', state: { ...state }, page };
      });
      await persist();
      void publish(events);
    },
    async page(page: PageEvent['page'], patch: Partial<ProgressSnapshot> = {}) {
      Object.assign(state, patch);
      await persist();
      void publish([{ type: 'page', state: { ...state }, page }]);
    },
    async status(patch: Partial<ProgressSnapshot>) {
      Object.assign(state, patch);
      await persist(true);
      await publish([{ type: 'status', state: { ...state } }]);
    },
  };
}

export type ProgressReporter = ReturnType<typeof createProgressReporter>;
