import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Queue health alerts against real Redis and PostgreSQL, with a local HTTP receiver for the webhook:
// one row per incident, opened when the rule fires, kept while unhealthy, resolved when healthy.
process.env.QUEUE_PREFIX = `ro-alert-${randomUUID().slice(0, 8)}`;

const received: { event: string; alert: { id: string; queue: string; rule: string } }[] = [];
const receiver = createServer((req: IncomingMessage, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    if (req.headers['content-type'] === 'application/json') received.push(JSON.parse(body) as (typeof received)[number]);
    res.writeHead(204).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
process.env.ALERT_WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const { Worker } = await import('bullmq');
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { createRedis } = await import('@/lib/queue/connection');
const { closeQueues, getQueue } = await import('@/lib/queue/queues');
const { checkQueueHealth, listOpenQueueAlerts } = await import('@/lib/maintenance/queue-alerts');
const { ensureMaintenanceSchedulers } = await import('@/lib/maintenance/schedulers');
const { waitFor } = await import('@/test/wait-for');

const MIN = 60_000;
const thresholds = { windowMs: 10 * MIN, oldestWaitingMs: 30 * MIN };
const check = (now: number, over: Parameters<typeof checkQueueHealth>[0] = {}) => checkQueueHealth({ now, thresholds, queues: ['reports'], ...over });

async function drainReports() {
  const connection = createRedis('worker');
  const worker = new Worker('reports', async () => {}, { connection, prefix: env.QUEUE_PREFIX });
  const queue = await getQueue('reports');
  await waitFor(async () => (await queue.getJobCounts('waiting', 'prioritized', 'active')).waiting === 0 && (await queue.getJobCounts('active')).active === 0, 15_000, 'the reports queue to drain');
  await worker.close();
  connection.disconnect();
}

beforeAll(async () => {
  await db.queueAlert.deleteMany({});
});

afterAll(async () => {
  await db.queueAlert.deleteMany({});
  for (const name of ['reports', 'maintenance'] as const) await (await getQueue(name)).obliterate({ force: true });
  await closeQueues();
  await db.$disconnect();
  receiver.close();
});

describe('queue health alerts', () => {
  it('opens one alert when the backlog grew over the window while nothing completed, keeps it, and resolves it once jobs complete', async () => {
    const queue = await getQueue('reports');
    const t0 = Date.now();
    await queue.add('probe', {}, { attempts: 1 });
    await queue.add('probe', {}, { attempts: 1 });
    // First sample: no history yet, so no alert.
    expect((await check(t0)).opened).toEqual([]);

    await queue.add('probe', {}, { attempts: 1 });
    await queue.add('probe', {}, { attempts: 1 });
    const opened = await check(t0 + 11 * MIN);
    expect(opened.opened).toHaveLength(1);
    const [alert] = await listOpenQueueAlerts();
    expect(alert).toMatchObject({ queue: 'reports', rule: 'backlog-stalled', resolvedAt: null });
    expect(alert!.message).toContain('grew from 2 to 4');
    await waitFor(async () => received.length >= 1, 5_000, 'the opened webhook');
    expect(received[0]).toMatchObject({ event: 'queue-alert.opened', alert: { id: alert!.id, queue: 'reports', rule: 'backlog-stalled' } });

    // Still nothing completes: the same row stays open (no second row, no second webhook).
    expect((await check(t0 + 12 * MIN)).opened).toEqual([]);
    expect(await db.queueAlert.count({ where: { queue: 'reports' } })).toBe(1);
    expect(received).toHaveLength(1);

    await drainReports();
    const resolved = await check(Date.now() + MIN);
    expect(resolved.resolved).toEqual([alert!.id]);
    expect(await listOpenQueueAlerts()).toEqual([]);
    expect((await db.queueAlert.findUniqueOrThrow({ where: { id: alert!.id } })).resolvedAt).not.toBeNull();
    await waitFor(async () => received.length >= 2, 5_000, 'the resolved webhook');
    expect(received[1]).toMatchObject({ event: 'queue-alert.resolved', alert: { id: alert!.id } });
  });

  it('raises an alert for a job waiting longer than the threshold, even when a webhook receiver is down', async () => {
    const queue = await getQueue('reports');
    await queue.add('probe', {}, { attempts: 1 });
    const before = received.length;
    const result = await check(Date.now() + 31 * MIN, { webhookUrl: 'http://127.0.0.1:9/unreachable' });
    expect(result.opened).toHaveLength(1);
    const open = await listOpenQueueAlerts();
    expect(open.map((a) => a.rule)).toEqual(['oldest-waiting']);
    expect(received).toHaveLength(before);

    await drainReports();
    expect((await check(Date.now() + MIN)).resolved).toHaveLength(1);
    expect(await listOpenQueueAlerts()).toEqual([]);
  });

  it('registers every background task as a job scheduler on the maintenance queue, idempotently', async () => {
    await ensureMaintenanceSchedulers();
    await ensureMaintenanceSchedulers();
    const schedulers = await (await getQueue('maintenance')).getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(['daily-aggregates', 'daily-cleanup', 'queue-health', 'sweep-dead-letters', 'sweep-stuck-work']);
    expect(schedulers.find((s) => s.key === 'queue-health')).toMatchObject({ name: 'maintenance.queue-health', every: 60_000 });
  });
});
