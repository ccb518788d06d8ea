import { finalizeBulk } from '@/lib/audits/run-bulk';
import { getProducerRedis } from '@/lib/queue/queues';
import type { Processor } from '@/worker/processor';

export const bulkFinalize: Processor<'bulk.finalize'> = async ({ auditId }) => {
  await finalizeBulk(auditId, { redis: await getProducerRedis() });
};
