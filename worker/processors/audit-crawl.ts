import { runAudit } from '@/lib/audits/run-audit';
import { getRenderPool } from '@/lib/fetch/shared-render-pool';
import { getProducerRedis } from '@/lib/queue/queues';
import type { Processor } from '@/worker/processor';

export const auditCrawl: Processor<'audit.crawl'> = async ({ auditId }, ctx) => {
  await runAudit(auditId, { redis: await getProducerRedis(), render: (url, options) => getRenderPool().render(url, options), signal: ctx.signal });
};
