import { cancelAudit } from '@/lib/audits/audit-lifecycle';
import { getAuditForUser } from '@/lib/audits/audit-queries';
import { requireUser } from '@/lib/auth/require-user';
import { toErrorResponse } from '@/lib/errors';

export const dynamic = 'force-dynamic';

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireUser();
    const { id } = await params;
    await getAuditForUser(id, user);
    await cancelAudit(id);
    return Response.json({ id, status: 'CANCELLED' });
  } catch (err) {
    const { status, body } = toErrorResponse(err);
    return Response.json(body, { status });
  }
}
