import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The admin side of dead letters: filters, replaying one or many, discarding with a reason, and the
// server actions' own role checks. Real PostgreSQL and Redis; only the session (and Next's cache
// invalidation, which needs a request) is faked.
process.env.QUEUE_PREFIX = `ro-dla-${randomUUID().slice(0, 8)}`;

const session: { user: { id: string; email: string } | null } = { user: null };
vi.mock('@/lib/auth/auth', () => ({ auth: async () => (session.user ? { user: session.user } : null) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { db } = await import('@/lib/db');
const { closeQueues, getQueue } = await import('@/lib/queue/queues');
const { listDeadLetters, countDeadLetters, discardDeadLetter, qualifiedQueue } = await import('@/lib/queue/dead-letters');
const { replayDeadLetter, replayDeadLetters } = await import('@/lib/maintenance/replay');
const { replayDeadLettersAction, discardDeadLetterAction } = await import('@/app/(admin)/admin/dead-letters/actions');

let admin: { id: string; email: string };
let member: { id: string; email: string };

async function letter(overrides: { queue?: string; name?: string; payload?: object } = {}) {
  return db.deadLetter.create({
    data: {
      queue: qualifiedQueue(overrides.queue ?? 'maintenance'),
      jobId: randomUUID(),
      enqueuedAt: new Date(),
      name: overrides.name ?? 'maintenance.cleanup',
      payload: overrides.payload ?? { olderThanDays: 9 },
      error: 'boom',
      stack: 'Error: boom\n    at somewhere',
      attempts: 3,
      failedAt: new Date(),
    },
  });
}

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

beforeAll(async () => {
  const a = await db.user.create({ data: { email: `dla-admin-${randomUUID()}@example.com`, role: 'ADMIN' } });
  const m = await db.user.create({ data: { email: `dla-user-${randomUUID()}@example.com`, role: 'USER' } });
  admin = { id: a.id, email: a.email };
  member = { id: m.id, email: m.email };
});

beforeEach(async () => {
  await db.deadLetter.deleteMany({ where: { queue: { startsWith: qualifiedQueue('') } } });
});

afterAll(async () => {
  for (const name of ['maintenance', 'crawl', 'analysis', 'reports'] as const) await (await getQueue(name)).obliterate({ force: true });
  await db.deadLetter.deleteMany({ where: { queue: { startsWith: qualifiedQueue('') } } });
  await closeQueues();
  await db.$disconnect();
});

describe('dead letters for admins', () => {
  it('filters by queue, job name and resolved or not', async () => {
    const a = await letter();
    await letter({ queue: 'crawl', name: 'audit.crawl', payload: { auditId: 'a1' } });
    await discardDeadLetter(a.id, admin.id, 'test noise');
    expect((await listDeadLetters()).map((d) => d.name)).toEqual(['audit.crawl']);
    expect(await countDeadLetters({ status: 'resolved' })).toBe(1);
    expect(await countDeadLetters({ status: 'all' })).toBe(2);
    expect(await countDeadLetters({ status: 'all', queue: 'crawl' })).toBe(1);
    expect(await countDeadLetters({ status: 'all', name: 'maintenance.cleanup' })).toBe(1);
    expect(await countDeadLetters({ status: 'open', queue: 'maintenance' })).toBe(0);
    const [resolved] = await listDeadLetters({ status: 'resolved' });
    expect(resolved?.resolvedBy?.email).toBe(admin.email);
  });

  it('replays many: each becomes a new job with its payload, recorded with who, when and which job', async () => {
    const [l1, l2, done] = [await letter({ payload: { olderThanDays: 11 } }), await letter({ payload: { olderThanDays: 12 } }), await letter()];
    await discardDeadLetter(done.id, admin.id, 'already handled');
    const outcomes = await replayDeadLetters([l1.id, l2.id, done.id, 'no-such-id'], admin.id);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, false]);
    expect(outcomes[2]).toMatchObject({ ok: false, error: expect.stringMatching(/already discarded/) });
    expect(outcomes[3]).toMatchObject({ ok: false, error: expect.stringMatching(/not found/i) });

    const queue = await getQueue('maintenance');
    for (const [l, days] of [[l1, 11], [l2, 12]] as const) {
      const row = await db.deadLetter.findUniqueOrThrow({ where: { id: l.id } });
      expect(row.resolvedAt).toBeInstanceOf(Date);
      expect(row.resolvedById).toBe(admin.id);
      expect(row.replayedJobId).toBeTruthy();
      expect(row.resolution).toBe(`replayed as job ${row.replayedJobId}`);
      const job = await queue.getJob(row.replayedJobId!);
      expect(job?.data).toMatchObject({ olderThanDays: days });
    }
  });

  it('two replays of one letter at once enqueue it once', async () => {
    const l = await letter();
    const queue = await getQueue('maintenance');
    const before = await queue.count();
    const results = await Promise.allSettled([replayDeadLetter(l.id, admin.id), replayDeadLetter(l.id, admin.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await queue.count()).toBe(before + 1);
  });

  it('a replay that cannot enqueue leaves the letter open', async () => {
    const l = await letter({ name: 'no.such-job' });
    await expect(replayDeadLetter(l.id, admin.id)).rejects.toThrow(/Unknown job/);
    const row = await db.deadLetter.findUniqueOrThrow({ where: { id: l.id } });
    expect(row).toMatchObject({ resolvedAt: null, resolution: null, resolvedById: null, replayedJobId: null });
  });

  it('replaying a failed audit, report or comparison opens its record again first; finished or cancelled ones stay closed', async () => {
    const audit = await db.audit.create({ data: { kind: 'PROFESSIONAL', url: 'https://replay.example.com/', status: 'FAILED', error: 'The audit failed and will not be retried: boom', finishedAt: new Date(), userId: member.id } });
    const cancelled = await db.audit.create({ data: { kind: 'PROFESSIONAL', url: 'https://replay.example.com/', status: 'CANCELLED', finishedAt: new Date(), userId: member.id } });
    const done = await db.audit.create({ data: { kind: 'PROFESSIONAL', url: 'https://replay.example.com/', status: 'COMPLETED', finishedAt: new Date(), userId: member.id } });
    const report = await db.report.create({ data: { auditId: done.id, format: 'CSV', kind: 'PAGES', status: 'FAILED', error: 'The report failed and will not be retried: boom', expiresAt: new Date(Date.now() + 86_400_000) } });
    const comparison = await db.comparison.create({ data: { userId: member.id, url: 'https://replay.example.com/', rivals: [], status: 'FAILED', error: 'boom', finishedAt: new Date() } });
    const letters = [
      await letter({ queue: 'crawl', name: 'audit.crawl', payload: { auditId: audit.id } }),
      await letter({ queue: 'crawl', name: 'audit.crawl', payload: { auditId: cancelled.id } }),
      await letter({ queue: 'reports', name: 'report.generate', payload: { reportId: report.id } }),
      await letter({ queue: 'analysis', name: 'comparison.finalize', payload: { comparisonId: comparison.id } }),
    ];
    const outcomes = await replayDeadLetters(letters.map((l) => l.id), admin.id);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(await db.audit.findUniqueOrThrow({ where: { id: audit.id } })).toMatchObject({ status: 'QUEUED', error: null, finishedAt: null });
    expect((await db.audit.findUniqueOrThrow({ where: { id: cancelled.id } })).status).toBe('CANCELLED');
    expect(await db.report.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ status: 'QUEUED', error: null });
    expect(await db.comparison.findUniqueOrThrow({ where: { id: comparison.id } })).toMatchObject({ status: 'RUNNING', error: null, finishedAt: null });
  });

  it('a letter whose stored payload no longer fits its job is refused and stays open', async () => {
    const l = await letter({ queue: 'crawl', name: 'audit.crawl', payload: { auditId: 42 } });
    const [outcome] = await replayDeadLetters([l.id], admin.id);
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/no longer valid/) });
    expect((await db.deadLetter.findUniqueOrThrow({ where: { id: l.id } })).resolvedAt).toBeNull();
  });

  it('discarding needs a reason and records it with who and when; a discarded letter cannot be replayed', async () => {
    const l = await letter();
    await expect(discardDeadLetter(l.id, admin.id, '  ')).rejects.toThrow(/reason/);
    expect((await db.deadLetter.findUniqueOrThrow({ where: { id: l.id } })).resolvedAt).toBeNull();
    const started = Date.now();
    await discardDeadLetter(l.id, admin.id, '  payload was for a deleted audit ');
    const row = await db.deadLetter.findUniqueOrThrow({ where: { id: l.id } });
    expect(row).toMatchObject({ resolution: 'discarded', discardReason: 'payload was for a deleted audit', resolvedById: admin.id });
    expect(row.resolvedAt!.getTime()).toBeGreaterThanOrEqual(started - 1000);
    await expect(replayDeadLetter(l.id, admin.id)).rejects.toThrow(/already discarded/);
    await expect(discardDeadLetter(l.id, admin.id, 'again')).rejects.toThrow(/already discarded/);
  });

  it('the server actions refuse signed-out users and non-admins, and change nothing', async () => {
    const l = await letter();
    for (const who of [null, member]) {
      session.user = who;
      const replay = await replayDeadLettersAction([l.id]);
      const discard = await discardDeadLetterAction({}, form({ id: l.id, reason: 'not allowed' }));
      const expected = who ? /Administrators only/ : /sign in/;
      expect(replay.error).toMatch(expected);
      expect(discard.error).toMatch(expected);
    }
    expect((await db.deadLetter.findUniqueOrThrow({ where: { id: l.id } })).resolvedAt).toBeNull();

    session.user = admin;
    expect((await replayDeadLettersAction([])).error).toMatch(/Select at least one/);
    expect((await discardDeadLetterAction({}, form({ id: l.id, reason: 'no' }))).error).toMatch(/reason/);
    expect((await discardDeadLetterAction({}, form({ id: l.id, reason: 'duplicate of another run' }))).ok).toBe('Discarded.');
    const row = await db.deadLetter.findUniqueOrThrow({ where: { id: l.id } });
    expect(row).toMatchObject({ resolvedById: admin.id, discardReason: 'duplicate of another run' });

    const l2 = await letter();
    expect((await replayDeadLettersAction([l2.id, l.id])).ok).toMatch(/Replayed 1 of 2\. Skipped: .*already discarded/);
  });
});
