import { startAuditInput } from '@/lib/audits/audit-input';
import { startProfessionalAudit } from '@/lib/audits/start-audit';
import { requireUser } from '@/lib/auth/require-user';
import { AppError, toErrorResponse } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** POST {url, maxPages?, maxDepth?, renderMode?, respectRobots?, include?, exclude?} → 202 {id}. */
export async function POST(request: Request) {
  try {
    const user = await requireUser();
    const body = await request.json().catch(() => {
      throw new AppError('BAD_REQUEST', 'The request body must be JSON: {"url": "https://…"}.');
    });
    const parsed = startAuditInput.safeParse(body);
    if (!parsed.success) {
      throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join(' '), parsed.error.issues);
    }
    const audit = await startProfessionalAudit(parsed.data, user);
    return Response.json({ id: audit.id, status: audit.status, events: `/api/audits/${audit.id}/events` }, { status: 202 });
  } catch (err) {
    const { status, body } = toErrorResponse(err);
    return Response.json(body, { status });
  }
}
