import { formatAgo, formatUtc } from '@/components/format-time';

type AlertRow = { id: string; queue: string; rule: string; message: string; openedAt: Date; lastSeenAt: Date };

const RULE_LABELS: Record<string, string> = {
  'backlog-stalled': 'Backlog growing, nothing completing',
  'oldest-waiting': 'Job waiting too long',
};

/** Open queue health alerts (maintenance.queue-health): shown on the admin overview and the queues page. */
export function QueueAlertsList({ alerts }: { alerts: AlertRow[] }) {
  return (
    <section className="flex flex-col gap-2" aria-labelledby="queue-alerts-heading" data-testid="queue-alerts">
      <h2 id="queue-alerts-heading" className="text-lg font-semibold">
        Queue alerts: <span data-testid="open-queue-alerts">{alerts.length}</span> open
      </h2>
      {alerts.length === 0 ? (
        <p className="text-sm text-slate-500">Every queue is healthy (checked every minute).</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {alerts.map((a) => (
            <li key={a.id} role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm" data-testid="queue-alert" data-alert-id={a.id}>
              <p className="font-medium text-red-800">{RULE_LABELS[a.rule] ?? a.rule} — queue <span className="font-mono">{a.queue}</span></p>
              <p>{a.message}</p>
              <p className="text-xs text-slate-600">
                Open since <span title={formatUtc(a.openedAt)}>{formatAgo(a.openedAt)}</span>, last checked <span title={formatUtc(a.lastSeenAt)}>{formatAgo(a.lastSeenAt)}</span>. See docs/runbooks/ for what to do.
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
