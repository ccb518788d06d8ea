import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditFinished, report, startOwnRedis } from '@/test/chaos/chaos-helpers';
import { startHostileSite } from '@/test/hostile-site';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';

// Fault 5: inside one audit, a check throws on one page and another page takes longer to analyse
// than its time budget. Both are recorded (a check-error finding; the page's error), the other checks
// and pages are unaffected, and the audit completes with its errors listed.
const redis = await startOwnRedis();
process.env.REDIS_URL = redis.url;
process.env.QUEUE_PREFIX = `ro-chaos-checks-${randomUUID().slice(0, 8)}`;

const { db } = await import('@/lib/db');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { startAuditInput } = await import('@/lib/audits/audit-input');
const { getAuditResult } = await import('@/lib/audits/audit-queries');
const { pageChecks } = await import('@/lib/checks/page-checks');
const { closeQueues } = await import('@/lib/queue/queues');

// 200,000 nested <div>s take the parser far longer than the 2 s budget; /text is small and quick.
const site = await startHostileSite({ nestedDepth: 200_000, textBytes: 128 * 1024 });
const faultyCheckId = pageChecks[0]!.id;

afterAll(async () => {
  await closeQueues();
  await db.$disconnect();
  await site.close();
  await redis.destroy();
});

describe('a check that throws and a page over its time budget', () => {
  it('are recorded, and the audit completes with its errors listed', async () => {
    const worker = await spawnWorker({
      REDIS_URL: redis.url,
      QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
      ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
      ANALYSIS_TIME_BUDGET_MS: '2000',
      // The worker (and its analysis threads) load the catalogue with a throwing check (see that folder).
      TSX_TSCONFIG_PATH: path.resolve('test/chaos/throwing-check/tsconfig.json'),
      CHAOS_THROWING_CHECK_URL: '/text',
    });
    try {
      const user = await db.user.create({ data: { email: `chaos-checks-${randomUUID()}@example.com` } });
      const started = Date.now();
      const audit = await startProfessionalAudit(startAuditInput.parse({ url: `${site.url}/`, maxPages: 10, maxDepth: 3, renderMode: 'never', pageTimeoutMs: 15_000 }), { id: user.id, role: 'USER' });
      const done = await auditFinished(db, audit.id, 60_000);
      report('faulty check + page over budget: audit finished in', ((Date.now() - started) / 1000).toFixed(1), 's');

      expect(done.status).toBe('COMPLETED_WITH_ERRORS');
      const result = await getAuditResult(audit.id);
      const page = (p: string) => result.pages.find((x) => x.url === `${site.url}${p}`)!;
      // Over budget: the page is failed with the reason, and that is what the audit lists.
      expect(page('/nested').error).toMatch(/Analysis failed: .*time budget/);
      expect(result.error).toMatch(/1 of 3 URLs failed/);
      // The check that threw is recorded on its page; every other check still ran there.
      const onText = page('/text');
      expect(onText.error).toBeNull();
      const errors = onText.findings.filter((f) => f.checkId === 'check-error');
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toBe(`Check "${faultyCheckId}" could not run: chaos: this check has a bug`);
      expect(onText.findings.length).toBeGreaterThan(1);
      // Elsewhere the same check runs normally.
      expect(page('/').error).toBeNull();
      expect(page('/').findings.some((f) => f.checkId === 'check-error')).toBe(false);
      expect(worker.logs.join('')).not.toMatch(/job stalled/);
    } finally {
      await stopWorker(worker);
    }
  });
});
