import { runSchedule } from '@/lib/schedules/run-schedule';
import type { Processor } from '@/worker/processor';

/** A schedule's firing: starts its re-audit (the crawl itself is its own 'audit.crawl' job). */
export const scheduleRun: Processor<'schedule.run'> = async ({ scheduleId }) => runSchedule(scheduleId);
