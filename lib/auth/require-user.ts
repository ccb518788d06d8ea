import { notFound, redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';
import { getUserRole } from '@/lib/users/users';

export type CurrentUser = { id: string; email: string; role: Role };

/** The signed-in user, with the role read fresh from the database; a disabled user's session counts as signed out. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const role = await getUserRole(id);
  if (!role) return null;
  return { id, email: session.user.email ?? '', role };
}

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError('UNAUTHORIZED', 'Please sign in.');
  return user;
}

/** For pages: send signed-out visitors to the sign-in page instead of throwing. */
export async function requirePageUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  return user;
}

/** Every admin action calls this itself: a layout does not protect server actions. */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Administrators only.');
  return user;
}

/**
 * For admin pages, called by each page itself: Next renders a page in parallel with its layout
 * and streams its output even when the layout redirects, so a layout's check protects nothing.
 */
export async function requirePageAdmin(next = '/admin'): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  if (user.role !== 'ADMIN') notFound();
  return user;
}
