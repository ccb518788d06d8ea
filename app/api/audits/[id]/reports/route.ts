import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute, parseInput, readJson } from '@/lib/http/json-route';
import { requestReportInput } from '@/lib/reports/report-input';
import { listReportsForAudit, toReportView } from '@/lib/reports/report-queries';
import { getAuditForReport } from '@/lib/reports/report-source';
import { requestReport } from '@/lib/reports/request-report';

export const dynamic = 'force-dynamic';

/** POST {format: "xlsx"|"csv", kind?: "findings"|"pages"|"issues"} → 202 {id, status, …}; 409 while the audit runs. */
export const POST = jsonRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  const input = parseInput(requestReportInput, await readJson(request, '{"format": "xlsx"} or {"format": "csv", "kind": "findings"}'));
  const report = await requestReport(id, input, user);
  return Response.json({ ...toReportView(report), mode: report.mode, statusUrl: `/api/reports/${report.id}` }, { status: 202 });
});

/** The audit's reports, newest first. */
export const GET = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  await getAuditForReport(id, user);
  const reports = await listReportsForAudit(id);
  return { reports: reports.map(toReportView) };
});
