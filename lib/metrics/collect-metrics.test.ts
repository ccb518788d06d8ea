import { beforeEach, describe, expect, it, vi } from 'vitest';
import { POOL_NAMES } from '@/lib/queue/pools';
import { queueCounts, unreadableQueues } from '@/test/metrics-without-services';
import { collectMetrics } from '@/lib/metrics/collect-metrics';

vi.mock('@/lib/queue/queues', async () => (await import('@/test/metrics-without-services')).fakeQueues);
vi.mock('@/lib/db', async () => (await import('@/test/metrics-without-services')).fakeDb);
vi.mock('@/lib/maintenance/daily-aggregates', async () => (await import('@/test/metrics-without-services')).fakeDailyAggregates);

/** Samples of one metric family from the exposition: label text → value. */
function samplesOf(body: string, name: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of body.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (m && m[1] === name) samples.set(m[2] ?? '', Number(m[3]));
  }
  return samples;
}

describe('ro_pool_backlog', () => {
  beforeEach(() => {
    for (const k of Object.keys(queueCounts)) delete queueCounts[k];
    unreadableQueues.clear();
  });

  it('is waiting + prioritized per pool, leaving out delayed, active and waiting-children jobs', async () => {
    queueCounts.crawl = { waiting: 2, prioritized: 40, delayed: 7, active: 4, 'waiting-children': 3, completed: 100, failed: 5 };
    queueCounts.reports = { prioritized: 3 };
    const { body } = await collectMetrics();
    expect(body).toMatch(/^# TYPE ro_pool_backlog gauge$/m);
    const backlog = samplesOf(body, 'ro_pool_backlog');
    expect(backlog.get('{pool="crawl"}')).toBe(42);
    expect(backlog.get('{pool="reports"}')).toBe(3);
    expect(backlog.get('{pool="analysis"}')).toBe(0);
    expect([...backlog.keys()].sort()).toEqual(POOL_NAMES.map((p) => `{pool="${p}"}`).sort());
    // The per-state gauge it sums still reports every state.
    expect(samplesOf(body, 'ro_queue_jobs').get('{queue="crawl",state="delayed"}')).toBe(7);
  });

  it('has no sample for a pool whose queue cannot be read (a scaler holds instead of scaling to the minimum)', async () => {
    queueCounts.crawl = { waiting: 5 };
    queueCounts.analysis = { prioritized: 9 };
    await collectMetrics();
    unreadableQueues.add('crawl');
    const { body } = await collectMetrics();
    const backlog = samplesOf(body, 'ro_pool_backlog');
    expect(backlog.has('{pool="crawl"}')).toBe(false);
    expect(backlog.get('{pool="analysis"}')).toBe(9);
    expect(samplesOf(body, 'ro_queue_up').get('{queue="crawl"}')).toBe(0);
  });
});
