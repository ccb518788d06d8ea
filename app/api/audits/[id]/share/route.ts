import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';
import { createShare, listActiveShares, readShareRequest } from '@/lib/shares/shares';

export const dynamic = 'force-dynamic';

/** POST {expiresInDays?} → 201 {url, token, id, expiresAt}: the token is shown this once. */
export const POST = jsonRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  return Response.json(await createShare({ auditId: id }, await readShareRequest(request), user), { status: 201 });
});

/** The audit's links that still work (ids and expiry only). */
export const GET = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  return { shares: await listActiveShares({ auditId: id }, user) };
});
