import { db } from '@/lib/db';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/generated/prisma/enums';

export type SessionUser = { id: string; email: string; name: string | null; role: Role };

/** Returns the user when email and password match, else null (never says which was wrong). */
export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user?.passwordHash) return null;
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  // Checked after the password so a wrong password and a disabled account look the same.
  if (user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Creates the user or resets its password and role (the seed runs this on every start). */
export async function upsertUser(input: { email: string; password: string; name: string; role: Role }) {
  const passwordHash = await hashPassword(input.password);
  const email = input.email.toLowerCase();
  return db.user.upsert({
    where: { email },
    create: { email, name: input.name, role: input.role, passwordHash },
    update: { name: input.name, role: input.role, passwordHash },
  });
}

/**
 * The role of an active user; null when the user is gone or disabled. Every request with a session
 * already reads the role fresh, so refusing a disabled user costs nothing more: the same primary-key
 * lookup returns one more column.
 */
export async function getUserRole(id: string): Promise<Role | null> {
  const user = await db.user.findUnique({ where: { id }, select: { role: true, disabledAt: true } });
  if (!user || user.disabledAt) return null;
  return user.role;
}
