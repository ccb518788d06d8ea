import { getAuditForUser } from '@/lib/audits/audit-queries';
import { getAuditSnapshot } from '@/lib/audits/audit-snapshot';
import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';
import { createProgressStream } from '@/lib/progress/sse-stream';

export const dynamic = 'force-dynamic';

/** Server-Sent Events for one audit (see createProgressStream); errors before streaming are JSON. */
export const GET = jsonRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  await getAuditForUser(id, user);
  const resumeFrom = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
  return new Response(createProgressStream(id, resumeFrom, request.signal, { readSnapshot: getAuditSnapshot }), {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps `next start`'s gzip from buffering the stream.
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
});
