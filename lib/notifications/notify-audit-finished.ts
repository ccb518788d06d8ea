import { db } from '@/lib/db';
import type { NotificationKind } from '@/lib/generated/prisma/enums';
import { logger } from '@/lib/logger';
import { createNotification } from '@/lib/notifications/notifications';
import { queueWebhookDeliveries, type WebhookEvent } from '@/lib/webhooks/webhooks';

// What happens when an audit ends: an in-app notification that it finished, one when its score fell
// more than the threshold below the previous audit of the same site, one when a critical finding
// appeared that the previous audit did not have (matched by check + URL); each also goes to the
// owner's webhooks.

export const DEFAULT_SCORE_DROP_THRESHOLD = 5;
const FINISHED = ['COMPLETED', 'COMPLETED_WITH_ERRORS'] as const;
const MAX_LISTED_URLS = 10;

type Notice = { kind: NotificationKind; event: WebhookEvent; title: string; message: string; data: Record<string, unknown> };

/** Strictly more than the threshold: a 5-point drop with threshold 5 stays quiet. */
export function isScoreDrop(previous: number | null, current: number | null, threshold: number): boolean {
  return previous !== null && current !== null && previous - current > threshold;
}

/** Critical findings of `current` whose check + URL the previous audit did not have at any severity. */
export function newCriticalFindings<T extends { checkId: string; url: string }>(current: T[], previous: { checkId: string; url: string }[]): T[] {
  const seen = new Set(previous.map((f) => `${f.checkId}\u0000${f.url}`));
  return current.filter((f) => !seen.has(`${f.checkId}\u0000${f.url}`));
}

type SiteAudit = { id: string; userId: string; siteId: string | null; url: string; createdAt: Date };

/** Audits of the same site: its Site row, or the same start URL for an audit without one. */
const sameSite = (audit: SiteAudit) => (audit.siteId ? { siteId: audit.siteId } : { userId: audit.userId, url: audit.url });

/** The previous finished audit of the same site. */
async function findPreviousAudit(audit: SiteAudit) {
  return db.audit.findFirst({
    where: { id: { not: audit.id }, ...sameSite(audit), kind: 'PROFESSIONAL', status: { in: [...FINISHED] }, createdAt: { lt: audit.createdAt } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, score: true, createdAt: true },
  });
}

/** The site's schedule decides the threshold; without one, the default. */
async function scoreDropThreshold(audit: SiteAudit): Promise<number> {
  const schedule = await db.schedule.findFirst({ where: sameSite(audit), orderBy: { updatedAt: 'desc' }, select: { scoreDropThreshold: true } });
  return schedule?.scoreDropThreshold ?? DEFAULT_SCORE_DROP_THRESHOLD;
}

async function buildNotices(auditId: string): Promise<{ userId: string; auditId: string; notices: Notice[] } | null> {
  const audit = await db.audit.findUnique({ where: { id: auditId }, select: { id: true, userId: true, siteId: true, url: true, kind: true, status: true, score: true, createdAt: true, finishedAt: true } });
  if (!audit?.userId || audit.kind !== 'PROFESSIONAL') return null;
  if (audit.status !== 'COMPLETED' && audit.status !== 'COMPLETED_WITH_ERRORS' && audit.status !== 'FAILED') return null;
  // Once per audit, even if a retried job reaches this point again.
  if (await db.notification.findFirst({ where: { auditId, kind: 'AUDIT_FINISHED' }, select: { id: true } })) return null;

  const base = { auditId: audit.id, url: audit.url, status: audit.status, score: audit.score, finishedAt: audit.finishedAt?.toISOString() ?? null };
  const notices: Notice[] = [
    {
      kind: 'AUDIT_FINISHED',
      event: 'audit.finished',
      title: audit.status === 'FAILED' ? 'Audit failed' : 'Audit finished',
      message: audit.status === 'FAILED' ? `The audit of ${audit.url} failed.` : `The audit of ${audit.url} finished${audit.score === null ? '' : ` with a score of ${audit.score}`}.`,
      data: base,
    },
  ];
  const userId = audit.userId;
  const previous = audit.status === 'FAILED' ? null : await findPreviousAudit({ ...audit, userId });
  if (previous) {
    const threshold = await scoreDropThreshold({ ...audit, userId });
    if (isScoreDrop(previous.score, audit.score, threshold)) {
      notices.push({
        kind: 'SCORE_DROP',
        event: 'audit.score_dropped',
        title: 'Score dropped',
        message: `${audit.url}: the score fell from ${previous.score} to ${audit.score} (more than ${threshold === 1 ? "1 point" : `${threshold} points`}).`,
        data: { ...base, previousAuditId: previous.id, previousScore: previous.score, threshold },
      });
    }
    const critical = await db.finding.findMany({ where: { auditId, severity: 'CRITICAL' }, select: { checkId: true, url: true, title: true }, orderBy: [{ checkId: 'asc' }, { url: 'asc' }] });
    if (critical.length > 0) {
      const before = await db.finding.findMany({ where: { auditId: previous.id, checkId: { in: [...new Set(critical.map((f) => f.checkId))] } }, select: { checkId: true, url: true } });
      const fresh = newCriticalFindings(critical, before);
      if (fresh.length > 0) {
        notices.push({
          kind: 'NEW_CRITICAL',
          event: 'audit.new_critical',
          title: 'New critical finding',
          message: `${audit.url}: ${fresh.length === 1 ? `"${fresh[0]!.title}" on ${fresh[0]!.url}` : `${fresh.length} critical findings the previous audit did not have`}.`,
          data: { ...base, previousAuditId: previous.id, findings: fresh.slice(0, MAX_LISTED_URLS).map((f) => ({ checkId: f.checkId, url: f.url, title: f.title })), total: fresh.length },
        });
      }
    }
  }
  return { userId, auditId: audit.id, notices };
}

/** Records the notices and queues their webhooks. Never throws: a notification must not fail an audit. */
export async function notifyAuditFinished(auditId: string): Promise<void> {
  try {
    const built = await buildNotices(auditId);
    if (!built) return;
    for (const n of built.notices) {
      await createNotification({ userId: built.userId, kind: n.kind, auditId: built.auditId, title: n.title, message: n.message, data: n.data as never });
      await queueWebhookDeliveries(built.userId, n.event, n.data);
    }
  } catch (err) {
    logger.error({ err, auditId }, 'notifications for a finished audit failed; the audit itself is unaffected');
  }
}
