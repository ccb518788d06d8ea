export const dynamic = 'force-dynamic';

/**
 * Liveness: answers as long as the event loop turns, touching no dependency. Kubernetes restarts a
 * pod whose liveness fails, so an outage of PostgreSQL or Redis must not fail it (that is /api/health).
 */
export function GET() {
  return Response.json({ status: 'alive' }, { headers: { 'Cache-Control': 'no-store' } });
}
