import { diffAudits, getDiffPairForUser } from '@/lib/audits/audit-diff';
import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/**
 * What changed between audits :id and :otherId, from the earlier to the later: {new, fixed, persisting, pagesAdded,
 * pagesRemoved, statusChanges, scoreDelta, counts, newBySeverity}. 404 when either audit is not the
 * user's (admins see all); 400 when they are of different sites.
 */
export const GET = jsonRoute<{ id: string; otherId: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id, otherId } = await params;
  const { head, base } = await getDiffPairForUser(id, otherId, user);
  return diffAudits(base, head);
});
