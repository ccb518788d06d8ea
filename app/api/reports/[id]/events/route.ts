import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';
import { getReportForUser, readReportState } from '@/lib/reports/report-queries';
import { createReportEventStream } from '@/lib/reports/report-sse';

export const dynamic = 'force-dynamic';

/** Server-Sent Events for one report (see createReportEventStream); errors before streaming are JSON. */
export const GET = jsonRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  await getReportForUser(id, user);
  const resumeFrom = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
  return new Response(createReportEventStream(id, resumeFrom, request.signal, { readState: readReportState }), {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps `next start`'s gzip from buffering the stream.
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
});
