import { requireUser } from '@/lib/auth/require-user';
import { getComparisonForUser, getComparisonView } from '@/lib/comparisons/comparisons';
import { jsonRoute } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/**
 * {status, sites: [{url, auditId, role, status, score, categoryScores, pagesDone, error}], wins, losses,
 * ties, theyDoItYouDont, facts (by audit id)}. Sites are live while it runs; the rest once it finished.
 * 404 unless it is the user's (admins see all).
 */
export const GET = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  return getComparisonView(await getComparisonForUser(id, user));
});
