import { analyzeBulkUrl } from '@/lib/audits/run-bulk';
import { getRenderPool } from '@/lib/fetch/shared-render-pool';
import { getProgressRedis } from '@/worker/progress-redis';
import type { Processor } from '@/worker/processor';

export const bulkAnalyzeUrl: Processor<'bulk.analyze-url'> = async ({ auditId, url }, ctx) => {
  await analyzeBulkUrl(auditId, url, { redis: getProgressRedis(), render: (u) => getRenderPool().render(u), signal: ctx.signal });
};
