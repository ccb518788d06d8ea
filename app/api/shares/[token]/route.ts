import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';
import { revokeShare } from '@/lib/shares/shares';

export const dynamic = 'force-dynamic';

/** Revokes a link (by its token, or by the id the audit page lists); it stops working at once. */
export const DELETE = jsonRoute<{ token: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { token } = await params;
  return revokeShare(token, user);
});
