import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';
import { listNotifications } from '@/lib/notifications/notifications';

export const dynamic = 'force-dynamic';

/** The bell: {unread, items} (newest 20). */
export const GET = jsonRoute(async () => {
  const user = await requireUser();
  return listNotifications(user.id);
});
