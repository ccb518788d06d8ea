import { getAuditForUser } from '@/lib/audits/audit-queries';
import { getAuditOverview } from '@/lib/audits/explorer-queries';
import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/** Scores, counts, histograms, what to fix first and why the score is what it is. */
export const GET = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  await getAuditForUser(id, user);
  return getAuditOverview(id);
});
