import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startFixtureSite } from '@/test/fixture-site';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { waitFor } from '@/test/wait-for';

// SIGKILL a worker in the middle of a 300-page audit; a new worker finishes it from PostgreSQL.
const prefix = `ro-crash-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;
process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';

const { db } = await import('@/lib/db');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { auditSettingsSchema } = await import('@/lib/crawler/crawl-options');
const { closeQueues } = await import('@/lib/queue/queues');
const { isTerminal } = await import('@/lib/progress/events');
const { ALL_CHECKS } = await import('@/lib/checks/catalog');

// Findings that depend on measured time can differ between two runs of the same site.
const TIMING_CHECKS = ALL_CHECKS.filter((c) => c.timing).map((c) => c.id);

const workerEnv = { QUEUE_PREFIX: prefix, ALLOWED_PRIVATE_HOSTS: '127.0.0.1' };

afterAll(async () => {
  await closeQueues();
  await db.$disconnect();
});

const findingKeys = async (auditId: string) =>
  (await db.finding.findMany({ where: { auditId, checkId: { notIn: TIMING_CHECKS } }, select: { checkId: true, url: true, message: true } }))
    .map((f) => `${f.checkId} ${f.url} ${f.message}`)
    .sort();

describe('a worker killed mid-audit', () => {
  it('loses nothing: the audit completes with every page once and the same findings as an undisturbed run', async () => {
    const site = await startFixtureSite({ pages: 300, latencyMs: 30 });
    const user = await db.user.create({ data: { email: `crash-${randomUUID()}@example.com` } });
    const options = auditSettingsSchema.parse({ maxPages: 400, maxDepth: 50, renderMode: 'never', pageTimeoutMs: 2_000 });
    // Pages that behave differently per request (slow, js) are excluded so both runs see the same site.
    const input = { url: `${site.url}/gen/1`, ...options, include: ['/gen/*'] };
    const userRef = { id: user.id, role: 'USER' as const };

    const first = await spawnWorker(workerEnv);
    let second: Awaited<ReturnType<typeof spawnWorker>> | undefined;
    try {
      const audit = await startProfessionalAudit(input, userRef);
      await waitFor(async () => (await db.audit.findUniqueOrThrow({ where: { id: audit.id } })).pagesDone >= 60, 60_000, '60 pages');
      await stopWorker(first, 'SIGKILL');
      const pagesAtKill = await db.page.count({ where: { auditId: audit.id } });
      const requestsAtKill = site.accessLog.length;
      expect(pagesAtKill).toBeLessThan(300);

      second = await spawnWorker(workerEnv);
      const resumedAt = Date.now();
      const done = await waitFor(async () => {
        const a = await db.audit.findUniqueOrThrow({ where: { id: audit.id } });
        return isTerminal(a.status) ? a : null;
      }, 90_000, 'the resumed audit to finish', 250);
      expect(done.status).toBe('COMPLETED');
      // Stalled-job recovery takes seconds, not BullMQ's 60 s default.
      expect(Date.now() - resumedAt).toBeLessThan(45_000);

      const pages = await db.page.findMany({ where: { auditId: audit.id }, select: { url: true } });
      expect(pages).toHaveLength(300);
      expect(new Set(pages.map((p) => p.url)).size).toBe(300);
      // Finished pages were not fetched again (only the few in flight at the kill may repeat).
      const genRequests = site.accessLog.filter((p) => p.startsWith('/gen/'));
      const refetched = genRequests.length - new Set(genRequests).size;
      expect(refetched).toBeLessThanOrEqual(16);
      expect(site.accessLog.length).toBeGreaterThan(requestsAtKill);

      // An undisturbed run of the same site finds exactly the same things.
      const control = await startProfessionalAudit(input, userRef);
      await waitFor(async () => isTerminal((await db.audit.findUniqueOrThrow({ where: { id: control.id } })).status), 90_000, 'control run');
      expect(TIMING_CHECKS).toContain('slow-ttfb');
      expect(await findingKeys(audit.id)).toEqual(await findingKeys(control.id));
      expect((await findingKeys(audit.id)).length).toBeGreaterThan(0);
    } finally {
      await stopWorker(first, 'SIGKILL');
      if (second) await stopWorker(second);
      await site.close();
    }
  }, 240_000);
});
