import { getAuditForUser, getAuditResult } from '@/lib/audits/audit-queries';
import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  await getAuditForUser(id, user);
  return getAuditResult(id);
});
