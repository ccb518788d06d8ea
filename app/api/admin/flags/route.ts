import { requireAdmin } from '@/lib/auth/require-user';
import { listFlagChanges, listFlags } from '@/lib/flags/flags';
import { jsonRoute } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/** GET → {flags: [{key, kind, label, enabled, mode, rolloutPercent, updatedAt, updatedBy}], changes: […]} (admins only). */
export const GET = jsonRoute(async () => {
  await requireAdmin();
  const [flags, changes] = await Promise.all([listFlags(), listFlagChanges(50)]);
  return { flags, changes };
});
