import type { ScheduleFrequency } from '@/lib/generated/prisma/enums';

// A schedule's calendar as BullMQ repeat options (cron in UTC) and its next run, computed here so
// the page can show it without asking Redis.

export type ScheduleTiming = {
  frequency: ScheduleFrequency;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  dayOfWeek: number;
  /** 1-28. */
  dayOfMonth: number;
  intervalSeconds: number | null;
};

export type RepeatOptions = { pattern: string; tz: 'UTC' } | { every: number };

/** Cron fields: minute hour day-of-month month day-of-week. */
export function toRepeatOptions(t: ScheduleTiming): RepeatOptions {
  switch (t.frequency) {
    case 'DAILY':
      return { pattern: `${t.minute} ${t.hour} * * *`, tz: 'UTC' };
    case 'WEEKLY':
      return { pattern: `${t.minute} ${t.hour} * * ${t.dayOfWeek}`, tz: 'UTC' };
    case 'MONTHLY':
      return { pattern: `${t.minute} ${t.hour} ${t.dayOfMonth} * *`, tz: 'UTC' };
    case 'INTERVAL':
      if (!t.intervalSeconds) throw new Error('An INTERVAL schedule needs intervalSeconds.');
      return { every: t.intervalSeconds * 1000 };
  }
}

/** The first run strictly after `from` (UTC). INTERVAL: one interval after the last run (or `from`). */
export function nextRunAt(t: ScheduleTiming, from: Date, lastRunAt: Date | null = null): Date {
  if (t.frequency === 'INTERVAL') {
    const every = (t.intervalSeconds ?? 0) * 1000;
    const base = lastRunAt && lastRunAt.getTime() + every > from.getTime() ? lastRunAt : from;
    return new Date(base.getTime() + every);
  }
  const at = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d, t.hour, t.minute));
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth();
  const d = from.getUTCDate();
  if (t.frequency === 'MONTHLY') {
    const candidate = at(y, m, t.dayOfMonth);
    return candidate > from ? candidate : at(y, m + 1, t.dayOfMonth);
  }
  const step = t.frequency === 'DAILY' ? 1 : 7;
  let candidate = at(y, m, d);
  if (t.frequency === 'WEEKLY') candidate = at(y, m, d + ((t.dayOfWeek - from.getUTCDay() + 7) % 7));
  return candidate > from ? candidate : new Date(candidate.getTime() + step * 24 * 3600_000);
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function describeTiming(t: ScheduleTiming): string {
  const time = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')} UTC`;
  switch (t.frequency) {
    case 'DAILY':
      return `Every day at ${time}`;
    case 'WEEKLY':
      return `Every ${DAYS[t.dayOfWeek]} at ${time}`;
    case 'MONTHLY':
      return `On day ${t.dayOfMonth} of every month at ${time}`;
    case 'INTERVAL':
      return `Every ${t.intervalSeconds} seconds (test interval)`;
  }
}
