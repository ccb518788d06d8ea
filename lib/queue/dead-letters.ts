import type { Job, Queue } from 'bullmq';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { enqueue } from '@/lib/queue/enqueue';
import { isJobName } from '@/lib/queue/jobs';

// A job that exhausted its attempts is copied to PostgreSQL exactly once: the worker's 'failed'
// listener records it at once, and a periodic sweep of BullMQ's failed set catches any the
// listener missed (a crash between failing and recording). (queue, jobId, enqueuedAt) is unique.

/** True when BullMQ will not retry this job again. */
export function isExhausted(job: Job, err?: Error): boolean {
  if (err?.name === 'UnrecoverableError') return true;
  return job.attemptsMade >= (job.opts.attempts ?? 1);
}

/** The queue as stored: with its key prefix, since environments may share one database. */
export const qualifiedQueue = (queue: string) => `${env.QUEUE_PREFIX}:${queue}`;

export async function recordDeadLetter(queue: string, job: Job, err?: Error): Promise<boolean> {
  const result = await db.deadLetter.createMany({
    data: [
      {
        queue: qualifiedQueue(queue),
        jobId: String(job.id),
        enqueuedAt: new Date(job.timestamp),
        name: job.name,
        payload: (job.data ?? {}) as object,
        error: err?.message ?? job.failedReason ?? 'unknown error',
        stack: err?.stack ?? job.stacktrace?.at(-1) ?? null,
        attempts: job.attemptsMade,
        failedAt: new Date(job.finishedOn ?? Date.now()),
      },
    ],
    skipDuplicates: true,
  });
  return result.count === 1;
}

/** Copies every job in the queue's failed set that is not yet recorded. Returns how many were new. */
export async function sweepDeadLetters(queue: Queue): Promise<number> {
  let added = 0;
  const pageSize = 200;
  for (let start = 0; ; start += pageSize) {
    const failed = await queue.getFailed(start, start + pageSize - 1);
    for (const job of failed) {
      if (job && (await recordDeadLetter(queue.name, job))) added++;
    }
    if (failed.length < pageSize) return added;
  }
}

export function listDeadLetters({ includeResolved = false, take = 100 } = {}) {
  return db.deadLetter.findMany({
    where: { queue: { startsWith: qualifiedQueue('') }, ...(includeResolved ? {} : { resolvedAt: null }) },
    orderBy: { failedAt: 'desc' },
    take,
  });
}

async function getOpenDeadLetter(id: string) {
  const letter = await db.deadLetter.findUnique({ where: { id } });
  if (!letter) throw new AppError('NOT_FOUND', 'Dead letter not found.');
  if (letter.resolvedAt) throw new AppError('CONFLICT', `This dead letter was already ${letter.resolution ?? 'resolved'}.`);
  return letter;
}

/** Enqueues the job again with its original payload and marks the letter resolved. */
export async function replayDeadLetter(id: string, userId?: string) {
  const letter = await getOpenDeadLetter(id);
  if (!isJobName(letter.name)) throw new AppError('UNPROCESSABLE', `Unknown job "${letter.name}" cannot be replayed.`);
  const job = await enqueue(letter.name, letter.payload as never);
  await db.deadLetter.update({
    where: { id },
    data: { resolvedAt: new Date(), resolution: `replayed as job ${job.id}`, resolvedById: userId ?? null },
  });
  return job;
}

export async function discardDeadLetter(id: string, userId?: string) {
  await getOpenDeadLetter(id);
  await db.deadLetter.update({
    where: { id },
    data: { resolvedAt: new Date(), resolution: 'discarded', resolvedById: userId ?? null },
  });
}
