import { adminMetadata } from '@/components/admin/admin-metadata';
import { Pager } from '@/components/admin/pager';
import { requirePageAdmin } from '@/lib/auth/require-user';
import { countDeadLetters, deadLetterFilterSchema, listDeadLetters } from '@/lib/queue/dead-letters';
import { JOB_NAMES, QUEUE_NAMES } from '@/lib/queue/jobs';
import { DeadLetterTable, type DeadLetterRow } from './dead-letter-table';

export const generateMetadata = adminMetadata('Dead letters');
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 50;
type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function DeadLettersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageAdmin('/admin/dead-letters');
  const raw = await searchParams;
  const filter = deadLetterFilterSchema.parse({ queue: first(raw.queue), name: first(raw.name), status: first(raw.status), page: first(raw.page) });
  const [letters, total] = await Promise.all([
    listDeadLetters({ queue: filter.queue, name: filter.name, status: filter.status, take: PAGE_SIZE, skip: (filter.page - 1) * PAGE_SIZE }),
    countDeadLetters({ queue: filter.queue, name: filter.name, status: filter.status }),
  ]);
  const rows: DeadLetterRow[] = letters.map((d) => ({
    id: d.id,
    queue: d.queue,
    name: d.name,
    jobId: d.jobId,
    attempts: d.attempts,
    error: d.error,
    stack: d.stack,
    payload: JSON.stringify(d.payload, null, 2),
    failedAt: d.failedAt.toISOString(),
    resolvedAt: d.resolvedAt?.toISOString() ?? null,
    resolution: d.resolution,
    discardReason: d.discardReason,
    resolvedBy: d.resolvedBy?.email ?? null,
  }));
  const href = (page: number) => {
    const params = new URLSearchParams();
    if (filter.queue) params.set('queue', filter.queue);
    if (filter.name) params.set('name', filter.name);
    if (filter.status !== 'open') params.set('status', filter.status);
    if (page > 1) params.set('page', String(page));
    const qs = params.toString();
    return `/admin/dead-letters${qs ? `?${qs}` : ''}`;
  };
  const select = 'rounded border border-slate-300 bg-white px-2 py-1';

  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Dead letters</h1>
      <p className="text-sm text-slate-600">
        Jobs that failed every attempt, copied from BullMQ. Replay enqueues the job again with its original payload; discard needs a reason. Who did which, and when, stays on the row.
      </p>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter dead letters">
        <label className="flex flex-col gap-1">
          Queue
          <select name="queue" defaultValue={filter.queue ?? ''} className={select}>
            <option value="">All queues</option>
            {QUEUE_NAMES.map((q) => <option key={q} value={q}>{q}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Job
          <select name="name" defaultValue={filter.name ?? ''} className={select}>
            <option value="">All jobs</option>
            {JOB_NAMES.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Status
          <select name="status" defaultValue={filter.status} className={select}>
            <option value="open">Unresolved</option>
            <option value="resolved">Replayed or discarded</option>
            <option value="all">All</option>
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">Filter</button>
      </form>
      <p className="text-sm text-slate-600" data-testid="dead-letter-count">{total} {total === 1 ? 'dead letter' : 'dead letters'}</p>
      <DeadLetterTable key={href(filter.page)} rows={rows} />
      <Pager page={filter.page} total={total} pageSize={PAGE_SIZE} href={href} label="Dead letter pages" />
    </div>
  );
}
