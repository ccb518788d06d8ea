import { checkQueueHealth } from '@/lib/maintenance/queue-alerts';
import type { Processor } from '@/worker/processor';

export const queueHealthProcessor: Processor<'maintenance.queue-health'> = async () => checkQueueHealth();
