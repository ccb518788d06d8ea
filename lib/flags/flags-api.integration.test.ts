import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The flags API through its real route handlers and the real role checks; only the session is faked.
const session: { user: { id: string; email: string } | null } = { user: null };
vi.mock('@/lib/auth/auth', () => ({ auth: async () => (session.user ? { user: session.user } : null) }));

const { db } = await import('@/lib/db');
const { GET } = await import('@/app/api/admin/flags/route');
const { PATCH } = await import('@/app/api/admin/flags/[key]/route');
const { modeOf, isEnabled, listFlagChanges, updateFlag } = await import('@/lib/flags/flags');
const { FLAG_KEYS } = await import('@/lib/flags/flag-names');

let admin: { id: string; email: string };
let member: { id: string; email: string };

const get = () => GET(new Request('http://127.0.0.1:3000/api/admin/flags'), { params: Promise.resolve({}) });
const patch = (key: string, body: unknown) =>
  PATCH(new Request(`http://127.0.0.1:3000/api/admin/flags/${key}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), {
    params: Promise.resolve({ key }),
  });

beforeAll(async () => {
  const a = await db.user.create({ data: { email: `flag-admin-${randomUUID()}@example.com`, role: 'ADMIN' } });
  const m = await db.user.create({ data: { email: `flag-user-${randomUUID()}@example.com`, role: 'USER' } });
  admin = { id: a.id, email: a.email };
  member = { id: m.id, email: m.email };
});

afterAll(async () => {
  await updateFlag('bulk-analysis', { enabled: true, mode: 'async', rolloutPercent: 100 }, null);
  await db.$disconnect();
});

describe('flags API', () => {
  it('answers 401 when signed out and 403 for a non-admin, on GET and PATCH, and changes nothing', async () => {
    session.user = null;
    expect((await get()).status).toBe(401);
    expect((await patch('bulk-analysis', { mode: 'sync' })).status).toBe(401);
    session.user = member;
    expect((await get()).status).toBe(403);
    expect((await patch('bulk-analysis', { mode: 'sync' })).status).toBe(403);
    expect(await modeOf('bulk-analysis', member.id)).toBe('async');
  });

  it('lists every flag with its defaults on a fresh database', async () => {
    session.user = admin;
    await db.featureFlag.deleteMany({ where: { key: 'comparison' } });
    const res = await get();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { flags: { key: string; enabled: boolean; mode: string; rolloutPercent: number }[] };
    expect(body.flags.map((f) => f.key)).toEqual(FLAG_KEYS);
    expect(body.flags.find((f) => f.key === 'comparison')).toMatchObject({ enabled: true, mode: 'async', rolloutPercent: 100 });
  });

  it('PATCH changes a flag, records who changed what, and the app sees it', async () => {
    session.user = admin;
    await updateFlag('bulk-analysis', { enabled: true, mode: 'async', rolloutPercent: 100 }, null);
    const res = await patch('bulk-analysis', { mode: 'sync', rolloutPercent: 40 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { flag: unknown }).flag).toMatchObject({ key: 'bulk-analysis', mode: 'sync', rolloutPercent: 40, updatedBy: admin.email });
    expect(await modeOf('bulk-analysis', member.id)).toBe('sync');
    const [last] = await listFlagChanges(1);
    expect(last).toMatchObject({ key: 'bulk-analysis', changedBy: admin.email, before: { mode: 'async', rolloutPercent: 100 }, after: { mode: 'sync', rolloutPercent: 40 } });

    // Off, then on again: two more history rows.
    expect((await patch('bulk-analysis', { enabled: false })).status).toBe(200);
    expect(await isEnabled('bulk-analysis')).toBe(false);
    expect((await patch('bulk-analysis', { enabled: true })).status).toBe(200);
    const recent = await listFlagChanges(2);
    expect(recent.map((c) => [c.before?.enabled, c.after?.enabled])).toEqual([[false, true], [true, false]]);
  });

  it('404 for an unknown key, 400 for a bad body or a mode on an on/off switch', async () => {
    session.user = admin;
    expect((await patch('no-such-flag', { enabled: false })).status).toBe(404);
    expect((await patch('bulk-analysis', { mode: 'sometimes' })).status).toBe(400);
    expect((await patch('bulk-analysis', { rolloutPercent: 101 })).status).toBe(400);
    expect((await patch('bulk-analysis', {})).status).toBe(400);
    expect((await patch('bulk-analysis', { enabled: false, extra: 1 })).status).toBe(400);
    expect((await patch('single-analysis', { mode: 'sync' })).status).toBe(400);
  });
});
