import { env } from '@/lib/env';
import { toErrorResponse } from '@/lib/errors';
import { collectMetrics } from '@/lib/metrics/collect-metrics';
import { authorizeMetrics } from '@/lib/metrics/metrics-auth';

export const dynamic = 'force-dynamic';

/** Prometheus exposition (text format 0.0.4). Bearer METRICS_TOKEN; 503 while it is unset. */
export async function GET(request: Request) {
  try {
    authorizeMetrics(request.headers.get('authorization'), env.METRICS_TOKEN);
    const { body, contentType } = await collectMetrics();
    return new Response(body, { status: 200, headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
  } catch (err) {
    const { status, body } = toErrorResponse(err);
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
    if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="metrics"';
    return Response.json(body, { status, headers });
  }
}
