import { requireAdmin } from '@/lib/auth/require-user';
import { flagPatchSchema, updateFlag } from '@/lib/flags/flags';
import { jsonRoute, parseInput, readJson } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/**
 * PATCH {enabled?: boolean, mode?: "sync"|"async", rolloutPercent?: 0–100} → the flag (admins only).
 * 404 for an unknown key; every change is recorded with who made it.
 */
export const PATCH = jsonRoute<{ key: string }>(async (request, { params }) => {
  const admin = await requireAdmin();
  const { key } = await params;
  const patch = parseInput(flagPatchSchema, await readJson(request, '{"mode": "sync"}'));
  return { flag: await updateFlag(key, patch, admin.id) };
});
