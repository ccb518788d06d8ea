'use server';

import { AuthError } from 'next-auth';
import { signIn, signInSchema } from '@/lib/auth/auth';

export type SignInState = { error?: string; email?: string };

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: form.get('email'), password: form.get('password') });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check your input.', email: String(form.get('email') ?? '') };
  const next = String(form.get('next') ?? '');
  try {
    // Only same-site paths: an open redirect here would be a phishing gift.
    await signIn('credentials', { ...parsed.data, redirectTo: next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard' });
    return {};
  } catch (err) {
    if (err instanceof AuthError) return { error: 'Wrong email or password.', email: parsed.data.email };
    throw err; // the redirect after a successful sign-in is thrown too
  }
}
