import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { mockSession } from '@/test/mock-session';

// One id ties a request to what it started: the caller's X-Request-Id is stored on the audit and
// travels in its job's meta (the worker logs every line of that job with it).
process.env.QUEUE_PREFIX = `ro-corr-${randomUUID().slice(0, 8)}`;

const session = mockSession();

const { db } = await import('@/lib/db');
const auditsRoute = await import('@/app/api/audits/route');
const { updateFlag } = await import('@/lib/flags/flags');
const { closeQueues, getQueue } = await import('@/lib/queue/queues');

afterAll(async () => {
  await (await getQueue('crawl')).obliterate({ force: true });
  await closeQueues();
  await db.$disconnect();
});

describe('correlation id', () => {
  it("is stored on the audit a request starts and carried by the audit's job", async () => {
    await updateFlag('professional-audit', { enabled: true, mode: 'async', rolloutPercent: 100 }, null);
    const user = await db.user.create({ data: { email: `corr-${randomUUID()}@example.com` } });
    session.user = { id: user.id, email: user.email, role: 'USER' };
    const requestId = `trace-${randomUUID().slice(0, 8)}`;
    const res = await auditsRoute.POST(
      new Request('http://127.0.0.1/api/audits', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ url: 'https://correlation.example.com/', maxPages: 5 }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status, await res.clone().text()).toBe(202);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const { id, mode } = (await res.json()) as { id: string; mode: string };
    expect(mode).toBe('async');
    expect((await db.audit.findUniqueOrThrow({ where: { id } })).correlationId).toBe(requestId);
    const job = await (await getQueue('crawl')).getJob(`audit-${id}`);
    expect(job?.data.meta).toEqual({ correlationId: requestId });
  });
});
