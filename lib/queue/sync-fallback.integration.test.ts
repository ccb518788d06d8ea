import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFixtureSite, type FixtureSite } from '@/test/fixture-site';
import { startRedisServer } from '@/test/redis-server';
import { waitFor } from '@/test/wait-for';

// Its own redis-server on a spare port, stopped and restarted: with Redis gone, audits and reports
// still run (in this process, no worker anywhere); when it is back, new work is queued again.
const redis = await startRedisServer();
process.env.REDIS_URL = redis.url;
process.env.QUEUE_PREFIX = `ro-sync-${randomUUID().slice(0, 8)}`;
process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';

const { db } = await import('@/lib/db');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { startAuditInput } = await import('@/lib/audits/audit-input');
const { requestReport } = await import('@/lib/reports/request-report');
const { updateFlag } = await import('@/lib/flags/flags');
const { producerBreaker } = await import('@/lib/queue/enqueue');
const { inProcessRunner } = await import('@/lib/queue/in-process-runner');
const { closeQueues, getProducerRedis, getQueue } = await import('@/lib/queue/queues');
const { closeRenderPool } = await import('@/lib/fetch/shared-render-pool');
const { isTerminal } = await import('@/lib/progress/events');
const { AppError } = await import('@/lib/errors');

let site: FixtureSite;
let currentRedis = redis;
let user: { id: string; role: 'USER' };

const input = () => startAuditInput.parse({ url: `${site.url}/gen/1`, maxPages: 5, maxDepth: 5, renderMode: 'never', include: ['/gen/*'], pageTimeoutMs: 2_000 });
const finished = (id: string) =>
  waitFor(async () => {
    const a = await db.audit.findUniqueOrThrow({ where: { id } });
    return isTerminal(a.status) ? a : null;
  }, 60_000, `audit ${id} to finish`);
const jobOf = async (auditId: string) => (await getQueue('crawl')).getJob(`audit-${auditId}`);

beforeAll(async () => {
  site = await startFixtureSite({ pages: 10 });
  const u = await db.user.create({ data: { email: `sync-${randomUUID()}@example.com` } });
  user = { id: u.id, role: 'USER' };
  await updateFlag('professional-audit', { enabled: true, mode: 'async', rolloutPercent: 100 }, null);
  await updateFlag('report-generation', { enabled: true, mode: 'async', rolloutPercent: 100 }, null);
});

afterAll(async () => {
  await updateFlag('professional-audit', { enabled: true, mode: 'async', rolloutPercent: 100 }, null);
  await inProcessRunner.idle();
  await currentRedis.stop();
  await site?.close();
  await closeQueues();
  await closeRenderPool();
  await db.$disconnect();
});

describe('sync fallback', () => {
  it('with Redis stopped, an audit and then its report complete in this process, answered at once with mode "sync"', async () => {
    await redis.stop();
    const started = performance.now();
    const audit = await startProfessionalAudit(input(), user);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(audit.mode).toBe('sync');
    expect(producerBreaker.state).toBe('open');

    // The breaker is open: the next one does not even try Redis (asked, the breaker said no).
    const acquire = vi.spyOn(producerBreaker, 'tryAcquire');
    const second = await startProfessionalAudit(input(), user);
    expect(acquire.mock.results.map((r) => r.value)).toEqual([false]);
    acquire.mockRestore();
    expect(second.mode).toBe('sync');

    const done = await finished(audit.id);
    expect(done.status).toBe('COMPLETED');
    expect(done.pagesDone).toBe(5);
    expect((await finished(second.id)).status).toBe('COMPLETED');

    const report = await requestReport(audit.id, { format: 'csv', kind: 'pages' }, user);
    expect(report.mode).toBe('sync');
    const ready = await waitFor(async () => {
      const r = await db.report.findUniqueOrThrow({ where: { id: report.id } });
      return r.status === 'READY' || r.status === 'FAILED' ? r : null;
    }, 30_000, 'the report');
    expect(ready.status).toBe('READY');
    expect(ready.rowsWritten).toBeGreaterThan(0);
  }, 120_000);

  it('with Redis back, the next audit goes through the queue (mode "async")', async () => {
    currentRedis = await startRedisServer(redis.port);
    await waitFor(async () => (await getProducerRedis().catch(() => null))?.status === 'ready', 15_000, 'the producer to reconnect');
    await waitFor(async () => producerBreaker.state === 'half-open', 10_000, 'the breaker to allow a trial');
    const audit = await startProfessionalAudit(input(), user);
    expect(audit.mode).toBe('async');
    expect(producerBreaker.state).toBe('closed');
    expect(await jobOf(audit.id)).toBeDefined();
    // No worker runs in this test: it waits in the queue.
    expect((await db.audit.findUniqueOrThrow({ where: { id: audit.id } })).status).toBe('QUEUED');
    await db.audit.update({ where: { id: audit.id }, data: { status: 'CANCELLED' } });
  }, 60_000);

  it('a flag set to sync runs the audit in this process although Redis is up', async () => {
    await updateFlag('professional-audit', { mode: 'sync' }, null);
    const audit = await startProfessionalAudit(input(), user);
    expect(audit.mode).toBe('sync');
    expect(await jobOf(audit.id)).toBeUndefined();
    expect((await finished(audit.id)).status).toBe('COMPLETED');

    await updateFlag('professional-audit', { mode: 'async' }, null);
    expect((await startProfessionalAudit(input(), user)).mode).toBe('async');
  }, 60_000);

  it('a switched-off operation answers 503 with a clear message and creates nothing', async () => {
    await updateFlag('professional-audit', { enabled: false }, null);
    const before = await db.audit.count({ where: { userId: user.id } });
    const err = await startProfessionalAudit(input(), user).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as InstanceType<typeof AppError>).status).toBe(503);
    expect((err as Error).message).toBe('Professional audits are switched off by an administrator.');
    expect(await db.audit.count({ where: { userId: user.id } })).toBe(before);
  });
});
