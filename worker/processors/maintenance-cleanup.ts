import { runCleanup } from '@/lib/maintenance/run-cleanup';
import type { Processor } from '@/worker/processor';

export const maintenanceCleanup: Processor<'maintenance.cleanup'> = async (payload) => runCleanup(payload);
