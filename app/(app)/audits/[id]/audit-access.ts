import { notFound } from 'next/navigation';
import { getAuditForUser } from '@/lib/audits/audit-queries';
import type { CurrentUser } from '@/lib/auth/require-user';
import { AppError } from '@/lib/errors';

export type AuditRecord = Awaited<ReturnType<typeof getAuditForUser>>;

/**
 * The audit if this user may see it, else the 404 page (never a 403: ids cannot be probed). The
 * explorer views take the row this returns rather than an id, so none can render an unchecked audit.
 */
export async function getAuditOr404(id: string, user: CurrentUser): Promise<AuditRecord> {
  try {
    return await getAuditForUser(id, user);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
}
