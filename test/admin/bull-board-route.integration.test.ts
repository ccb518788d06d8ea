import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The Bull Board catch-all route handler, called directly with a faked session: the admin role is
// checked on every request (page, API, static file, mutation) before Bull Board sees it.
process.env.QUEUE_PREFIX = `ro-bb-${randomUUID().slice(0, 8)}`;

const session: { user: { id: string; email: string } | null } = { user: null };
vi.mock('@/lib/auth/auth', () => ({ auth: async () => (session.user ? { user: session.user } : null) }));

const { db } = await import('@/lib/db');
const route = await import('@/app/api/admin/bull-board/[[...path]]/route');
const { enqueue } = await import('@/lib/queue/enqueue');
const { closeQueues, getQueue } = await import('@/lib/queue/queues');
const { QUEUE_NAMES } = await import('@/lib/queue/jobs');
const { env } = await import('@/lib/env');

const BASE = 'http://127.0.0.1:3000/api/admin/bull-board';
let admin: { id: string; email: string };
let member: { id: string; email: string };

const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, headers: Record<string, string> = {}) =>
  route[method](new Request(`${BASE}${path}`, { method, headers }));

beforeAll(async () => {
  const a = await db.user.create({ data: { email: `bb-admin-${randomUUID()}@example.com`, role: 'ADMIN' } });
  const m = await db.user.create({ data: { email: `bb-user-${randomUUID()}@example.com`, role: 'PREMIUM' } });
  admin = { id: a.id, email: a.email };
  member = { id: m.id, email: m.email };
});

afterAll(async () => {
  for (const name of QUEUE_NAMES) await (await getQueue(name)).obliterate({ force: true });
  await closeQueues();
  await db.user.deleteMany({ where: { id: { in: [admin.id, member.id] } } });
  await db.$disconnect();
});

describe('Bull Board route', () => {
  const paths = ['', '/', '/api/queues', '/queue/maintenance', '/static/images/logo.svg'];

  it('signed out: 401, or a redirect to sign-in for a browser page request', async () => {
    session.user = null;
    for (const p of paths) expect((await call('GET', p)).status, p).toBe(401);
    const page = await call('GET', '', { accept: 'text/html,application/xhtml+xml' });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toBe('/sign-in?next=%2Fapi%2Fadmin%2Fbull-board');
    expect((await call('PUT', '/api/queues/maintenance/pause')).status).toBe(401);
  });

  it('signed in without the admin role: 404 everywhere, and nothing is changed', async () => {
    session.user = member;
    for (const p of paths) expect((await call('GET', p)).status, p).toBe(404);
    expect((await call('PUT', '/api/queues/maintenance/pause')).status).toBe(404);
    expect(await (await getQueue('maintenance')).isPaused()).toBe(false);
  });

  it('an admin gets the board page, static files, and every queue with its prefix and counts', async () => {
    session.user = admin;
    const page = await call('GET', '');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<base href="/api/admin/bull-board/"');
    expect(html).toContain('Rival Outranker queues');

    const logo = await call('GET', '/static/images/logo.svg');
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toContain('image/svg+xml');
    expect((await call('GET', '/static/..%2F..%2Fpackage.json')).status).toBe(404);

    // Every job has a priority (jobs.ts), so BullMQ holds it as "prioritized", not "waiting".
    const job = await enqueue('maintenance.cleanup', { olderThanDays: 5 });
    const res = await call('GET', '/api/queues?activeQueue=maintenance&status=prioritized&page=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = (await res.json()) as { queues: { name: string; counts: Record<string, number>; jobs: { id: string }[] }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());
    const maintenance = body.queues.find((q) => q.name === 'maintenance')!;
    expect((maintenance.counts.waiting ?? 0) + (maintenance.counts.prioritized ?? 0)).toBe(1);
    expect(maintenance.jobs.map((j) => String(j.id))).toContain(String(job.id));
    // The queue Bull Board reads is ours: same prefix as the producers.
    expect(env.QUEUE_PREFIX).toMatch(/^ro-bb-/);
  });

  it('an admin may use its mutations from the same origin; a cross-site one is refused first', async () => {
    session.user = admin;
    const queue = await getQueue('maintenance');
    const foreign = await call('PUT', '/api/queues/maintenance/pause', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(foreign.status).toBe(403);
    expect(await queue.isPaused()).toBe(false);

    const paused = await call('PUT', '/api/queues/maintenance/pause', { origin: new URL(env.APP_URL).origin, 'sec-fetch-site': 'same-origin' });
    expect(paused.status).toBeLessThan(300);
    expect(await queue.isPaused()).toBe(true);
    await call('PUT', '/api/queues/maintenance/resume', { origin: new URL(env.APP_URL).origin, 'sec-fetch-site': 'same-origin' });
    expect(await queue.isPaused()).toBe(false);
  });

  it('a user disabled mid-session is refused on the next request', async () => {
    const other = await db.user.create({ data: { email: `bb-admin2-${randomUUID()}@example.com`, role: 'ADMIN' } });
    session.user = { id: other.id, email: other.email };
    expect((await call('GET', '/api/queues')).status).toBe(200);
    await db.user.update({ where: { id: other.id }, data: { disabledAt: new Date() } });
    expect((await call('GET', '/api/queues')).status).toBe(401);
    await db.user.delete({ where: { id: other.id } });
  });
});
