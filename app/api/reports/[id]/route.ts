import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';
import { getReportForUser, toReportView } from '@/lib/reports/report-queries';

export const dynamic = 'force-dynamic';

/** {id, status, format, kind, sizeBytes, progress, error, downloadUrl, …}; 404 for reports of others' audits. */
export const GET = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  return toReportView(await getReportForUser(id, user));
});
