import type { JobName } from '@/lib/queue/jobs';
import type { Processor } from '@/worker/processor';
import { maintenanceCleanup } from '@/worker/processors/maintenance-cleanup';
import { sweepDeadLettersProcessor } from '@/worker/processors/sweep-dead-letters';

// A job in the registry without a processor here is a compile error.
export const processors = {
  'maintenance.cleanup': maintenanceCleanup,
  'maintenance.sweep-dead-letters': sweepDeadLettersProcessor,
} satisfies { [N in JobName]: Processor<N> };
