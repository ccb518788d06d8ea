import { QUEUE_NAMES } from '@/lib/queue/jobs';
import { sweepDeadLetters } from '@/lib/queue/dead-letters';
import type { Processor } from '@/worker/processor';

export const sweepDeadLettersProcessor: Processor<'maintenance.sweep-dead-letters'> = async (_payload, ctx) => {
  let added = 0;
  for (const name of QUEUE_NAMES) added += await sweepDeadLetters(await ctx.queue(name));
  return { added };
};
