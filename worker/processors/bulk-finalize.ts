import { finalizeBulk } from '@/lib/audits/run-bulk';
import { getProgressRedis } from '@/worker/progress-redis';
import type { Processor } from '@/worker/processor';

export const bulkFinalize: Processor<'bulk.finalize'> = async ({ auditId }) => {
  await finalizeBulk(auditId, { redis: getProgressRedis() });
};
