import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// POST /api/audits/:id/reports is limited per user like analyses and audits: a report is a full
// read of an audit and a file on disk, so nobody may ask for them in a loop.

const session: { user: { id: string; email: string } | null } = { user: null };
vi.mock('@/lib/auth/auth', () => ({ auth: async () => (session.user ? { user: session.user } : null) }));
process.env.RATE_LIMIT_REPORTS_PER_MINUTE = '3';

const { db } = await import('@/lib/db');
const { POST } = await import('@/app/api/audits/[id]/reports/route');

const tag = randomUUID().slice(0, 8);
let users: { id: string; email: string }[] = [];
let auditId = '';

const request = (id: string, body: unknown) =>
  POST(new Request(`http://127.0.0.1:3000/api/audits/${id}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), {
    params: Promise.resolve({ id }),
  });

beforeAll(async () => {
  users = await Promise.all(['a', 'b'].map((who) => db.user.create({ data: { email: `report-limit-${who}-${tag}@example.com` } })));
  auditId = (await db.audit.create({ data: { kind: 'SINGLE', status: 'COMPLETED', url: `https://${tag}.example/`, userId: users[0]!.id, finishedAt: new Date() } })).id;
});

afterAll(async () => {
  await db.audit.deleteMany({ where: { id: auditId } });
  await db.user.deleteMany({ where: { id: { in: users.map((u) => u.id) } } });
  await db.$disconnect();
});

describe('report request rate limit', () => {
  it('allows RATE_LIMIT_REPORTS_PER_MINUTE requests a minute per user, then 429 with Retry-After', async () => {
    session.user = users[0]!;
    const statuses = [];
    for (const format of ['csv', 'xlsx', 'csv']) statuses.push((await request(auditId, { format })).status);
    expect(statuses).toEqual([202, 202, 202]);
    const limited = await request(auditId, { format: 'csv', kind: 'pages' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(/Too many report requests: at most 3 a minute/);
    // The refused request created nothing.
    expect(await db.report.count({ where: { auditId, kind: 'PAGES' } })).toBe(0);
  });

  it('counts requests for audits that are not the caller’s too, so ids cannot be probed past the limit', async () => {
    session.user = users[1]!;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(`missing-${tag}-${i}`, { format: 'csv' })).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });
});
