import { getCurrentUser } from '@/lib/auth/require-user';
import { checkHealth, toPublicHealth } from '@/lib/health/check-health';

export const dynamic = 'force-dynamic';

/** Up/down per component for anyone (load balancers, uptime checks); details for admins only. */
export async function GET() {
  const health = await checkHealth();
  // With PostgreSQL down nobody can be recognised as an admin: everyone gets the public view.
  const user = health.components.postgres.status === 'up' ? await getCurrentUser().catch(() => null) : null;
  const body = user?.role === 'ADMIN' ? health : toPublicHealth(health);
  return Response.json(body, { status: health.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
