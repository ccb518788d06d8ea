import { db } from '@/lib/db';

/** Audits of one user, newest first (served by the (userId, createdAt desc) index). */
export function listAuditsForUser(userId: string, take = 50) {
  return db.audit.findMany({
    where: { userId, parentId: null },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, kind: true, status: true, url: true, score: true, pagesDone: true, pagesTotal: true, createdAt: true },
  });
}
