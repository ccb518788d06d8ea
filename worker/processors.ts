import { isEnabled } from '@/lib/flags/flags';
import type { FlagKey } from '@/lib/flags/flag-names';
import { logger } from '@/lib/logger';
import { failAuditForGood, failReportForGood } from '@/lib/maintenance/stuck-work';
import type { JobName, ParsedJobPayload } from '@/lib/queue/jobs';
import type { Processor } from '@/worker/processor';
import { comparisonFinalize } from '@/worker/processors/comparison-finalize';
import { failComparisonForGood } from '@/lib/comparisons/comparisons';
import { auditCrawl } from '@/worker/processors/audit-crawl';
import { bulkAnalyzeUrl } from '@/worker/processors/bulk-analyze-url';
import { bulkFinalize } from '@/worker/processors/bulk-finalize';
import { maintenanceCleanup } from '@/worker/processors/maintenance-cleanup';
import { reportGenerate } from '@/worker/processors/report-generate';
import { sweepDeadLettersProcessor } from '@/worker/processors/sweep-dead-letters';
import { sweepStuckWorkProcessor } from '@/worker/processors/sweep-stuck-work';
import { dailyAggregatesProcessor } from '@/worker/processors/daily-aggregates';
import { queueHealthProcessor } from '@/worker/processors/queue-health';
import { scheduleRun } from '@/worker/processors/schedule-run';
import { webhookDeliver, webhookDeliverFailedForGood } from '@/worker/processors/webhook-deliver';

/** A background task an administrator switched off completes at once without doing anything. */
function unlessSwitchedOff<N extends JobName>(flag: FlagKey, processor: Processor<N>): Processor<N> {
  return async (payload, ctx) => {
    if (!(await isEnabled(flag))) {
      logger.info({ flag, job: ctx.job.name }, 'background task skipped: switched off by an administrator');
      return { skipped: `${flag} is switched off` };
    }
    return processor(payload, ctx);
  };
}

// A job in the registry without a processor here is a compile error.
export const processors = {
  'audit.crawl': auditCrawl,
  'bulk.analyze-url': bulkAnalyzeUrl,
  'bulk.finalize': bulkFinalize,
  'report.generate': reportGenerate,
  'maintenance.cleanup': unlessSwitchedOff('task.cleanup', maintenanceCleanup),
  'maintenance.sweep-dead-letters': unlessSwitchedOff('task.sweep-dead-letters', sweepDeadLettersProcessor),
  'maintenance.sweep-stuck-work': unlessSwitchedOff('task.sweep-stuck-work', sweepStuckWorkProcessor),
  'maintenance.daily-aggregates': unlessSwitchedOff('task.daily-aggregates', dailyAggregatesProcessor),
  'maintenance.queue-health': unlessSwitchedOff('task.queue-health', queueHealthProcessor),
  'schedule.run': scheduleRun,
  'webhook.deliver': webhookDeliver,
  'comparison.finalize': comparisonFinalize,
} satisfies { [N in JobName]: Processor<N> };

/** Called once when a job has failed for good (its last attempt, or unrecoverable). */
export type FinalFailureHook<N extends JobName> = (payload: ParsedJobPayload<N>, error: Error) => Promise<void>;

/**
 * What a job's final failure does to the records it was working on, so none stays QUEUED/RUNNING.
 * Every job says so explicitly (null: nothing to close), and a missing entry is a compile error.
 * They live here, beside the processors, because the registry (lib/queue) sits below the use cases.
 */
export const finalFailureHooks = {
  'audit.crawl': ({ auditId }, err) => failAuditForGood(auditId, err),
  // One URL failing for good never sinks a batch: bulk.finalize counts it as "never ran".
  'bulk.analyze-url': null,
  'bulk.finalize': ({ auditId }, err) => failAuditForGood(auditId, err),
  'report.generate': ({ reportId }, err) => failReportForGood(reportId, err),
  'maintenance.cleanup': null,
  'maintenance.sweep-dead-letters': null,
  'maintenance.sweep-stuck-work': null,
  'maintenance.daily-aggregates': null,
  'maintenance.queue-health': null,
  // A schedule's next firing is its retry; nothing stays open.
  'schedule.run': null,
  'webhook.deliver': ({ deliveryId }, err) => webhookDeliverFailedForGood(deliveryId, err),
  // A comparison never stays RUNNING: its parent job failing for good fails it.
  'comparison.finalize': ({ comparisonId }, err) => failComparisonForGood(comparisonId, err),
} satisfies { [N in JobName]: FinalFailureHook<N> | null };
