import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { report, startOwnRedis } from '@/test/chaos/chaos-helpers';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { waitFor } from '@/test/wait-for';

// Fault 6: a job that fails on every attempt (the worker's reports directory cannot be created: a
// file stands where its parent folder should be). After the registry's attempts it becomes exactly
// one dead letter, its report is FAILED with the reason; once the cause is removed, replay works.
const redis = await startOwnRedis();
process.env.REDIS_URL = redis.url;
process.env.QUEUE_PREFIX = `ro-chaos-dlq-${randomUUID().slice(0, 8)}`;

const { db } = await import('@/lib/db');
const { requestReport } = await import('@/lib/reports/request-report');
const { updateFlag } = await import('@/lib/flags/flags');
const { jobs } = await import('@/lib/queue/jobs');
const { qualifiedQueue, sweepDeadLetters } = await import('@/lib/queue/dead-letters');
const { replayDeadLetter } = await import('@/lib/maintenance/replay');
const { closeQueues, getQueue } = await import('@/lib/queue/queues');

const dir = await mkdtemp(path.join(tmpdir(), 'ro-chaos-dlq-'));
const blocker = path.join(dir, 'not-a-folder');
await writeFile(blocker, 'a file where the reports folder should go');
const worker = await spawnWorker({ REDIS_URL: redis.url, QUEUE_PREFIX: process.env.QUEUE_PREFIX, REPORTS_DIR: path.join(blocker, 'reports') });

afterAll(async () => {
  await stopWorker(worker);
  await closeQueues();
  await db.$disconnect();
  await redis.destroy();
  await rm(dir, { recursive: true, force: true });
});

let reportId: string;
let letterId: string;

describe('a job that always fails', () => {
  it('is dead-lettered exactly once after its attempts, and its report is FAILED with the reason', async () => {
    await updateFlag('report-generation', { enabled: true, mode: 'async', rolloutPercent: 100 }, null);
    const user = await db.user.create({ data: { email: `chaos-dlq-${randomUUID()}@example.com` } });
    const audit = await db.audit.create({ data: { kind: 'PROFESSIONAL', url: 'https://dead-letter.example.com/', status: 'COMPLETED', userId: user.id, finishedAt: new Date() } });
    const started = Date.now();
    const requested = await requestReport(audit.id, { format: 'csv', kind: 'pages' }, { id: user.id, role: 'USER' });
    expect(requested.mode).toBe('async');
    reportId = requested.id;
    const byJob = { queue: qualifiedQueue('reports'), jobId: `report-${reportId}` };

    await waitFor(async () => (await db.deadLetter.count({ where: byJob })) > 0, 60_000, 'the dead letter');
    report('always-failing job: dead-lettered after', ((Date.now() - started) / 1000).toFixed(1), 's');
    const letter = await db.deadLetter.findFirstOrThrow({ where: byJob });
    letterId = letter.id;
    expect(letter.attempts).toBe(jobs['report.generate'].retry.attempts);
    expect(letter.error).toMatch(/ENOTDIR/);

    const failed = await db.report.findUniqueOrThrow({ where: { id: reportId } });
    expect(failed.status).toBe('FAILED');
    // The job's own plain words, not the raw error (which names server paths) its final-failure hook sees.
    expect(failed.error).toBe('The report could not be written: the reports directory is not writable.');

    // The periodic sweep sees the same failed job in BullMQ's failed set: still one letter.
    expect(await sweepDeadLetters(await getQueue('reports'))).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(await db.deadLetter.count({ where: byJob })).toBe(1);
    expect(worker.logs.join('')).not.toMatch(/dead letter not recorded/);
  });

  it('replayed once the cause is gone, the job runs again and completes', async () => {
    await rm(blocker);
    const replayed = await replayDeadLetter(letterId);
    const job = (await (await getQueue('reports')).getJob(String(replayed.id)))!;
    await waitFor(async () => ((await job.getState()) === 'completed' ? true : null), 30_000, 'the replayed job to complete');
    const letter = await db.deadLetter.findUniqueOrThrow({ where: { id: letterId } });
    expect(letter.resolution).toBe(`replayed as job ${replayed.id}`);
    await expect(replayDeadLetter(letterId)).rejects.toThrow(/already replayed/);
  });

  // The final-failure hook closed the report (FAILED); the replay opens it again before enqueuing.
  it('replay brings the FAILED report back: it is written and READY', async () => {
    await waitFor(async () => ((await db.report.findUniqueOrThrow({ where: { id: reportId } })).status === 'READY' ? true : null), 10_000, 'the replayed report to be READY');
  });
});
