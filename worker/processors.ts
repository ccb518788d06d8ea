import type { JobName } from '@/lib/queue/jobs';
import type { Processor } from '@/worker/processor';
import { auditCrawl } from '@/worker/processors/audit-crawl';
import { bulkAnalyzeUrl } from '@/worker/processors/bulk-analyze-url';
import { bulkFinalize } from '@/worker/processors/bulk-finalize';
import { maintenanceCleanup } from '@/worker/processors/maintenance-cleanup';
import { reportGenerate } from '@/worker/processors/report-generate';
import { sweepDeadLettersProcessor } from '@/worker/processors/sweep-dead-letters';

// A job in the registry without a processor here is a compile error.
export const processors = {
  'audit.crawl': auditCrawl,
  'bulk.analyze-url': bulkAnalyzeUrl,
  'bulk.finalize': bulkFinalize,
  'report.generate': reportGenerate,
  'maintenance.cleanup': maintenanceCleanup,
  'maintenance.sweep-dead-letters': sweepDeadLettersProcessor,
} satisfies { [N in JobName]: Processor<N> };
