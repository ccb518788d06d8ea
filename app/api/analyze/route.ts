import { runInstantAnalysis } from '@/lib/analysis/run-instant-analysis';
import { requireUser } from '@/lib/auth/require-user';
import { AppError, toErrorResponse } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** POST {url, keyword?, render?} → the analysis, stored as a SINGLE audit. */
export async function POST(request: Request) {
  try {
    const user = await requireUser();
    const body = await request.json().catch(() => {
      throw new AppError('BAD_REQUEST', 'The request body must be JSON: {"url": "https://…"}.');
    });
    return Response.json(await runInstantAnalysis(body, user.id));
  } catch (err) {
    const { status, body } = toErrorResponse(err);
    return Response.json(body, { status });
  }
}
