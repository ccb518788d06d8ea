import type { Metadata } from 'next';
import { getCurrentUser } from '@/lib/auth/require-user';

/**
 * A page title only for administrators: Next renders metadata even when the page answers 404 or
 * redirects to sign-in, so a static title would name the admin page to anyone who asks.
 */
export function adminMetadata(title: string): () => Promise<Metadata> {
  return async () => ((await getCurrentUser())?.role === 'ADMIN' ? { title: `${title} · Admin` } : {});
}
