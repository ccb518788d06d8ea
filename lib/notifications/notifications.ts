import { z } from 'zod';
import { db } from '@/lib/db';
import type { NotificationKind } from '@/lib/generated/prisma/enums';
import type { Prisma } from '@/lib/generated/prisma/client';

// In-app notifications: the bell's unread count and list. Each row belongs to one user and is only
// ever read or marked read through these functions, which take that user's id.

export const LIST_SIZE = 20;

export function createNotification(input: { userId: string; kind: NotificationKind; auditId?: string | null; title: string; message: string; data?: Prisma.InputJsonValue }) {
  return db.notification.create({ data: { ...input, auditId: input.auditId ?? null } });
}

export async function listNotifications(userId: string, take = LIST_SIZE) {
  const [unread, items] = await Promise.all([
    db.notification.count({ where: { userId, readAt: null } }),
    db.notification.findMany({
      where: { userId },
      orderBy: { createdAt: 'desc' },
      take,
      select: { id: true, kind: true, auditId: true, title: true, message: true, readAt: true, createdAt: true },
    }),
  ]);
  return { unread, items };
}

export const markReadInput = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) }),
  z.object({ all: z.literal(true) }),
]);

/** Marks the user's own notifications read (someone else's ids match nothing). */
export async function markNotificationsRead(userId: string, input: z.output<typeof markReadInput>) {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null, ...('ids' in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { marked: count };
}
