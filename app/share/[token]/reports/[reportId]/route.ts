import { jsonRoute } from '@/lib/http/json-route';
import { createReportDownload } from '@/lib/reports/report-download';
import { getSharedReport } from '@/lib/shares/shares';

export const dynamic = 'force-dynamic';

/** A READY report of the shared audit, without an account; 404 once the link is revoked or expired. */
export const GET = jsonRoute<{ token: string; reportId: string }>(async (_request, { params }) => {
  const { token, reportId } = await params;
  return createReportDownload(await getSharedReport(token, reportId));
});
