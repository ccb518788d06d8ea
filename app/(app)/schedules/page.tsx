import type { Metadata } from 'next';
import { requirePageUser } from '@/lib/auth/require-user';
import { intervalAllowed, listSchedules } from '@/lib/schedules/schedules';
import { listDeliveries, listWebhooks } from '@/lib/webhooks/webhooks';
import { SchedulesManager } from './schedules-manager';
import { WebhooksManager } from './webhooks-manager';

export const metadata: Metadata = { title: 'Schedules and webhooks' };
export const dynamic = 'force-dynamic';

/** Re-audits on a calendar, and where their notifications go besides the bell. */
export default async function SchedulesPage() {
  const user = await requirePageUser();
  const [schedules, webhooks, deliveries] = await Promise.all([listSchedules(user.id), listWebhooks(user.id), listDeliveries(user.id)]);
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-bold">Schedules and webhooks</h1>
      <SchedulesManager initial={schedules} allowInterval={intervalAllowed()} />
      <WebhooksManager
        webhooks={webhooks.map((w) => ({ ...w, createdAt: w.createdAt.toISOString() }))}
        deliveries={deliveries.map((d) => ({ id: d.id, url: d.webhook.url, event: d.event, status: d.status, attempts: d.attempts, responseCode: d.responseCode, error: d.error, createdAt: d.createdAt.toISOString() }))}
      />
    </div>
  );
}
