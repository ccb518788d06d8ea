import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

process.env.QUEUE_PREFIX = `ro-dlq-${randomUUID().slice(0, 8)}`;

const { db } = await import('@/lib/db');
const { enqueue } = await import('@/lib/queue/enqueue');
const { closeQueues, getQueue } = await import('@/lib/queue/queues');
const { listDeadLetters, sweepDeadLetters, discardDeadLetter, qualifiedQueue } = await import('@/lib/queue/dead-letters');
const { replayDeadLetter } = await import('@/lib/maintenance/replay');
const { startWorkers } = await import('@/worker/start-workers');
const { processors } = await import('@/worker/processors');

const until = async (fn: () => Promise<boolean>, ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
};

afterAll(async () => {
  await closeQueues();
  await db.$disconnect();
});

describe('dead letters', () => {
  it('records a job that always throws exactly once, after its attempts with growing delays, and replays it', async () => {
    const attemptsAt: number[] = [];
    const failing = startWorkers({
      queues: ['maintenance'],
      processors: {
        ...processors,
        'maintenance.cleanup': async () => {
          attemptsAt.push(Date.now());
          throw new Error('boom: always fails');
        },
      },
    });
    const job = await enqueue('maintenance.cleanup', { olderThanDays: 7 });
    const byJob = { queue: qualifiedQueue('maintenance'), jobId: String(job.id) };
    await until(async () => (await db.deadLetter.count({ where: byJob })) === 1, 30_000);
    await failing.close();

    // The registry says 3 attempts with exponential backoff: the second wait is longer than the first.
    expect(attemptsAt).toHaveLength(3);
    const [d1, d2] = [attemptsAt[1]! - attemptsAt[0]!, attemptsAt[2]! - attemptsAt[1]!];
    expect(d1).toBeGreaterThan(1_000);
    expect(d2).toBeGreaterThan(d1);

    // The sweep finds the same failed job and must not record it again.
    expect(await sweepDeadLetters(await getQueue('maintenance'))).toBe(0);
    expect(await db.deadLetter.count({ where: byJob })).toBe(1);
    const letter = (await listDeadLetters()).find((d) => d.jobId === String(job.id))!;
    expect(letter).toMatchObject({ name: 'maintenance.cleanup', attempts: 3, error: 'boom: always fails', payload: { olderThanDays: 7 } });
    expect(letter.stack).toContain('boom');

    // Replay with the real processor: the job runs again and completes.
    const runsBefore = await db.maintenanceRun.count();
    const healthy = startWorkers({ queues: ['maintenance'] });
    const replayed = await replayDeadLetter(letter.id);
    expect(replayed.id).not.toBe(job.id);
    await until(async () => (await db.maintenanceRun.count()) > runsBefore, 15_000);
    await healthy.close();
    const resolved = await db.deadLetter.findUniqueOrThrow({ where: { id: letter.id } });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.resolution).toContain(`replayed as job ${replayed.id}`);
    await expect(replayDeadLetter(letter.id)).rejects.toThrow(/already replayed/);
    await expect(discardDeadLetter(letter.id, undefined, 'no longer needed')).rejects.toThrow(/already/);
  }, 60_000);

  it('the sweep records failed jobs the listener never saw', async () => {
    const queue = await getQueue('maintenance');
    // A worker with no dead-letter listener: simulate a crash between failing and recording.
    const { Worker } = await import('bullmq');
    const { createRedis } = await import('@/lib/queue/connection');
    const bare = new Worker('maintenance', async () => { throw new Error('lost in a crash'); }, { connection: createRedis('worker'), prefix: process.env.QUEUE_PREFIX });
    const job = await queue.add('maintenance.cleanup', { olderThanDays: 3 }, { attempts: 1, priority: 10 });
    await until(async () => (await job.getState()) === 'failed', 10_000);
    await bare.close();
    expect(await db.deadLetter.count({ where: { jobId: String(job.id), queue: qualifiedQueue('maintenance') } })).toBe(0);
    expect(await sweepDeadLetters(queue)).toBeGreaterThanOrEqual(1);
    expect(await db.deadLetter.count({ where: { jobId: String(job.id), queue: qualifiedQueue('maintenance') } })).toBe(1);
  });
});
