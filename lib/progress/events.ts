import { z } from 'zod';
import type { AuditStatus } from '@/lib/generated/prisma/enums';

// The typed progress stream of one audit. The worker appends events to a Redis Stream per audit;
// the SSE route reads them by stream id, so a reconnecting browser resumes exactly where it was.

export const AUDIT_PHASES = ['queued', 'discovering', 'crawling', 'analyzing', 'finishing', 'done'] as const;
// The one list of audit statuses (UI, SSE, CLI, bulk and lifecycle all read these); it must name
// exactly the statuses of the database enum, which the type check below enforces.
export const ACTIVE_STATUSES = ['QUEUED', 'RUNNING'] as const;
export const TERMINAL_STATUSES = ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED'] as const;
export const AUDIT_STATUSES = [...ACTIVE_STATUSES, ...TERMINAL_STATUSES] as const;
export type AuditStatusName = (typeof AUDIT_STATUSES)[number];
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

type SameMembers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type StatusesMatchDatabase = Assert<SameMembers<AuditStatusName, AuditStatus>>;

export function isTerminal(status: string): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

const severityCounts = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  info: z.number().int(),
});
export type SeverityCounts = z.infer<typeof severityCounts>;

/** Cumulative state: every event carries it, so any single event is enough to draw the page. */
export const progressSnapshot = z.object({
  auditId: z.string(),
  status: z.enum(AUDIT_STATUSES),
  phase: z.enum(AUDIT_PHASES),
  discovered: z.number().int(),
  crawled: z.number().int(),
  failed: z.number().int(),
  /** Upper bound the crawl will stop at (max pages, or number of URLs in a bulk run). */
  limit: z.number().int(),
  currentUrl: z.string().nullable(),
  etaSeconds: z.number().nullable(),
  findings: severityCounts,
  score: z.number().nullable(),
  error: z.string().nullable(),
});
export type ProgressSnapshot = z.infer<typeof progressSnapshot>;

export const progressEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), state: progressSnapshot }),
  z.object({
    type: z.literal('page'),
    state: progressSnapshot,
    page: z.object({ url: z.string(), status: z.number().int(), depth: z.number().int().nullable(), findings: z.number().int(), error: z.string().nullable() }),
  }),
  z.object({ type: z.literal('status'), state: progressSnapshot }),
]);
export type ProgressEvent = z.infer<typeof progressEvent>;

export function emptySeverityCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}
