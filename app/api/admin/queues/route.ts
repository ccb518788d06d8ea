import { requireAdmin } from '@/lib/auth/require-user';
import { listLiveWorkers } from '@/lib/health/worker-heartbeat';
import { jsonRoute } from '@/lib/http/json-route';
import { getQueueOverview } from '@/lib/queue/queue-stats';

export const dynamic = 'force-dynamic';

/** GET → {queues: [{name, counts, completedLastHour, failedLastHour, failureRate, oldestWaitingMs, workersOnline} | {name, error}], workers, checkedAt} (admins only). */
export const GET = jsonRoute(async () => {
  await requireAdmin();
  return getQueueOverview(listLiveWorkers);
});
