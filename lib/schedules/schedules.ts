import { z } from 'zod';
import { httpUrl } from '@/lib/audits/audit-input';
import type { CurrentUser } from '@/lib/auth/require-user';
import { auditSettingsSchema, type AuditSettings } from '@/lib/crawler/crawl-options';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { Schedule } from '@/lib/generated/prisma/client';
import { logger } from '@/lib/logger';
import { withTimeout } from '@/lib/queue/connection';
import { jobOptionsFor } from '@/lib/queue/jobs';
import { getQueue } from '@/lib/queue/queues';
import { findOrCreateSite } from '@/lib/sites/sites';
import { describeTiming, nextRunAt, toRepeatOptions } from '@/lib/schedules/schedule-cron';

// Schedules live in PostgreSQL; Redis holds one BullMQ job scheduler per enabled schedule, upserted
// or removed with every change here and made to match PostgreSQL again by reconcileSchedules() when
// a worker starts (so a Redis flush or a change made while Redis was down heals itself).

export const MAX_SCHEDULES_PER_USER = 20;
const REDIS_TIMEOUT_MS = 3_000;
const SCHEDULER_PREFIX = 'schedule-';

export function intervalAllowed(): boolean {
  return env.NODE_ENV === 'test' || env.SCHEDULE_ALLOW_INTERVAL;
}

const timingFields = {
  frequency: z.enum(['DAILY', 'WEEKLY', 'MONTHLY', 'INTERVAL']),
  hour: z.coerce.number().int().min(0).max(23),
  minute: z.coerce.number().int().min(0).max(59),
  dayOfWeek: z.coerce.number().int().min(0).max(6),
  /** At most 28, so the day exists in every month. */
  dayOfMonth: z.coerce.number().int().min(1).max(28, 'Pick a day from 1 to 28 (every month has it).'),
  intervalSeconds: z.coerce.number().int().min(1).max(24 * 3600).nullable(),
  scoreDropThreshold: z.coerce.number().int().min(0).max(100),
  enabled: z.boolean(),
};

export const createScheduleInput = z.object({
  /** The start URL; or siteId, for a schedule made on a site's page (its origin + start path). */
  url: httpUrl.optional(),
  siteId: z.string().min(1).max(64).optional(),
  frequency: timingFields.frequency,
  hour: timingFields.hour.default(3),
  minute: timingFields.minute.default(0),
  dayOfWeek: timingFields.dayOfWeek.default(1),
  dayOfMonth: timingFields.dayOfMonth.default(1),
  intervalSeconds: timingFields.intervalSeconds.optional(),
  scoreDropThreshold: timingFields.scoreDropThreshold.default(5),
  enabled: timingFields.enabled.default(true),
  /** The audit's settings, the one schema every audit uses; defaults filled in. */
  options: auditSettingsSchema.default(auditSettingsSchema.parse({})),
}).refine((v) => v.url || v.siteId, { message: 'url: enter the URL of the site to re-audit.', path: ['url'] });
export type CreateScheduleInput = z.output<typeof createScheduleInput>;

export const updateScheduleInput = z.object({
  url: httpUrl.optional(),
  frequency: timingFields.frequency.optional(),
  hour: timingFields.hour.optional(),
  minute: timingFields.minute.optional(),
  dayOfWeek: timingFields.dayOfWeek.optional(),
  dayOfMonth: timingFields.dayOfMonth.optional(),
  intervalSeconds: timingFields.intervalSeconds.optional(),
  scoreDropThreshold: timingFields.scoreDropThreshold.optional(),
  enabled: timingFields.enabled.optional(),
  options: auditSettingsSchema.optional(),
});
export type UpdateScheduleInput = z.output<typeof updateScheduleInput>;

function assertTiming(t: { frequency: Schedule['frequency']; intervalSeconds: number | null }) {
  if (t.frequency !== 'INTERVAL') return;
  if (!intervalAllowed()) throw new AppError('BAD_REQUEST', 'Schedules run daily, weekly or monthly (short intervals are for tests only).');
  if (!t.intervalSeconds) throw new AppError('BAD_REQUEST', 'intervalSeconds: an INTERVAL schedule needs a number of seconds.');
}

/** The stored options, read through the one schema (rows written before a new setting get its default). */
export function readScheduleOptions(raw: unknown): AuditSettings {
  const parsed = auditSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : auditSettingsSchema.parse({});
}

export function schedulerId(scheduleId: string): string {
  return `${SCHEDULER_PREFIX}${scheduleId}`;
}

/**
 * Makes Redis match one row: a scheduler when enabled, none otherwise. False when Redis could not be
 * reached; the row is saved anyway and the next worker start reconciles.
 */
export async function syncScheduler(schedule: Schedule): Promise<boolean> {
  try {
    const queue = await getQueue('maintenance');
    if (schedule.enabled) {
      await withTimeout(
        queue.upsertJobScheduler(schedulerId(schedule.id), toRepeatOptions(schedule), {
          name: 'schedule.run',
          data: { scheduleId: schedule.id },
          opts: jobOptionsFor('schedule.run'),
        }),
        REDIS_TIMEOUT_MS,
        'schedule upsert',
      );
    } else {
      await withTimeout(queue.removeJobScheduler(schedulerId(schedule.id)), REDIS_TIMEOUT_MS, 'schedule removal');
    }
    return true;
  } catch (err) {
    logger.warn({ err, scheduleId: schedule.id }, 'schedule saved but its job scheduler could not be synced; the worker reconciles on start');
    return false;
  }
}

