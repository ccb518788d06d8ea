import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';

// A real job through real Redis into real PostgreSQL, with the worker in its own process.
const prefix = `ro-it-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;

const { db } = await import('@/lib/db');
const { enqueue } = await import('@/lib/queue/enqueue');
const { closeQueues } = await import('@/lib/queue/queues');

let worker: ChildProcess;

beforeAll(async () => {
  worker = await spawnWorker({ QUEUE_PREFIX: prefix });
});

afterAll(async () => {
  if (worker) await stopWorker(worker);
  await closeQueues();
  await db.$disconnect();
});

describe('worker process', () => {
  it('completes a cleanup job enqueued by a producer and writes the result to PostgreSQL', async () => {
    const old = await db.audit.create({ data: { kind: 'SINGLE', url: 'https://example.com/old', createdAt: new Date(Date.now() - 90 * 86400_000) } });
    const recent = await db.audit.create({ data: { kind: 'SINGLE', url: 'https://example.com/new' } });
    const startedAt = new Date();

    const job = await enqueue('maintenance.cleanup', { olderThanDays: 30, requestedBy: 'integration-test' });
    expect(job.queue).toBe('maintenance');

    let run = null;
    for (let i = 0; i < 100 && !run; i++) {
      run = await db.maintenanceRun.findFirst({ where: { task: 'cleanup', finishedAt: { gte: startedAt } } });
      if (!run) await new Promise((r) => setTimeout(r, 200));
    }
    expect(run, 'the worker should have recorded a maintenance run').not.toBeNull();
    expect(await db.audit.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db.audit.findUnique({ where: { id: recent.id } })).not.toBeNull();
    expect((run!.detail as { removedAudits: number }).removedAudits).toBeGreaterThanOrEqual(1);
  });

  it('rejects a payload that does not match the registry before it reaches Redis', async () => {
    await expect(enqueue('maintenance.cleanup', { olderThanDays: 0 })).rejects.toThrow(/olderThanDays|>=1|too small/i);
  });

  it('exits cleanly on SIGTERM', async () => {
    const code = await stopWorker(worker);
    expect(code).toBe(0);
  });
});
