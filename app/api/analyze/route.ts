import { runInstantAnalysis } from '@/lib/audits/run-instant-analysis';
import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute, readJson } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/** POST {url, keyword?, render?} → the analysis, stored as a SINGLE audit. */
export const POST = jsonRoute(async (request) => {
  const user = await requireUser();
  return runInstantAnalysis(await readJson(request), user.id);
});
