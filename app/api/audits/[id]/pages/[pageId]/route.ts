import { getAuditForUser } from '@/lib/audits/audit-queries';
import { getPageDetail, parseLinkPaging } from '@/lib/audits/explorer-queries';
import { requireUser } from '@/lib/auth/require-user';
import { AppError } from '@/lib/errors';
import { jsonRoute } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/** One page of the audit with its facts, findings and links: ?in=&out= pick the page of inlinks and outlinks. */
export const GET = jsonRoute<{ id: string; pageId: string }>(async (request, { params }) => {
  const user = await requireUser();
  const { id, pageId } = await params;
  await getAuditForUser(id, user);
  const detail = await getPageDetail(id, pageId, parseLinkPaging(new URL(request.url).searchParams));
  if (!detail) throw new AppError('NOT_FOUND', 'Page not found in this audit.');
  return detail;
});
