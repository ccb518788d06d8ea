import { randomUUID } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/test/wait-for';

// A job that fails for good closes its record (FAILED with the reason) through its registry hook,
// and is recorded as exactly one dead letter. The stuck-work sweep closes what no hook saw.
process.env.QUEUE_PREFIX = `ro-final-${randomUUID().slice(0, 8)}`;

const { db } = await import('@/lib/db');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { auditSettingsSchema } = await import('@/lib/crawler/crawl-options');
const { requestReport } = await import('@/lib/reports/request-report');
const { updateFlag } = await import('@/lib/flags/flags');
const { qualifiedQueue } = await import('@/lib/queue/dead-letters');
const { closeQueues } = await import('@/lib/queue/queues');
const { sweepStuckWork } = await import('@/lib/maintenance/stuck-work');
const { startWorkers } = await import('@/worker/start-workers');
const { processors } = await import('@/worker/processors');

let user: { id: string; role: 'USER' };
let workers: ReturnType<typeof startWorkers>;

beforeAll(async () => {
  await updateFlag('professional-audit', { enabled: true, mode: 'async', rolloutPercent: 100 }, null);
  await updateFlag('report-generation', { enabled: true, mode: 'async', rolloutPercent: 100 }, null);
  const u = await db.user.create({ data: { email: `final-${randomUUID()}@example.com` } });
  user = { id: u.id, role: 'USER' };
  workers = startWorkers({
    queues: ['crawl', 'analysis', 'reports'],
    processors: {
      ...processors,
      'audit.crawl': async () => {
        throw new UnrecoverableError('the crawler exploded');
      },
      'report.generate': async () => {
        throw new UnrecoverableError('the disk caught fire');
      },
    },
  });
});

afterAll(async () => {
  await workers?.close();
  await closeQueues();
  await db.$disconnect();
});

const deadLettersOf = (jobId: string) => db.deadLetter.count({ where: { queue: { in: [qualifiedQueue('crawl'), qualifiedQueue('analysis'), qualifiedQueue('reports')] }, jobId } });

describe('a job that fails for good', () => {
  it('leaves its audit FAILED with the reason and exactly one dead letter', async () => {
    const audit = await startProfessionalAudit({ url: 'https://final-failure.example.com/', ...auditSettingsSchema.parse({}) }, user);
    expect(audit.mode).toBe('async');
    const failed = await waitFor(async () => {
      const a = await db.audit.findUniqueOrThrow({ where: { id: audit.id } });
      return a.status === 'FAILED' ? a : null;
    }, 20_000, 'the audit to fail');
    expect(failed.error).toMatch(/will not be retried: the crawler exploded/);
    expect(failed.finishedAt).not.toBeNull();
    await waitFor(async () => (await deadLettersOf(`audit-${audit.id}`)) === 1, 10_000, 'one dead letter');
    await new Promise((r) => setTimeout(r, 500));
    expect(await deadLettersOf(`audit-${audit.id}`)).toBe(1);
  });

  it('leaves its report FAILED with the reason', async () => {
    const audit = await db.audit.create({ data: { kind: 'PROFESSIONAL', url: 'https://report-failure.example.com/', status: 'COMPLETED', userId: user.id, finishedAt: new Date() } });
    const report = await requestReport(audit.id, { format: 'csv', kind: 'pages' }, user);
    expect(report.mode).toBe('async');
    const failed = await waitFor(async () => {
      const r = await db.report.findUniqueOrThrow({ where: { id: report.id } });
      return r.status === 'FAILED' ? r : null;
    }, 20_000, 'the report to fail');
    expect(failed.error).toMatch(/will not be retried: the disk caught fire/);
    await waitFor(async () => (await deadLettersOf(`report-${report.id}`)) === 1, 10_000, 'one dead letter');
  });
});

describe('the stuck-work sweep', () => {
  const makeStuck = async (status: 'QUEUED' | 'RUNNING', minutesAgo: number) => {
    const a = await db.audit.create({ data: { kind: 'PROFESSIONAL', url: 'https://stuck.example.com/', status, userId: user.id } });
    await db.$executeRaw`UPDATE "Audit" SET "updatedAt" = now() - make_interval(mins => ${minutesAgo}) WHERE id = ${a.id}`;
    return a.id;
  };

  it('leaves work whose job is pending or which moved recently, re-queues lost work once, then fails it', async () => {
    const lost = await makeStuck('RUNNING', 20);
    const pending = await makeStuck('QUEUED', 20);
    const recent = await makeStuck('RUNNING', 5);
    const requeued: string[] = [];
    const deps = {
      stuckMinutes: 15,
      jobState: async (w: { id: string }) => (w.id === pending ? ('prioritized' as const) : null),
      requeue: async (w: { id: string }) => void requeued.push(w.id),
    };

    const first = await sweepStuckWork(deps);
    expect(first.requeued).toContain(lost);
    expect(first.requeued).not.toContain(pending);
    expect(first.requeued).not.toContain(recent);
    expect(requeued).toContain(lost);
    expect((await db.audit.findUniqueOrThrow({ where: { id: lost } })).status).toBe('RUNNING');

    // Still no progress a period later: failed for good, with the reason.
    await db.$executeRaw`UPDATE "Audit" SET "updatedAt" = now() - interval '20 minutes' WHERE id = ${lost}`;
    const second = await sweepStuckWork(deps);
    expect(second.failed).toContain(lost);
    const closed = await db.audit.findUniqueOrThrow({ where: { id: lost } });
    expect(closed.status).toBe('FAILED');
    expect(closed.error).toMatch(/No progress for 15 minutes/);
    expect((await db.audit.findUniqueOrThrow({ where: { id: pending } })).status).toBe('QUEUED');
    expect((await db.audit.findUniqueOrThrow({ where: { id: recent } })).status).toBe('RUNNING');
  });
});
