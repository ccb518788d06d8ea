import { withTimeout } from '@/lib/queue/connection';
import { QUEUE_NAMES, type QueueName } from '@/lib/queue/jobs';
import { getQueue } from '@/lib/queue/queues';

export type QueueStats = { name: QueueName; counts: Record<string, number> | null; error?: string };

export async function getQueueStats(): Promise<QueueStats[]> {
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      try {
        const counts = await withTimeout(
          (await getQueue(name)).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'),
          2_000,
          'queue stats',
        );
        return { name, counts };
      } catch (err) {
        return { name, counts: null, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}
