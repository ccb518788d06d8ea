import { getAuditForUser } from '@/lib/audits/audit-queries';
import { listAuditPages, parsePagesQuery } from '@/lib/audits/explorer-queries';
import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/** The crawled pages: ?page=&pageSize=&sort=&order=&status=&q=&hasIssue= → {total, page, pageSize, items}. */
export const GET = jsonRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  await getAuditForUser(id, user);
  return listAuditPages(id, parsePagesQuery(new URL(request.url).searchParams));
});
