import { computeDailyAggregates } from '@/lib/maintenance/daily-aggregates';
import type { Processor } from '@/worker/processor';

export const dailyAggregatesProcessor: Processor<'maintenance.daily-aggregates'> = async () => {
  const { computed, final } = await computeDailyAggregates();
  return { computed: computed.length, final: final.length };
};
