import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';
import { deleteWebhook } from '@/lib/webhooks/webhooks';

export const dynamic = 'force-dynamic';

export const DELETE = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  return deleteWebhook(id, user);
});
