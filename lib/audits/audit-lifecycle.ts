import { readAuditState } from '@/lib/audits/audit-json';
import { db } from '@/lib/db';
import { logContext } from '@/lib/log-context';
import { AppError } from '@/lib/errors';
import type { AuditKind, AuditStatus } from '@/lib/generated/prisma/enums';
import type { Prisma } from '@/lib/generated/prisma/client';
import { ACTIVE_STATUSES, type ProgressSnapshot, type TerminalStatus } from '@/lib/progress/events';

const ACTIVE: AuditStatus[] = [...ACTIVE_STATUSES];

export function createAudit(input: { kind: AuditKind; url: string; options?: Prisma.InputJsonValue; secrets?: string | null; userId?: string | null; priority?: number; limit?: number }) {
  return db.audit.create({
    data: {
      kind: input.kind,
      url: input.url,
      options: input.options ?? {},
      secrets: input.secrets ?? null,
      userId: input.userId ?? null,
      priority: input.priority ?? 0,
      state: { phase: 'queued', limit: input.limit ?? 0 },
      correlationId: logContext().correlationId ?? null,
    },
  });
}

/** Claims the audit for a (possibly resumed) run; false when it was cancelled or already finished. */
export async function markAuditRunning(id: string): Promise<boolean> {
  const audit = await db.audit.findUnique({ where: { id }, select: { status: true, startedAt: true, state: true } });
  if (!audit || !ACTIVE.includes(audit.status)) return false;
  await db.audit.update({
    where: { id },
    data: { status: 'RUNNING', startedAt: audit.startedAt ?? new Date(), state: { ...readAuditState(audit.state), phase: 'crawling' } },
  });
  return true;
}

export async function updateAuditProgress(id: string, p: Pick<ProgressSnapshot, 'discovered' | 'crawled' | 'failed' | 'phase' | 'limit'>) {
  await db.$executeRaw`
    UPDATE "Audit" SET "pagesTotal" = ${p.discovered}, "pagesDone" = ${p.crawled}, "pagesFailed" = ${p.failed},
      state = COALESCE(state, '{}'::jsonb) || ${JSON.stringify({ phase: p.phase, limit: p.limit })}::jsonb, "updatedAt" = now()
    WHERE id = ${id} AND status = 'RUNNING'`;
}

/** Merges keys into the audit's resumable state (JSON) without clobbering the others. */
export async function mergeAuditState(id: string, patch: Record<string, unknown>) {
  await db.$executeRaw`UPDATE "Audit" SET state = COALESCE(state, '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb WHERE id = ${id}`;
}

export async function finishAudit(
  id: string,
  result: {
    status: Exclude<TerminalStatus, 'CANCELLED'>;
    score?: number | null;
    categoryScores?: Record<string, number> | null;
    error?: string | null;
    /** Final counters, recounted from the pages table. */
    counts?: { pages: number; failed: number; total?: number };
  },
) {
  // Never overwrite a cancel that arrived while the last page was being written.
  await db.audit.updateMany({
    where: { id, status: { in: ACTIVE } },
    data: {
      status: result.status,
      score: result.score ?? null,
      categoryScores: result.categoryScores ?? undefined,
      error: result.error ?? null,
      ...(result.counts ? { pagesDone: result.counts.pages, pagesFailed: result.counts.failed, pagesTotal: result.counts.total } : {}),
      finishedAt: new Date(),
    },
  });
}

/**
 * Opens a FAILED audit again for a replayed job (a dead letter): the job only claims open audits.
 * Its stored pages stay, so the run resumes where it stopped. Cancelled and finished audits stay closed.
 */
export async function reopenFailedAudit(id: string, status: 'QUEUED' | 'RUNNING' = 'QUEUED') {
  await db.audit.updateMany({ where: { id, status: 'FAILED' }, data: { status, error: null, score: null, finishedAt: null } });
}

export async function cancelAudit(id: string) {
  const { count } = await db.audit.updateMany({
    where: { OR: [{ id }, { parentId: id }], status: { in: ACTIVE } },
    data: { status: 'CANCELLED', finishedAt: new Date(), error: 'Cancelled by the user.' },
  });
  if (count === 0) throw new AppError('CONFLICT', 'This audit has already finished.');
}

export async function getAuditStatus(id: string): Promise<AuditStatus | null> {
  const audit = await db.audit.findUnique({ where: { id }, select: { status: true } });
  return audit?.status ?? null;
}
