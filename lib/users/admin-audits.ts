import { z } from 'zod';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

// Every user's audits for the admin users page. Only top-level audits: a bulk run's per-URL
// children are reached through their parent.

export const ADMIN_AUDITS_PAGE_SIZE = 25;

export const adminAuditQuery = z.object({
  /** Matches the audited URL or the owner's email. */
  aq: z
    .string()
    .optional()
    .catch(undefined)
    .transform((q) => q?.trim().slice(0, 200) || undefined),
  apage: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AdminAuditQuery = z.infer<typeof adminAuditQuery>;

export async function listAuditsForAdmin(query: AdminAuditQuery) {
  const where: Prisma.AuditWhereInput = {
    parentId: null,
    ...(query.aq
      ? { OR: [{ url: { contains: query.aq, mode: 'insensitive' } }, { user: { email: { contains: query.aq, mode: 'insensitive' } } }] }
      : {}),
  };
  const [audits, total] = await Promise.all([
    db.audit.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (query.apage - 1) * ADMIN_AUDITS_PAGE_SIZE,
      take: ADMIN_AUDITS_PAGE_SIZE,
      select: { id: true, kind: true, status: true, url: true, score: true, createdAt: true, user: { select: { email: true } } },
    }),
    db.audit.count({ where }),
  ]);
  return { audits, total, pageSize: ADMIN_AUDITS_PAGE_SIZE };
}
