import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { auditFinished, freePortIn, pageCounts, PROXY_PORTS, report, startOwnRedis } from '@/test/chaos/chaos-helpers';
import { startFixtureSite } from '@/test/fixture-site';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { startTcpProxy } from '@/test/tcp-proxy';
import { waitFor } from '@/test/wait-for';

// Fault 3: PostgreSQL becomes unreachable for the worker mid-audit (a TCP proxy in front of the real
// server is cut, then restored; the real PostgreSQL is never touched). The job fails, BullMQ retries
// it with backoff, and the retry resumes from what was saved: the audit completes, every page once.
const redis = await startOwnRedis();
process.env.REDIS_URL = redis.url;
process.env.QUEUE_PREFIX = `ro-chaos-pg-${randomUUID().slice(0, 8)}`;

const { db } = await import('@/lib/db');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { startAuditInput } = await import('@/lib/audits/audit-input');
const { closeQueues, getQueue } = await import('@/lib/queue/queues');

const PAGES = 100;
const OUTAGE_MS = 6_000;
const site = await startFixtureSite({ pages: PAGES, latencyMs: 60 });
const dbUrl = new URL(process.env.DATABASE_URL!);
const proxy = await startTcpProxy({ host: dbUrl.hostname, port: Number(dbUrl.port || 5432) }, await freePortIn(...PROXY_PORTS));
const proxiedUrl = Object.assign(new URL(dbUrl.href), { port: String(proxy.port) }).href;

afterAll(async () => {
  await closeQueues();
  await db.$disconnect();
  await proxy.close();
  await site.close();
  await redis.destroy();
});

describe('PostgreSQL unreachable for a while', () => {
  // It once failed in CI: an analysis thread stopped for the aborted attempt still sent its result,
  // Piscina emitted 'error' with no listener and the whole worker died (lib/audits/analysis-pool.ts).
  it('the worker retries the audit after the outage and completes it, every page once', async () => {
    const user = await db.user.create({ data: { email: `chaos-pg-${randomUUID()}@example.com` } });
    const worker = await spawnWorker({ REDIS_URL: redis.url, QUEUE_PREFIX: process.env.QUEUE_PREFIX!, ALLOWED_PRIVATE_HOSTS: '127.0.0.1', DATABASE_URL: proxiedUrl });
    try {
      const audit = await startProfessionalAudit(
        startAuditInput.parse({ url: `${site.url}/gen/1`, maxPages: PAGES + 50, maxDepth: 50, renderMode: 'never', pageTimeoutMs: 5_000, include: ['/gen/*'] }),
        { id: user.id, role: 'USER' },
      );
      expect(audit.mode).toBe('async');
      await waitFor(async () => (await db.audit.findUniqueOrThrow({ where: { id: audit.id } })).pagesDone >= 20, 60_000, '20 pages');

      await proxy.cut();
      const cutAt = Date.now();
      const pagesAtCut = (await pageCounts(db, audit.id)).pages;
      const job = (await (await getQueue('crawl')).getJob(`audit-${audit.id}`))!;
      // The crawl cannot save its pages: the attempt fails and goes back to the queue with a backoff.
      await waitFor(async () => (await job.getState()) === 'delayed', OUTAGE_MS * 3, 'the failed attempt to be scheduled for a retry');
      await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - cutAt))));
      expect(await db.page.count({ where: { auditId: audit.id } })).toBeLessThan(PAGES);
      await proxy.restore();
      report('PostgreSQL outage', ((Date.now() - cutAt) / 1000).toFixed(1), 's');

      const done = await auditFinished(db, audit.id, 90_000).catch(async (err: Error) => {
        // Say why: a dead worker (exit code, last log lines) or a job that never ran again.
        const state = await (await (await getQueue('crawl')).getJob(`audit-${audit.id}`))?.getState();
        throw new Error(`${err.message}; job ${state}, worker exit code ${worker.exitCode}; worker log tail:\n${worker.logs.join('').slice(-3_000)}`);
      });
      report('PostgreSQL outage: restore → audit completed', ((Date.now() - cutAt - OUTAGE_MS) / 1000).toFixed(1), 's');
      expect(done.status, String(done.error)).toBe('COMPLETED');
      expect(await pageCounts(db, audit.id)).toEqual({ pages: PAGES, distinct: PAGES });
      expect(pagesAtCut).toBeLessThan(PAGES);
      const finished = await (await getQueue('crawl')).getJob(`audit-${audit.id}`);
      expect(finished?.attemptsMade).toBeGreaterThanOrEqual(1);
      expect(worker.exitCode, 'the worker survives the outage').toBeNull();
    } finally {
      await stopWorker(worker);
    }
  });
});
