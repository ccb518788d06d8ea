import type { Redis } from 'ioredis';
import { updateAuditProgress } from '@/lib/audits/audit-lifecycle';
import { createProgressReporter, type ReporterInitialState } from '@/lib/progress/progress-reporter';

/** The progress reporter of one audit, mirroring its counters to the audit row in PostgreSQL. */
export function createAuditReporter(redis: Redis | null, initial: ReporterInitialState) {
  return createProgressReporter(redis, initial, updateAuditProgress);
}
