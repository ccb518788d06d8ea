import { cancelAudit } from '@/lib/audits/audit-lifecycle';
import { getAuditForUser } from '@/lib/audits/audit-queries';
import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

export const POST = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  await getAuditForUser(id, user);
  await cancelAudit(id);
  return { id, status: 'CANCELLED' };
});
