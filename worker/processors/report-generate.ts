import { generateReport } from '@/lib/reports/generate-report';
import { getProducerRedis } from '@/lib/queue/queues';
import type { Processor } from '@/worker/processor';

export const reportGenerate: Processor<'report.generate'> = async ({ reportId }, ctx) => {
  // attemptsMade counts the attempts that already failed: this one is the last when it reaches the limit.
  const finalAttempt = ctx.job.attemptsMade + 1 >= (ctx.job.opts.attempts ?? 1);
  // Progress is best effort: a report is still written when its events cannot be published.
  const redis = await getProducerRedis().catch(() => null);
  const result = await generateReport(reportId, { redis, signal: ctx.signal, finalAttempt });
  return result ? { reportId, sizeBytes: result.sizeBytes, rows: result.rows } : { reportId, skipped: true };
};
