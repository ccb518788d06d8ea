import { describe, expect, it } from 'vitest';
import { describeTiming, nextRunAt, toRepeatOptions, type ScheduleTiming } from '@/lib/schedules/schedule-cron';

const base: ScheduleTiming = { frequency: 'DAILY', hour: 3, minute: 30, dayOfWeek: 1, dayOfMonth: 15, intervalSeconds: null };

describe('schedule → BullMQ repeat options', () => {
  it('maps daily, weekly and monthly to UTC cron patterns', () => {
    expect(toRepeatOptions(base)).toEqual({ pattern: '30 3 * * *', tz: 'UTC' });
    expect(toRepeatOptions({ ...base, frequency: 'WEEKLY', dayOfWeek: 0 })).toEqual({ pattern: '30 3 * * 0', tz: 'UTC' });
    expect(toRepeatOptions({ ...base, frequency: 'MONTHLY' })).toEqual({ pattern: '30 3 15 * *', tz: 'UTC' });
  });

  it('maps the test interval to `every` in milliseconds, and refuses one without seconds', () => {
    expect(toRepeatOptions({ ...base, frequency: 'INTERVAL', intervalSeconds: 2 })).toEqual({ every: 2_000 });
    expect(() => toRepeatOptions({ ...base, frequency: 'INTERVAL' })).toThrow(/intervalSeconds/);
  });

  it('describes the calendar in words', () => {
    expect(describeTiming({ ...base, frequency: 'WEEKLY', dayOfWeek: 2 })).toBe('Every Tuesday at 03:30 UTC');
  });
});

describe('next run', () => {
  // Wednesday 2026-12-02 10:00 UTC
  const from = new Date(Date.UTC(2026, 11, 2, 10, 0));

  it('daily: today if the time is still ahead, else tomorrow', () => {
    expect(nextRunAt({ ...base, hour: 12 }, from).toISOString()).toBe('2026-12-02T12:30:00.000Z');
    expect(nextRunAt(base, from).toISOString()).toBe('2026-12-03T03:30:00.000Z');
  });

  it('weekly: the next chosen weekday', () => {
    expect(nextRunAt({ ...base, frequency: 'WEEKLY', dayOfWeek: 1 }, from).toISOString()).toBe('2026-12-07T03:30:00.000Z');
    expect(nextRunAt({ ...base, frequency: 'WEEKLY', dayOfWeek: 3, hour: 9 }, from).toISOString()).toBe('2026-12-09T09:30:00.000Z');
    expect(nextRunAt({ ...base, frequency: 'WEEKLY', dayOfWeek: 3, hour: 11 }, from).toISOString()).toBe('2026-12-02T11:30:00.000Z');
  });

  it('monthly: this month if the day is still ahead, else next month (across the year end)', () => {
    expect(nextRunAt({ ...base, frequency: 'MONTHLY' }, from).toISOString()).toBe('2026-12-15T03:30:00.000Z');
    expect(nextRunAt({ ...base, frequency: 'MONTHLY', dayOfMonth: 1 }, from).toISOString()).toBe('2027-01-01T03:30:00.000Z');
  });

  it('interval: one interval after the last run', () => {
    const t = { ...base, frequency: 'INTERVAL' as const, intervalSeconds: 60 };
    expect(nextRunAt(t, from, new Date(from.getTime() - 30_000)).toISOString()).toBe('2026-12-02T10:00:30.000Z');
    expect(nextRunAt(t, from).toISOString()).toBe('2026-12-02T10:01:00.000Z');
  });
});
