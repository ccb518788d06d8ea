import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Role changes and disabling, through the library and the server actions with their own role
// checks; a disabled user's existing session is refused by requireUser/requirePageUser.
const session: { user: { id: string; email: string } | null } = { user: null };
vi.mock('@/lib/auth/auth', () => ({ auth: async () => (session.user ? { user: session.user } : null) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { db } = await import('@/lib/db');
const { upsertUser, verifyCredentials } = await import('@/lib/users/users');
const { changeUserRole, listUsersForAdmin, setUserDisabled } = await import('@/lib/users/admin-users');
const { listAuditsForAdmin } = await import('@/lib/users/admin-audits');
const { getCurrentUser, requireUser, requireAdmin, requirePageUser } = await import('@/lib/auth/require-user');
const { changeRoleAction, setDisabledAction } = await import('@/app/(admin)/admin/users/actions');

const tag = randomUUID().slice(0, 8);
let admin: { id: string; email: string };
let other: { id: string; email: string };

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

beforeAll(async () => {
  const a = await upsertUser({ email: `admin-${tag}@example.com`, password: 'admin-password-1', name: 'A', role: 'ADMIN' });
  const o = await upsertUser({ email: `member-${tag}@example.com`, password: 'member-password-1', name: 'M', role: 'USER' });
  admin = { id: a.id, email: a.email };
  other = { id: o.id, email: o.email };
  await db.audit.create({ data: { kind: 'SINGLE', url: `https://${tag}.example.com/`, userId: other.id, status: 'COMPLETED' } });
});

afterAll(async () => {
  await db.audit.deleteMany({ where: { userId: other.id } });
  await db.user.deleteMany({ where: { id: { in: [admin.id, other.id] } } });
  await db.$disconnect();
});

describe('admin user management', () => {
  it('lists users with their audit counts, searchable; and every audit across users', async () => {
    const { users, total } = await listUsersForAdmin({ q: tag, page: 1 });
    expect(total).toBe(2);
    expect(users.find((u) => u.id === other.id)).toMatchObject({ role: 'USER', auditCount: 1, disabledAt: null });
    const audits = await listAuditsForAdmin({ aq: `member-${tag}`, apage: 1 });
    expect(audits.total).toBe(1);
    expect(audits.audits[0]).toMatchObject({ url: `https://${tag}.example.com/`, user: { email: other.email } });
  });

  it('changes a role; an admin cannot change their own role', async () => {
    expect((await changeUserRole(admin.id, other.id, 'PREMIUM')).role).toBe('PREMIUM');
    await expect(changeUserRole(admin.id, admin.id, 'USER')).rejects.toThrow(/own role/);
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('ADMIN');
    await expect(changeUserRole(admin.id, 'no-such-user', 'USER')).rejects.toThrow(/not found/);
    await changeUserRole(admin.id, other.id, 'USER');
  });

  it('a disabled user cannot sign in and their session is refused at once; enabling restores both', async () => {
    await expect(setUserDisabled(admin.id, admin.id, true)).rejects.toThrow(/yourself/);
    expect(await verifyCredentials(other.email, 'member-password-1')).toMatchObject({ id: other.id });
    session.user = other;
    expect(await getCurrentUser()).toMatchObject({ id: other.id, role: 'USER' });

    await setUserDisabled(admin.id, other.id, true);
    expect(await verifyCredentials(other.email, 'member-password-1')).toBeNull();
    expect(await getCurrentUser()).toBeNull();
    await expect(requireUser()).rejects.toThrow(/sign in/);
    // requirePageUser redirects (Next throws its redirect signal).
    await expect(requirePageUser()).rejects.toThrow(/NEXT_REDIRECT/);

    await setUserDisabled(admin.id, other.id, false);
    expect(await verifyCredentials(other.email, 'member-password-1')).toMatchObject({ id: other.id });
    expect(await requireUser()).toMatchObject({ id: other.id });
  });

  it('a disabled admin loses admin rights on the next request', async () => {
    const second = await upsertUser({ email: `admin2-${tag}@example.com`, password: 'admin-password-2', name: 'B', role: 'ADMIN' });
    try {
      session.user = { id: second.id, email: second.email };
      expect(await requireAdmin()).toMatchObject({ id: second.id });
      await setUserDisabled(admin.id, second.id, true);
      await expect(requireAdmin()).rejects.toThrow(/sign in/);
    } finally {
      await db.user.delete({ where: { id: second.id } });
    }
  });

  it('the server actions check the admin role themselves and enforce the self rules', async () => {
    for (const who of [null, other]) {
      session.user = who;
      const expected = who ? /Administrators only/ : /sign in/;
      // A non-admin trying to make themselves admin.
      expect((await changeRoleAction({}, form({ userId: other.id, role: 'ADMIN' }))).error).toMatch(expected);
      expect((await setDisabledAction({}, form({ userId: admin.id, disabled: 'true' }))).error).toMatch(expected);
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ role: 'USER' });
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ disabledAt: null });

    session.user = admin;
    expect((await changeRoleAction({}, form({ userId: admin.id, role: 'USER' }))).error).toMatch(/own role/);
    expect((await setDisabledAction({}, form({ userId: admin.id, disabled: 'true' }))).error).toMatch(/yourself/);
    expect((await changeRoleAction({}, form({ userId: other.id, role: 'SUPERUSER' }))).error).toMatch(/USER, PREMIUM or ADMIN/);
    expect((await changeRoleAction({}, form({ userId: other.id, role: 'PREMIUM' }))).ok).toBe(`${other.email} is now PREMIUM.`);
    expect((await setDisabledAction({}, form({ userId: other.id, disabled: 'true' }))).ok).toMatch(/disabled/);
    expect(await db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ role: 'PREMIUM', disabledAt: expect.any(Date) });
    expect((await setDisabledAction({}, form({ userId: other.id, disabled: 'false' }))).ok).toMatch(/enabled/);
  });
});
