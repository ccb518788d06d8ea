import { notFound } from 'next/navigation';
import type { CurrentUser } from '@/lib/auth/require-user';
import { AppError } from '@/lib/errors';
import { getSiteForUser } from '@/lib/sites/sites';

export type SiteRecord = Awaited<ReturnType<typeof getSiteForUser>>;

/** The site if this user may see it (owner or admin), else the 404 page: never a 403, so ids cannot be probed. */
export async function getSiteOr404(id: string, user: CurrentUser): Promise<SiteRecord> {
  try {
    return await getSiteForUser(id, user);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
}
