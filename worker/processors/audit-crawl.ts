import { runAudit } from '@/lib/audits/run-audit';
import { getRenderPool } from '@/lib/fetch/shared-render-pool';
import { getProgressRedis } from '@/worker/progress-redis';
import type { Processor } from '@/worker/processor';

export const auditCrawl: Processor<'audit.crawl'> = async ({ auditId }, ctx) => {
  await runAudit(auditId, { redis: getProgressRedis(), render: (url) => getRenderPool().render(url), signal: ctx.signal });
};
