import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';
import { listDeliveries } from '@/lib/webhooks/webhooks';

export const dynamic = 'force-dynamic';

/** The delivery log of the caller's webhooks: status, attempts, response code, error. */
export const GET = jsonRoute(async () => {
  const user = await requireUser();
  return { deliveries: await listDeliveries(user.id) };
});
