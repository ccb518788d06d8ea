import { requireUser } from '@/lib/auth/require-user';
import { startComparisonInput } from '@/lib/comparisons/comparison-input';
import { listComparisons } from '@/lib/comparisons/comparisons';
import { startComparison } from '@/lib/comparisons/start-comparison';
import { jsonRoute, parseInput, readJson } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/**
 * POST {url, rivals: [url…] (1–4, distinct from url), maxPages?, keyword?} → 202 {id, status, mode, auditIds}.
 * One audit per site, run as a flow (mode "async") or in the web process ("sync": the professional
 * audit flag says so, or the queue is down). 503 when comparisons are switched off.
 */
export const POST = jsonRoute(async (request) => {
  const user = await requireUser();
  const input = parseInput(startComparisonInput, await readJson(request, '{"url": "https://…", "rivals": ["https://…"]}'));
  const comparison = await startComparison(input, user);
  return Response.json(comparison, { status: 202 });
});

/** The user's comparisons, newest first. */
export const GET = jsonRoute(async () => {
  const user = await requireUser();
  return { comparisons: await listComparisons(user.id) };
});
