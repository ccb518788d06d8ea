import type { Job, Queue } from 'bullmq';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { enqueue } from '@/lib/queue/enqueue';
import { JOB_NAMES, QUEUE_NAMES, isJobName, type JobName } from '@/lib/queue/jobs';

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

export type DeadLetterStatus = 'open' | 'resolved' | 'all';
export type DeadLetterFilter = { queue?: string; name?: string; status?: DeadLetterStatus; take?: number; skip?: number };

/** Filters from the admin page's search params; anything unknown reads as "no filter". */
export const deadLetterFilterSchema = z.object({
  queue: z.enum(QUEUE_NAMES).optional().catch(undefined),
  name: z.enum(JOB_NAMES as [JobName, ...JobName[]]).optional().catch(undefined),
  status: z.enum(['open', 'resolved', 'all']).catch('open').default('open'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

function deadLetterWhere({ queue, name, status = 'open', includeResolved }: DeadLetterFilter & { includeResolved?: boolean }) {
  const effective = includeResolved ? 'all' : status;
  return {
    queue: queue ? qualifiedQueue(queue) : { startsWith: qualifiedQueue('') },
    ...(name ? { name } : {}),
    ...(effective === 'open' ? { resolvedAt: null } : effective === 'resolved' ? { resolvedAt: { not: null } } : {}),
  };
}

export function listDeadLetters({ includeResolved = false, take = 100, skip = 0, ...filter }: DeadLetterFilter & { includeResolved?: boolean } = {}) {
  return db.deadLetter.findMany({
    where: deadLetterWhere({ ...filter, includeResolved }),
    orderBy: [{ failedAt: 'desc' }, { id: 'asc' }],
    take,
    skip,
    include: { resolvedBy: { select: { email: true } } },
  });
}

export function countDeadLetters(filter: DeadLetterFilter = {}) {
  return db.deadLetter.count({ where: deadLetterWhere(filter) });
}

/**
 * Claims an open letter for this resolution in one conditional update, so two admins pressing
 * Replay at once cannot both enqueue it: the loser gets a 409.
 */
async function claimOpenDeadLetter(id: string, data: { resolution: string; resolvedById: string | null; discardReason?: string }) {
  const claimed = await db.deadLetter.updateMany({
    where: { id, resolvedAt: null, queue: { startsWith: qualifiedQueue('') } },
    data: { ...data, resolvedAt: new Date() },
  });
  if (claimed.count === 1) return db.deadLetter.findUniqueOrThrow({ where: { id } });
  const letter = await db.deadLetter.findUnique({ where: { id } });
  if (!letter || !letter.queue.startsWith(qualifiedQueue(''))) throw new AppError('NOT_FOUND', 'Dead letter not found.');
  throw new AppError('CONFLICT', `This dead letter was already ${letter.resolution ?? 'resolved'}.`);
}

/**
 * Opens the records a job works on again before it is replayed: its final failure closed them, and
 * jobs only claim open records. Defined above the queue layer (lib/maintenance/replay.ts).
 */
export type Reopen = (name: JobName, payload: unknown) => Promise<void>;

/** Enqueues the job again with its original payload and marks the letter resolved (by whom, when, as which job). */
export async function replayDeadLetter(id: string, userId: string | undefined, reopen: Reopen) {
  const letter = await claimOpenDeadLetter(id, { resolution: 'replaying', resolvedById: userId ?? null });
  try {
    if (!isJobName(letter.name)) throw new AppError('UNPROCESSABLE', `Unknown job "${letter.name}" cannot be replayed.`);
    // Before the job exists, so it cannot start and find its record still closed.
    await reopen(letter.name, letter.payload);
    const job = await enqueue(letter.name, letter.payload as never);
    await db.deadLetter.update({ where: { id }, data: { resolution: `replayed as job ${job.id}`, replayedJobId: String(job.id) } });
    return job;
  } catch (err) {
    // Not replayed after all (unknown job, bad payload, Redis down): open again so it can be retried.
    await db.deadLetter.update({ where: { id }, data: { resolvedAt: null, resolution: null, resolvedById: null } });
    throw err;
  }
}

export type ReplayOutcome = { id: string; ok: true; jobId: string } | { id: string; ok: false; error: string };

/** Replays each letter on its own: one that cannot be replayed does not stop the others. */
export async function replayDeadLetters(ids: readonly string[], userId: string | undefined, reopen: Reopen): Promise<ReplayOutcome[]> {
  const outcomes: ReplayOutcome[] = [];
  for (const id of new Set(ids)) {
    try {
      const job = await replayDeadLetter(id, userId, reopen);
      outcomes.push({ id, ok: true, jobId: String(job.id) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ id, ok: false, error: err.message });
    }
  }
  return outcomes;
}

export const discardReasonSchema = z
  .string()
  .trim()
  .min(3, 'Give a reason for discarding (at least 3 characters).')
  .max(500, 'Keep the reason under 500 characters.');

/** Marks the letter discarded, with the reason, who and when. Without a reason it is refused. */
export async function discardDeadLetter(id: string, userId: string | undefined, reason: string) {
  const parsed = discardReasonSchema.safeParse(reason);
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'Give a reason.');
  return claimOpenDeadLetter(id, { resolution: 'discarded', resolvedById: userId ?? null, discardReason: parsed.data });
}
