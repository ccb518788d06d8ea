import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageAdmin } from '@/lib/auth/require-user';
import { checkHealth } from '@/lib/health/check-health';
import { listDailyAggregates, listJobDurations } from '@/lib/maintenance/daily-aggregates';
import { listOpenQueueAlerts } from '@/lib/maintenance/queue-alerts';
import { listMaintenanceRuns } from '@/lib/maintenance/run-cleanup';
import { countDeadLetters } from '@/lib/queue/dead-letters';
import { producerBreaker } from '@/lib/queue/enqueue';
import { getQueueStats } from '@/lib/queue/queue-stats';
import { CleanupForm } from './admin-controls';
import { DailyCharts } from './daily-charts';
import { FlagsSection } from './flags-section';
import { QueueAlertsList } from './queue-alerts-list';

export const metadata: Metadata = { title: 'Admin' };
export const dynamic = 'force-dynamic';

export default async function AdminPage() {
  await requirePageAdmin();
  const [health, queues, runs, openDeadLetters, alerts, days, durations] = await Promise.all([
    checkHealth(),
    getQueueStats(),
    listMaintenanceRuns(10),
    countDeadLetters({ status: 'open' }),
    listOpenQueueAlerts(),
    listDailyAggregates(14),
    listJobDurations(7),
  ]);
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-bold">Admin</h1>

      <section className="flex flex-col gap-2">
        <h2 className="text-lg font-semibold">System health: <span data-testid="health-status">{health.status}</span></h2>
        <ul className="flex gap-4 text-sm">
          {Object.entries(health.components).map(([name, c]) => (
            <li key={name} className={c.status === 'up' ? 'text-green-700' : 'text-red-700'}>
              {name}: {c.status}{c.error ? ` (${c.error})` : ''}
            </li>
          ))}
        </ul>
      </section>

      <QueueAlertsList alerts={alerts} />

      <DailyCharts days={days} durations={durations} />

      <FlagsSection />

      <section className="flex flex-col gap-2">
        <h2 className="text-lg font-semibold">Queues <Link href="/admin/queues" className="text-sm font-normal underline">details and Bull Board</Link></h2>
        <p className="text-sm text-slate-600">
          Producer circuit (this web process): <span data-testid="producer-circuit">{producerBreaker.state}</span>
          {producerBreaker.state !== 'closed' && ' — new audits, bulk runs and reports run in the web process until Redis answers again.'}
        </p>
        <table className="bg-white text-left text-sm shadow-sm">
          <thead className="border-b text-slate-500"><tr><th className="p-2">Queue</th><th className="p-2">Waiting</th><th className="p-2">Active</th><th className="p-2">Delayed</th><th className="p-2">Completed</th><th className="p-2">Failed</th></tr></thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.name} className="border-b last:border-0">
                <td className="p-2 font-medium">{q.name}</td>
                {q.counts ? (
                  <>
                    <td className="p-2">{(q.counts.waiting ?? 0) + (q.counts.prioritized ?? 0)}</td>
                    <td className="p-2">{q.counts.active}</td>
                    <td className="p-2">{q.counts.delayed}</td>
                    <td className="p-2">{q.counts.completed}</td>
                    <td className="p-2">{q.counts.failed}</td>
                  </>
                ) : (
                  <td colSpan={5} className="p-2 text-red-700">unavailable: {q.error}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Maintenance</h2>
        <CleanupForm />
        <ul className="text-sm" data-testid="maintenance-runs">
          {runs.map((r) => (
            <li key={r.id} data-run-id={r.id}>{r.finishedAt.toISOString().replace('T', ' ').slice(0, 19)} — {r.task}: removed {r.removed}</li>
          ))}
          {runs.length === 0 && <li className="text-slate-500">No runs yet.</li>}
        </ul>
      </section>

      <section className="flex flex-col gap-2">
        <h2 className="text-lg font-semibold">Dead letters</h2>
        <p className="text-sm">
          <span data-testid="open-dead-letters">{openDeadLetters}</span> unresolved.{' '}
          <Link href="/admin/dead-letters" className="underline">Review, replay or discard them</Link>.
        </p>
      </section>
    </div>
  );
}
