import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { auditFinished, pageCounts, report, startOwnRedis } from '@/test/chaos/chaos-helpers';
import { startFlakyProxy } from '@/test/chaos/flaky-proxy';
import { startFixtureSite } from '@/test/fixture-site';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';

// Fault 7: 1 % of page fetches fail at random (503 or a connection reset). The crawler's retries
// absorb them: the failure rate after retries is printed and stays under 1 %, and every page that
// met a fault is stored as fetched fine on a later try.
const redis = await startOwnRedis();
process.env.REDIS_URL = redis.url;
process.env.QUEUE_PREFIX = `ro-chaos-flaky-${randomUUID().slice(0, 8)}`;

const { db } = await import('@/lib/db');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { startAuditInput } = await import('@/lib/audits/audit-input');
const { closeQueues } = await import('@/lib/queue/queues');

const PAGES = 200;
const site = await startFixtureSite({ pages: PAGES });
// Seed 7 puts three faults of both kinds among the first 140 requests, so every run meets some.
const flaky = await startFlakyProxy(site.url, { rate: 0.01, seed: 7, paths: /^\/gen\// });

afterAll(async () => {
  await closeQueues();
  await db.$disconnect();
  await flaky.close();
  await site.close();
  await redis.destroy();
});

describe('1 % of page fetches failing at random', () => {
  it('after retries, fewer than 1 % of pages fail, and every page that met a fault is stored fine', async () => {
    const worker = await spawnWorker({ REDIS_URL: redis.url, QUEUE_PREFIX: process.env.QUEUE_PREFIX!, ALLOWED_PRIVATE_HOSTS: '127.0.0.1' });
    try {
      const user = await db.user.create({ data: { email: `chaos-flaky-${randomUUID()}@example.com` } });
      const audit = await startProfessionalAudit(
        startAuditInput.parse({ url: `${flaky.url}/gen/1`, maxPages: PAGES + 50, maxDepth: 50, renderMode: 'never', pageTimeoutMs: 5_000, include: ['/gen/*'] }),
        { id: user.id, role: 'USER' },
      );
      const done = await auditFinished(db, audit.id, 120_000);
      const failedPages = await db.page.findMany({ where: { auditId: audit.id, error: { not: null } }, select: { url: true, error: true } });
      const rate = failedPages.length / PAGES;
      report('flaky fetches: faults injected', `${flaky.faults.length} of ${flaky.eligible} requests (${flaky.faults.map((f) => `${f.kind} ${f.path}`).join(', ')})`);
      report('flaky fetches: pages failed after retries', `${failedPages.length} of ${PAGES} = ${(rate * 100).toFixed(2)} %`);

      expect(flaky.faults.length).toBeGreaterThanOrEqual(3);
      expect(rate).toBeLessThan(0.01);
      expect(await pageCounts(db, audit.id)).toEqual({ pages: PAGES, distinct: PAGES });
      const stored = await db.page.findMany({ where: { auditId: audit.id, url: { in: flaky.faults.map((f) => `${flaky.url}${f.path}`) } }, select: { url: true, status: true, error: true }, orderBy: { url: 'asc' } });
      // Sorted the same way on both sides (JS string order; the database's collation may differ).
      expect(stored.map((p) => ({ url: p.url, status: p.status, error: p.error })).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))).toEqual(
        [...new Set(flaky.faults.map((f) => `${flaky.url}${f.path}`))].sort().map((url) => ({ url, status: 200, error: null })),
      );
      expect(done.status, String(done.error)).toBe('COMPLETED');
    } finally {
      await stopWorker(worker);
    }
  });
});
