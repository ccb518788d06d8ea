import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { auditFinished, findingKeys, pageCounts, report, startOwnRedis } from '@/test/chaos/chaos-helpers';
import { startFixtureSite } from '@/test/fixture-site';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { waitFor } from '@/test/wait-for';

// Fault 1: a worker is SIGKILLed mid-audit. Another worker takes the job over once its lock expires
// (stalled-job recovery), resumes from PostgreSQL, stores every page once and finds exactly what an
// undisturbed run of the same site finds.
const redis = await startOwnRedis();
process.env.REDIS_URL = redis.url;
process.env.QUEUE_PREFIX = `ro-chaos-kill-${randomUUID().slice(0, 8)}`;

const { db } = await import('@/lib/db');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { startAuditInput } = await import('@/lib/audits/audit-input');
const { closeQueues } = await import('@/lib/queue/queues');

const PAGES = 150;
const site = await startFixtureSite({ pages: PAGES, latencyMs: 30 });
const workerEnv = { REDIS_URL: redis.url, QUEUE_PREFIX: process.env.QUEUE_PREFIX, ALLOWED_PRIVATE_HOSTS: '127.0.0.1' };

afterAll(async () => {
  await closeQueues();
  await db.$disconnect();
  await site.close();
  await redis.destroy();
});

describe('a worker SIGKILLed mid-audit', () => {
  it('another worker finishes the audit: every page once, the same findings as an undisturbed run', async () => {
    const user = await db.user.create({ data: { email: `chaos-kill-${randomUUID()}@example.com` } });
    const userRef = { id: user.id, role: 'USER' as const };
    // Only the generated pages: the fixture's slow and random pages would differ between runs.
    const input = startAuditInput.parse({ url: `${site.url}/gen/1`, maxPages: PAGES + 50, maxDepth: 50, renderMode: 'never', pageTimeoutMs: 5_000, include: ['/gen/*'] });

    const victim = await spawnWorker(workerEnv);
    const survivor = spawnWorker(workerEnv);
    try {
      const audit = await startProfessionalAudit(input, userRef);
      expect(audit.mode).toBe('async');
      // The survivor boots meanwhile; it is up long before the victim's lock expires.
      await waitFor(async () => (await db.audit.findUniqueOrThrow({ where: { id: audit.id } })).pagesDone >= 40, 60_000, '40 pages');
      await stopWorker(victim, 'SIGKILL');
      const killedAt = Date.now();
      const pagesAtKill = (await pageCounts(db, audit.id)).pages;
      expect(pagesAtKill).toBeLessThan(PAGES);
      await survivor;

      // The undisturbed control run goes to the survivor meanwhile.
      const control = await startProfessionalAudit(input, userRef);

      // Recovery: the first page stored after the kill by the survivor.
      await waitFor(async () => (await db.page.count({ where: { auditId: audit.id } })) > pagesAtKill, 60_000, 'the survivor to resume the audit', 250);
      const recoveryMs = Date.now() - killedAt;
      const done = await auditFinished(db, audit.id, 90_000);
      report('worker SIGKILL: recovery (kill → survivor stores a page)', (recoveryMs / 1000).toFixed(1), 's');
      report('worker SIGKILL: kill → audit completed', ((Date.now() - killedAt) / 1000).toFixed(1), 's');
      expect(done.status).toBe('COMPLETED');
      expect(recoveryMs).toBeLessThan(60_000);

      expect(await pageCounts(db, audit.id)).toEqual({ pages: PAGES, distinct: PAGES });
      expect((await auditFinished(db, control.id, 90_000)).status).toBe('COMPLETED');
      const findings = await findingKeys(db, audit.id);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings).toEqual(await findingKeys(db, control.id));
    } finally {
      await stopWorker(victim, 'SIGKILL');
      await stopWorker(await survivor);
    }
  });
});
