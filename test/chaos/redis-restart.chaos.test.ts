import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { mockSession } from '@/test/mock-session';
import { auditFinished, pageCounts, report, startOwnRedis } from '@/test/chaos/chaos-helpers';
import { startFixtureSite } from '@/test/fixture-site';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { waitFor } from '@/test/wait-for';

// Fault 2: Redis crashes and restarts (AOF, as production runs it) while a worker crawls. The audit
// in flight completes with every page once; POST /api/audits answers at once meanwhile, falling back
// to an in-process run ("sync"); once Redis is back, new audits are queued again and complete.
const redis = await startOwnRedis();
process.env.REDIS_URL = redis.url;
process.env.QUEUE_PREFIX = `ro-chaos-redis-${randomUUID().slice(0, 8)}`;

// The route is called as Next calls it; only the session is mocked.
const session = mockSession();

const { db } = await import('@/lib/db');
const auditsRoute = await import('@/app/api/audits/route');
const { updateFlag } = await import('@/lib/flags/flags');
const { producerBreaker } = await import('@/lib/queue/enqueue');
const { inProcessRunner } = await import('@/lib/queue/in-process-runner');
const { closeQueues, getProducerRedis } = await import('@/lib/queue/queues');
const { closeRenderPool } = await import('@/lib/fetch/shared-render-pool');

const PAGES = 100;
const site = await startFixtureSite({ pages: PAGES, latencyMs: 60 });
const OUTAGE_MS = 4_000;

afterAll(async () => {
  await inProcessRunner.idle();
  await closeQueues();
  await closeRenderPool();
  await db.$disconnect();
  await site.close();
  await redis.destroy();
});

async function postAudit(maxPages: number) {
  const started = performance.now();
  const res = await auditsRoute.POST(
    new Request('http://127.0.0.1/api/audits', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${site.url}/gen/1`, maxPages, maxDepth: 50, renderMode: 'never', pageTimeoutMs: 5_000, include: ['/gen/*'] }),
    }),
    { params: Promise.resolve({}) },
  );
  return { res, ms: performance.now() - started, body: (await res.json()) as { id: string; mode: 'sync' | 'async' } };
}

describe('Redis restarted mid-audit', () => {
  it('loses nothing: the running audit completes, POST answers at once meanwhile (sync), and queues again after', async () => {
    const user = await db.user.create({ data: { email: `chaos-redis-${randomUUID()}@example.com` } });
    session.user = { id: user.id, email: user.email, role: 'USER' };
    await updateFlag('professional-audit', { enabled: true, mode: 'async', rolloutPercent: 100 }, null);
    const worker = await spawnWorker({ REDIS_URL: redis.url, QUEUE_PREFIX: process.env.QUEUE_PREFIX!, ALLOWED_PRIVATE_HOSTS: '127.0.0.1' });
    try {
      const running = await postAudit(PAGES + 50);
      expect(running.res.status).toBe(202);
      expect(running.body.mode).toBe('async');
      await waitFor(async () => (await db.audit.findUniqueOrThrow({ where: { id: running.body.id } })).pagesDone >= 20, 60_000, '20 pages');

      await redis.kill();
      const downAt = Date.now();
      // Mid-audit: the crawl was still going when Redis died.
      expect((await db.audit.findUniqueOrThrow({ where: { id: running.body.id } })).status).toBe('RUNNING');
      const during = await postAudit(20);
      report('Redis down: POST /api/audits answered in', Math.round(during.ms), 'ms');
      expect(during.res.status).toBe(202);
      expect(during.body.mode).toBe('sync');
      expect(during.ms).toBeLessThan(5_000);

      await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));
      await redis.start();
      report('Redis outage', ((Date.now() - downAt) / 1000).toFixed(1), 's');

      // The producer reconnects and its breaker lets a trial through: the next audit is queued.
      await waitFor(async () => (await getProducerRedis().catch(() => null))?.status === 'ready', 15_000, 'the producer to reconnect');
      await waitFor(async () => producerBreaker.state !== 'open', 15_000, 'the breaker to allow a trial');
      const after = await postAudit(20);
      expect(after.body.mode).toBe('async');

      for (const [audit, pages] of [[running, PAGES], [during, 20], [after, 20]] as const) {
        const done = await auditFinished(db, audit.body.id, 90_000);
        report(`Redis restart: ${audit.body.mode} audit of ${pages} pages finished, s after the restart`, ((Date.now() - downAt) / 1000).toFixed(1));
        expect(done.status, `${audit.body.mode} audit ${done.id}: ${done.error}`).toBe('COMPLETED');
        expect(await pageCounts(db, audit.body.id)).toEqual({ pages, distinct: pages });
      }
      expect(worker.logs.join('')).not.toMatch(/"job stalled/);
    } finally {
      await stopWorker(worker);
    }
  });
});
