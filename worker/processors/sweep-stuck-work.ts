import { sweepStuckWork, type JobState, type StuckWork } from '@/lib/maintenance/stuck-work';
import { enqueue } from '@/lib/queue/enqueue';
import { jobs } from '@/lib/queue/jobs';
import type { Processor } from '@/worker/processor';

// The job ids producers give each kind of work; a re-queue gets the "-requeued" one (only ever one).
const jobIdOf = (work: StuckWork, requeued = work.requeued) => `${work.kind === 'audit' ? 'audit' : work.kind === 'bulk' ? 'bulk' : 'report'}-${work.id}${requeued ? '-requeued' : ''}`;

export const sweepStuckWorkProcessor: Processor<'maintenance.sweep-stuck-work'> = async (_payload, ctx) => {
  const result = await sweepStuckWork({
    jobState: async (work) => {
      const queue = await ctx.queue(jobs[work.kind === 'audit' ? 'audit.crawl' : work.kind === 'bulk' ? 'bulk.finalize' : 'report.generate'].queue);
      const job = await queue.getJob(jobIdOf(work));
      return job ? ((await job.getState()) as JobState) : null;
    },
    requeue: async (work) => {
      const jobId = jobIdOf(work, true);
      if (work.kind === 'audit') await enqueue('audit.crawl', { auditId: work.id }, { jobId });
      else if (work.kind === 'bulk') await enqueue('bulk.finalize', { auditId: work.id }, { jobId });
      else await enqueue('report.generate', { reportId: work.id }, { jobId });
    },
  });
  return { requeued: result.requeued.length, failed: result.failed.length, stillQueued: result.stillQueued };
};
