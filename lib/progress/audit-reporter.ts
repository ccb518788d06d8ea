import type { Redis } from 'ioredis';
import { updateAuditProgress } from '@/lib/audits/audit-lifecycle';
import type { Finding } from '@/lib/checks/types';
import { logger } from '@/lib/logger';
import { emptySeverityCounts, type ProgressEvent, type ProgressSnapshot } from '@/lib/progress/events';
import { publishProgress } from '@/lib/progress/progress-stream';

const DB_WRITE_INTERVAL_MS = 1_000;

/**
 * Keeps the live snapshot of one running audit, appends typed events to its Redis stream and
 * mirrors the counters to PostgreSQL at most once a second. Publishing is best effort: a Redis
 * hiccup must never fail or stall the audit, since PostgreSQL already holds the results — so the
 * connection must be a fail-fast (producer) one, not a worker connection that waits forever.
 */
export function createAuditReporter(redis: Redis | null, initial: Omit<ProgressSnapshot, 'findings' | 'score' | 'error' | 'etaSeconds' | 'currentUrl'> & Partial<ProgressSnapshot>) {
  const state: ProgressSnapshot = {
    currentUrl: null,
    etaSeconds: null,
    findings: emptySeverityCounts(),
    score: null,
    error: null,
    ...initial,
  };
  let lastDbWrite = 0;

  async function publish(event: ProgressEvent) {
    if (!redis) return;
    await publishProgress(redis, state.auditId, event).catch((err) => logger.warn({ err: err.message, auditId: state.auditId }, 'progress not published'));
  }

  async function persist(force = false) {
    if (!force && Date.now() - lastDbWrite < DB_WRITE_INTERVAL_MS) return;
    lastDbWrite = Date.now();
    await updateAuditProgress(state.auditId, state);
  }

  return {
    state,
    addFindings(findings: Finding[]) {
      for (const f of findings) state.findings[f.severity]++;
    },
    async progress(patch: Partial<ProgressSnapshot>) {
      Object.assign(state, patch);
      await persist();
      await publish({ type: 'snapshot', state: { ...state } });
    },
    async page(page: Extract<ProgressEvent, { type: 'page' }>['page'], patch: Partial<ProgressSnapshot> = {}) {
      Object.assign(state, patch);
      await persist();
      await publish({ type: 'page', state: { ...state }, page });
    },
    async status(patch: Partial<ProgressSnapshot>) {
      Object.assign(state, patch);
      await persist(true);
      await publish({ type: 'status', state: { ...state } });
    },
  };
}

export type AuditReporter = ReturnType<typeof createAuditReporter>;