export function toScheduleView(s: Schedule, synced?: boolean) {
  return {
    id: s.id,
    siteId: s.siteId,
    url: s.url,
    frequency: s.frequency,
    hour: s.hour,
    minute: s.minute,
    dayOfWeek: s.dayOfWeek,
    dayOfMonth: s.dayOfMonth,
    intervalSeconds: s.intervalSeconds,
    scoreDropThreshold: s.scoreDropThreshold,
    enabled: s.enabled,
    options: readScheduleOptions(s.options),
    description: describeTiming(s),
    nextRunAt: s.enabled ? nextRunAt(s, new Date(), s.lastRunAt).toISOString() : null,
    lastRunAt: s.lastRunAt?.toISOString() ?? null,
    lastAuditId: s.lastAuditId,
    createdAt: s.createdAt.toISOString(),
    ...(synced === false ? { warning: 'Saved, but the job queue is unreachable: the schedule starts running when the worker reconnects.' } : {}),
  };
}
export type ScheduleView = ReturnType<typeof toScheduleView>;

/** The user's own site and the URL its audits start from: by id (site page) or by URL (created on first use). */
async function resolveSite(user: Pick<CurrentUser, 'id'>, input: { url?: string; siteId?: string }): Promise<{ siteId: string; url: string }> {
  if (input.siteId) {
    const site = await db.site.findFirst({ where: { id: input.siteId, userId: user.id } });
    if (!site) throw new AppError('NOT_FOUND', 'Site not found.');
    return { siteId: site.id, url: `${site.origin}${site.startPath}` };
  }
  const site = await findOrCreateSite(user.id, input.url!);
  return { siteId: site.id, url: input.url! };
}

export async function createSchedule(user: Pick<CurrentUser, 'id'>, input: CreateScheduleInput) {
  const intervalSeconds = input.intervalSeconds ?? null;
  assertTiming({ frequency: input.frequency, intervalSeconds });
  const count = await db.schedule.count({ where: { userId: user.id } });
  if (count >= MAX_SCHEDULES_PER_USER) throw new AppError('CONFLICT', `At most ${MAX_SCHEDULES_PER_USER} schedules per account.`);
  const { siteId, url } = await resolveSite(user, input);
  const schedule = await db.schedule.create({ data: { ...input, siteId, url, intervalSeconds, userId: user.id } });
  return toScheduleView(schedule, await syncScheduler(schedule));
}

/** 404 for someone else's schedule, so ids cannot be probed. */
export async function getScheduleForUser(id: string, user: Pick<CurrentUser, 'id'>) {
  const schedule = await db.schedule.findFirst({ where: { id, userId: user.id } });
  if (!schedule) throw new AppError('NOT_FOUND', 'Schedule not found.');
  return schedule;
}

export async function listSchedules(userId: string, filter: { siteId?: string } = {}) {
  const rows = await db.schedule.findMany({ where: { userId, ...filter }, orderBy: { createdAt: 'asc' } });
  return rows.map((s) => toScheduleView(s));
}

export async function updateSchedule(id: string, user: Pick<CurrentUser, 'id'>, input: UpdateScheduleInput) {
  const current = await getScheduleForUser(id, user);
  const frequency = input.frequency ?? current.frequency;
  const intervalSeconds = input.intervalSeconds !== undefined ? input.intervalSeconds : current.intervalSeconds;
  assertTiming({ frequency, intervalSeconds });
  // A new URL may be another site: the schedule follows it.
  const site = input.url && input.url !== current.url ? await resolveSite(user, { url: input.url }) : null;
  const schedule = await db.schedule.update({ where: { id: current.id }, data: { ...input, intervalSeconds, ...(site ? { siteId: site.siteId } : {}) } });
  return toScheduleView(schedule, await syncScheduler(schedule));
}

export async function deleteSchedule(id: string, user: Pick<CurrentUser, 'id'>) {
  const current = await getScheduleForUser(id, user);
  await db.schedule.delete({ where: { id: current.id } });
  await syncScheduler({ ...current, enabled: false });
  return { id, deleted: true };
}

/**
 * Redis made to match PostgreSQL: a scheduler for every enabled schedule (upsert keeps an unchanged
 * one's next run), none for a schedule that is gone or paused.
 */
export async function reconcileSchedules(): Promise<{ upserted: number; removed: number }> {
  const queue = await getQueue('maintenance');
  const enabled = await db.schedule.findMany({ where: { enabled: true } });
  const wanted = new Set(enabled.map((s) => schedulerId(s.id)));
  for (const schedule of enabled) {
    await queue.upsertJobScheduler(schedulerId(schedule.id), toRepeatOptions(schedule), {
      name: 'schedule.run',
      data: { scheduleId: schedule.id },
      opts: jobOptionsFor('schedule.run'),
    });
  }
  let removed = 0;
  const existing = await queue.getJobSchedulers(0, -1);
  for (const scheduler of existing) {
    if (scheduler.key.startsWith(SCHEDULER_PREFIX) && !wanted.has(scheduler.key)) {
      await queue.removeJobScheduler(scheduler.key);
      removed++;
    }
  }
  return { upserted: enabled.length, removed };
}
