import Link from 'next/link';
import { adminMetadata } from '@/components/admin/admin-metadata';
import { requirePageAdmin } from '@/lib/auth/require-user';
import { listLiveWorkers } from '@/lib/health/worker-heartbeat';
import { listOpenQueueAlerts } from '@/lib/maintenance/queue-alerts';
import { countDeadLetters } from '@/lib/queue/dead-letters';
import { getQueueOverview, type QueueOverview } from '@/lib/queue/queue-stats';
import { QueueAlertsList } from '../queue-alerts-list';

export const generateMetadata = adminMetadata('Queues');
export const dynamic = 'force-dynamic';

/** "45 s", "12 min", "3 h 5 min". */
function formatAge(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 1)}%`);

export default async function QueuesPage() {
  await requirePageAdmin('/admin/queues');
  const [overview, openDeadLetters, alerts] = await Promise.all([getQueueOverview(listLiveWorkers), countDeadLetters({ status: 'open' }), listOpenQueueAlerts()]);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">Queues</h1>
        {/* A plain link, not next/link: the board is a route handler serving its own app. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a route handler, not a page */}
        <a href="/api/admin/bull-board" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700" data-testid="bull-board-link">
          Open Bull Board (jobs, retries, logs)
        </a>
      </div>
      <p className="text-sm text-slate-600">
        Counts as BullMQ holds them now; &ldquo;last hour&rdquo; counts finished jobs still kept (completed jobs are trimmed after 24 h or 5,000).
        Checked {overview.checkedAt.replace('T', ' ').slice(0, 19)} UTC. Unresolved dead letters: <Link href="/admin/dead-letters" className="underline">{openDeadLetters}</Link>.
      </p>

      <QueueAlertsList alerts={alerts} />

      <div className="overflow-x-auto">
        <table className="min-w-full bg-white text-left text-sm shadow-sm" data-testid="queue-overview">
          <thead className="border-b text-slate-500">
            <tr>
              <th className="p-2">Queue</th>
              <th className="p-2">Waiting</th>
              <th className="p-2">Active</th>
              <th className="p-2">Delayed</th>
              <th className="p-2">Failed (kept)</th>
              <th className="p-2">Completed, last hour</th>
              <th className="p-2">Failed, last hour</th>
              <th className="p-2">Failure rate</th>
              <th className="p-2">Oldest waiting</th>
              <th className="p-2">Workers online</th>
            </tr>
          </thead>
          <tbody>
            {overview.queues.map((q) => (
              <tr key={q.name} className="border-b last:border-0" data-testid={`queue-${q.name}`}>
                <th scope="row" className="p-2 font-medium">{q.name}</th>
                {'error' in q ? <td colSpan={9} className="p-2 text-red-700">unavailable: {q.error}</td> : <QueueCells q={q} />}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="flex flex-col gap-2" aria-labelledby="workers-heading">
        <h2 id="workers-heading" className="text-lg font-semibold">Workers online: <span data-testid="workers-online">{overview.workers.length}</span></h2>
        {overview.workersError && <p className="text-sm text-red-700">Heartbeats unavailable: {overview.workersError}</p>}
        {overview.workers.length === 0 ? (
          <p className="text-sm text-slate-500">No worker heartbeat in the last 15 s: queued jobs wait until a worker starts (<code>npm run start:worker</code>).</p>
        ) : (
          <ul className="text-sm">
            {overview.workers.map((w) => (
              <li key={w.id} className="font-mono text-xs">
                {w.id} — queues: {w.queues?.join(', ') ?? 'all'} — last beat {w.at.replace('T', ' ').slice(0, 19)} UTC
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function QueueCells({ q }: { q: QueueOverview }) {
  const highFailure = q.failureRate !== null && q.failureRate >= 0.1;
  return (
    <>
      <td className="p-2">{q.counts.waiting}</td>
      <td className="p-2">{q.counts.active}</td>
      <td className="p-2">{q.counts.delayed}</td>
      <td className="p-2">{q.counts.failed}</td>
      <td className="p-2">{q.completedLastHour}</td>
      <td className="p-2">{q.failedLastHour}</td>
      <td className={`p-2 ${highFailure ? 'font-medium text-red-700' : ''}`}>{percent(q.failureRate)}</td>
      <td className="p-2">{formatAge(q.oldestWaitingMs)}</td>
      <td className={`p-2 ${q.workersOnline === 0 ? 'text-red-700' : ''}`}>{q.workersOnline}</td>
    </>
  );
}
