import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';
import { createReportDownload } from '@/lib/reports/report-download';
import { getReportForUser } from '@/lib/reports/report-queries';

export const dynamic = 'force-dynamic';

/** The report file, streamed as an attachment; 404 for reports of others' audits, 409 until READY. */
export const GET = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  return createReportDownload(await getReportForUser(id, user));
});
