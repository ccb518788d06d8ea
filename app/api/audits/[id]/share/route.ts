import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute, parseInput, readJson } from '@/lib/http/json-route';
import { createShare, listActiveShares, shareRequestSchema } from '@/lib/shares/shares';

export const dynamic = 'force-dynamic';

/** POST {expiresInDays?} → 201 {url, token, id, expiresAt}: the token is shown this once. */
export const POST = jsonRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  const hasBody = request.headers.get('content-length') !== '0' && request.body !== null;
  const input = parseInput(shareRequestSchema, hasBody ? await readJson(request, '{"expiresInDays": 7}') : {});
  return Response.json(await createShare(id, input, user), { status: 201 });
});

/** The audit's links that still work (ids and expiry only). */
export const GET = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  return { shares: await listActiveShares(id, user) };
});
