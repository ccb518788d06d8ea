import { startAuditInput } from '@/lib/audits/audit-input';
import { startProfessionalAudit } from '@/lib/audits/start-audit';
import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute, parseInput, readJson } from '@/lib/http/json-route';

export const dynamic = 'force-dynamic';

/**
 * POST {url, maxPages?, maxDepth?, renderMode?, respectRobots?, include?, exclude?, pageTimeoutMs?, scope?,
 * userAgentPreset?, customUserAgent?, maxRequestsPerSecond?, secrets?: {headers?, cookies?, basicAuth?}} → 202 {id, status, mode, events}.
 * mode "async": the crawl is queued; "sync": it runs in the web process (a flag says so, or the queue is down).
 * 503 when professional audits are switched off.
 */
export const POST = jsonRoute(async (request) => {
  const user = await requireUser();
  const input = parseInput(startAuditInput, await readJson(request));
  const audit = await startProfessionalAudit(input, user);
  return Response.json({ id: audit.id, status: audit.status, mode: audit.mode, events: `/api/audits/${audit.id}/events` }, { status: 202 });
});
