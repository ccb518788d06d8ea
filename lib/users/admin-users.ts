import { z } from 'zod';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';
import type { Prisma } from '@/lib/generated/prisma/client';

export const ROLES = ['USER', 'PREMIUM', 'ADMIN'] as const satisfies readonly Role[];
export const USERS_PAGE_SIZE = 50;

export const userListQuery = z.object({
  q: z
    .string()
    .optional()
    .catch(undefined)
    .transform((q) => q?.trim().slice(0, 200) || undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type UserListQuery = z.infer<typeof userListQuery>;

export type AdminUserRow = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
  auditCount: number;
};

/** Users for the admin page, newest first, with how many audits each owns. */
export async function listUsersForAdmin(query: UserListQuery): Promise<{ users: AdminUserRow[]; total: number; pageSize: number }> {
  const where: Prisma.UserWhereInput = query.q
    ? { OR: [{ email: { contains: query.q, mode: 'insensitive' } }, { name: { contains: query.q, mode: 'insensitive' } }] }
    : {};
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (query.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true, _count: { select: { audits: true } } },
    }),
    db.user.count({ where }),
  ]);
  return {
    users: rows.map(({ _count, ...u }) => ({ ...u, auditCount: _count.audits })),
    total,
    pageSize: USERS_PAGE_SIZE,
  };
}

async function getTarget(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, disabledAt: true } });
  if (!user) throw new AppError('NOT_FOUND', 'User not found.');
  return user;
}

/**
 * Changes a user's role. An administrator cannot change their own role: demoting yourself by
 * mistake could leave nobody able to undo it, and promoting yourself is meaningless.
 */
export async function changeUserRole(actorId: string, userId: string, role: Role) {
  if (!(ROLES as readonly string[]).includes(role)) throw new AppError('BAD_REQUEST', `Unknown role "${role}".`);
  if (actorId === userId) throw new AppError('FORBIDDEN', 'You cannot change your own role.');
  const target = await getTarget(userId);
  if (target.role === role) return target;
  return db.user.update({ where: { id: userId }, data: { role }, select: { id: true, email: true, role: true, disabledAt: true } });
}

/**
 * Disables or enables a user. A disabled user cannot sign in, and requireUser/requirePageUser
 * refuse their existing session on its next request (the role lookup they already do reads it).
 */
export async function setUserDisabled(actorId: string, userId: string, disabled: boolean) {
  if (actorId === userId) throw new AppError('FORBIDDEN', 'You cannot disable or enable yourself.');
  const target = await getTarget(userId);
  if (Boolean(target.disabledAt) === disabled) return target;
  return db.user.update({
    where: { id: userId },
    data: { disabledAt: disabled ? new Date() : null },
    select: { id: true, email: true, role: true, disabledAt: true },
  });
}
