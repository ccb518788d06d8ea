import { getAuditForUser } from '@/lib/audits/audit-queries';
import { listIssues } from '@/lib/audits/explorer-queries';
import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/** Every check that fired in the audit, most costly first. */
export const GET = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  await getAuditForUser(id, user);
  return listIssues(id);
});
