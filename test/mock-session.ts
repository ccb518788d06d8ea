import { vi } from 'vitest';

export type TestUser = { id: string; email: string; role: 'USER' | 'PREMIUM' | 'ADMIN' };

/**
 * Routes and actions called as Next calls them, with only the session faked: `requireUser` answers
 * with `session.user`, or 401 "Please sign in." while it is null. Call it before the routes are
 * imported (these tests import them with `await import`, after this line).
 */
export function mockSession(): { user: TestUser | null } {
  const session: { user: TestUser | null } = { user: null };
  vi.doMock('@/lib/auth/require-user', async () => {
    const { AppError } = await import('@/lib/errors');
    return {
      requireUser: async () => {
        if (!session.user) throw new AppError('UNAUTHORIZED', 'Please sign in.');
        return session.user;
      },
    };
  });
  return session;
}
