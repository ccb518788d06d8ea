import { reopenFailedAudit } from '@/lib/audits/audit-lifecycle';
import { reopenFailedComparison } from '@/lib/comparisons/comparisons';
import { replayDeadLetter as replayOne, replayDeadLetters as replayMany, type Reopen } from '@/lib/queue/dead-letters';
import { AppError } from '@/lib/errors';
import { jobs, type JobName, type ParsedJobPayload } from '@/lib/queue/jobs';
import { reopenFailedReport } from '@/lib/reports/report-queries';
import { reopenFailedDelivery } from '@/lib/webhooks/deliver-webhook';

// Replaying a dead letter is the mirror of its final-failure hook (worker/processors.ts): that hook
// closed the job's records as FAILED, and a replayed job only claims open ones, so each is opened
// again first. Every job says so explicitly (null: nothing to open); a missing entry is a compile error.
type ReopenHook<N extends JobName> = (payload: ParsedJobPayload<N>) => Promise<unknown>;

const reopenHooks = {
  'audit.crawl': ({ auditId }) => reopenFailedAudit(auditId),
  'bulk.analyze-url': null,
  // The batch's URLs ran already; the finalize job tallies them.
  'bulk.finalize': ({ auditId }) => reopenFailedAudit(auditId, 'RUNNING'),
  'report.generate': ({ reportId }) => reopenFailedReport(reportId),
  'maintenance.cleanup': null,
  'maintenance.sweep-dead-letters': null,
  'maintenance.sweep-stuck-work': null,
  'maintenance.daily-aggregates': null,
  'maintenance.queue-health': null,
  'schedule.run': null,
  'webhook.deliver': ({ deliveryId }) => reopenFailedDelivery(deliveryId),
  'comparison.finalize': ({ comparisonId }) => reopenFailedComparison(comparisonId),
} satisfies { [N in JobName]: ReopenHook<N> | null };

const reopen: Reopen = async (name, payload) => {
  const hook = reopenHooks[name] as ReopenHook<JobName> | null;
  if (!hook) return;
  const parsed = jobs[name].schema.safeParse(payload);
  if (!parsed.success) throw new AppError('UNPROCESSABLE', `The stored payload of "${name}" is no longer valid: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  await hook(parsed.data as ParsedJobPayload<JobName>);
};

/** Replays one dead letter: its records are opened again, then the job is enqueued with its payload. */
export const replayDeadLetter = (id: string, userId?: string) => replayOne(id, userId, reopen);

/** Replays each letter on its own: one that cannot be replayed does not stop the others. */
export const replayDeadLetters = (ids: readonly string[], userId?: string) => replayMany(ids, userId, reopen);
