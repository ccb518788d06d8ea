// Stand-ins for what lib/metrics/collect-metrics.ts reads (BullMQ queues, PostgreSQL), so a unit test
// can render the real /api/metrics exposition without Redis or a database. Used from vi.mock factories:
//   vi.mock('@/lib/queue/queues', async () => (await import('@/test/metrics-without-services')).fakeQueues);
// Job counts per queue come from `queueCounts`; a queue listed in `unreadableQueues` fails as Redis would.

export const queueCounts: Record<string, Record<string, number>> = {};
export const unreadableQueues = new Set<string>();

export const fakeQueues = {
  getQueue: async (name: string) => ({
    getJobCounts: async (...states: string[]) => {
      if (unreadableQueues.has(name)) throw new Error(`${name}: Redis unreachable (fake)`);
      return Object.fromEntries(states.map((s) => [s, queueCounts[name]?.[s] ?? 0]));
    },
  }),
  // The finished-jobs harvest is skipped, as when Redis is down (collectMetrics logs and goes on).
  getProducerRedis: async () => {
    throw new Error('no Redis in a unit test');
  },
};

export const fakeDb = {
  db: {
    deadLetter: { count: async () => 0 },
    audit: { groupBy: async () => [] },
    queueAlert: { groupBy: async () => [] },
    page: { count: async () => 0 },
  },
};

export const fakeDailyAggregates = { sumPagesCrawledBefore: async () => 0 };
