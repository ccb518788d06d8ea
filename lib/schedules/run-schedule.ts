import { startProfessionalAudit } from '@/lib/audits/start-audit';
import { db } from '@/lib/db';
import { logger } from '@/lib/logger';
import { getQueue } from '@/lib/queue/queues';
import { readScheduleOptions, schedulerId } from '@/lib/schedules/schedules';

/**
 * One firing: a re-audit of the schedule's site with its settings, started the way a person starts
 * one (flags, rate limit, tier priority). A schedule that is gone or paused removes its own
 * scheduler, so a stale one left in Redis stops after one empty firing.
 */
export async function runSchedule(scheduleId: string) {
  const schedule = await db.schedule.findUnique({ where: { id: scheduleId }, include: { user: { select: { id: true, role: true, disabledAt: true } } } });
  if (!schedule || !schedule.enabled || schedule.user.disabledAt) {
    const queue = await getQueue('maintenance');
    if (!schedule || !schedule.enabled) await queue.removeJobScheduler(schedulerId(scheduleId));
    logger.info({ scheduleId }, 'schedule fired but is gone, paused or its owner disabled: skipped');
    return { skipped: true };
  }
  const audit = await startProfessionalAudit({ url: schedule.url, ...readScheduleOptions(schedule.options) }, { id: schedule.user.id, role: schedule.user.role });
  await db.schedule.update({ where: { id: schedule.id }, data: { lastRunAt: new Date(), lastAuditId: audit.id } });
  return { auditId: audit.id, mode: audit.mode };
}
