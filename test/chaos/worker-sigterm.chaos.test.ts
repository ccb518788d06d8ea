import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { auditFinished, pageCounts, report, startOwnRedis } from '@/test/chaos/chaos-helpers';
import { startFixtureSite } from '@/test/fixture-site';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { waitFor } from '@/test/wait-for';

// Fault 4: SIGTERM (a deploy, a scale-down) while a worker is mid-audit. The worker stops taking jobs,
// gives the running audit its grace period, then aborts it: the audit saves what it has and goes back
// to the queue, the process exits cleanly within the grace period, and another worker completes it.
const redis = await startOwnRedis();
process.env.REDIS_URL = redis.url;
process.env.QUEUE_PREFIX = `ro-chaos-term-${randomUUID().slice(0, 8)}`;

const { db } = await import('@/lib/db');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { startAuditInput } = await import('@/lib/audits/audit-input');
const { closeQueues, getQueue } = await import('@/lib/queue/queues');

const PAGES = 150;
const GRACE_S = 2;
const site = await startFixtureSite({ pages: PAGES, latencyMs: 100 });
const workerEnv = { REDIS_URL: redis.url, QUEUE_PREFIX: process.env.QUEUE_PREFIX, ALLOWED_PRIVATE_HOSTS: '127.0.0.1', WORKER_SHUTDOWN_TIMEOUT_S: String(GRACE_S) };

afterAll(async () => {
  await closeQueues();
  await db.$disconnect();
  await site.close();
  await redis.destroy();
});

describe('SIGTERM mid-audit', () => {
  it('hands the audit back within the grace period and exits 0; the next worker completes it, every page once', async () => {
    const user = await db.user.create({ data: { email: `chaos-term-${randomUUID()}@example.com` } });
    const first = await spawnWorker(workerEnv);
    let second: Awaited<ReturnType<typeof spawnWorker>> | undefined;
    try {
      const audit = await startProfessionalAudit(
        startAuditInput.parse({ url: `${site.url}/gen/1`, maxPages: PAGES + 50, maxDepth: 50, renderMode: 'never', pageTimeoutMs: 5_000, include: ['/gen/*'] }),
        { id: user.id, role: 'USER' },
      );
      await waitFor(async () => (await db.audit.findUniqueOrThrow({ where: { id: audit.id } })).pagesDone >= 20, 60_000, '20 pages');

      const termAt = Date.now();
      const code = await stopWorker(first, 'SIGTERM');
      const stopMs = Date.now() - termAt;
      report('SIGTERM mid-audit: worker exited after', (stopMs / 1000).toFixed(1), `s (grace ${GRACE_S} s)`);
      expect(code).toBe(0);
      // The grace period, plus the time to save the pages in hand and close connections.
      expect(stopMs).toBeLessThan((GRACE_S + 5) * 1000);
      expect(first.logs.join('')).not.toMatch(/forcing exit/);

      // Handed back, not lost: the job waits for its retry, the pages saved so far are kept.
      const job = (await (await getQueue('crawl')).getJob(`audit-${audit.id}`))!;
      expect(['delayed', 'waiting', 'prioritized']).toContain(await job.getState());
      expect(job.failedReason).toMatch(/shut down mid-audit/);
      const pagesAtStop = (await pageCounts(db, audit.id)).pages;
      expect(pagesAtStop).toBeGreaterThanOrEqual(20);
      expect(pagesAtStop).toBeLessThan(PAGES);

      second = await spawnWorker(workerEnv);
      const done = await auditFinished(db, audit.id, 90_000);
      report('SIGTERM mid-audit: SIGTERM → audit completed by the next worker', ((Date.now() - termAt) / 1000).toFixed(1), 's');
      expect(done.status, String(done.error)).toBe('COMPLETED');
      expect(await pageCounts(db, audit.id)).toEqual({ pages: PAGES, distinct: PAGES });
    } finally {
      await stopWorker(first, 'SIGKILL');
      if (second) await stopWorker(second);
    }
  });
});
