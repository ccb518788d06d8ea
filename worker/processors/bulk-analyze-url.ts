import { analyzeBulkUrl } from '@/lib/audits/run-bulk';
import { getRenderPool } from '@/lib/fetch/shared-render-pool';
import { getProducerRedis } from '@/lib/queue/queues';
import type { Processor } from '@/worker/processor';

export const bulkAnalyzeUrl: Processor<'bulk.analyze-url'> = async ({ auditId, url }, ctx) => {
  await analyzeBulkUrl(auditId, url, { redis: await getProducerRedis(), render: (u) => getRenderPool().render(u), signal: ctx.signal });
};
