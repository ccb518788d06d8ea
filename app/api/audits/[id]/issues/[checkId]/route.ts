import { getAuditForUser } from '@/lib/audits/audit-queries';
import { listIssueUrls, parsePaging } from '@/lib/audits/explorer-queries';
import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/** The URLs one check affects: ?page=&pageSize= → {total, page, pageSize, items}. */
export const GET = jsonRoute<{ id: string; checkId: string }>(async (request, { params }) => {
  const user = await requireUser();
  const { id, checkId } = await params;
  await getAuditForUser(id, user);
  return listIssueUrls(id, checkId, parsePaging(new URL(request.url).searchParams));
});
