import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '@/test/fixture-site';
import { waitFor } from '@/test/wait-for';

// Schedules, notifications and webhooks end to end: real PostgreSQL and Redis, the worker started
// in this process through startWorkers, a local fixture site and a local webhook receiver.
const prefix = `ro-sched-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;
process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';

const { db } = await import('@/lib/db');
const { startWorkers } = await import('@/worker/start-workers');
const { closeQueues, getQueue } = await import('@/lib/queue/queues');
const { createSchedule, deleteSchedule, reconcileSchedules, schedulerId, updateSchedule } = await import('@/lib/schedules/schedules');
const { createWebhook } = await import('@/lib/webhooks/webhooks');
const { verifyWebhookSignature } = await import('@/lib/webhooks/webhook-signature');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { startAuditInput } = await import('@/lib/audits/audit-input');
const { listNotifications } = await import('@/lib/notifications/notifications');
const { isTerminal } = await import('@/lib/progress/events');

type Received = { headers: http.IncomingHttpHeaders; body: string };

let workers: ReturnType<typeof startWorkers>;
let site: FixtureSite;
let receiver: http.Server;
let receiverUrl = '';
const received: Received[] = [];
// The fixture's generated pages lose their titles when this is set: the "worse" second audit.
let broken = false;

async function newUser() {
  const u = await db.user.create({ data: { email: `sched-${randomUUID()}@example.com`, role: 'USER' } });
  return { id: u.id, role: 'USER' as const };
}

const finished = (id: string) =>
  waitFor(async () => {
    const a = await db.audit.findUniqueOrThrow({ where: { id } });
    return isTerminal(a.status) ? a : null;
  }, 90_000, `audit ${id} to finish`);

beforeAll(async () => {
  site = await startFixtureSite({ pages: 12, slowMs: 500, genTitle: (n) => (broken ? '' : `Generated page number ${n}`) });
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  workers = startWorkers({ concurrency: 2 });
});

afterAll(async () => {
  await workers?.close(5_000);
  const queue = await getQueue('maintenance');
  for (const s of await queue.getJobSchedulers(0, -1)) await queue.removeJobScheduler(s.key);
  await closeQueues();
  await site?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  await db.$disconnect();
});

describe('schedules', () => {
  it('a short test interval fires twice, each firing a re-audit with the schedule settings; deleting it stops it', async () => {
    const user = await newUser();
    const schedule = await createSchedule(user, {
      url: `${site.url}/about`,
      frequency: 'INTERVAL',
      intervalSeconds: 1,
      hour: 3, minute: 0, dayOfWeek: 1, dayOfMonth: 1, scoreDropThreshold: 5, enabled: true,
      options: startAuditInput.parse({ url: site.url, maxPages: 2, renderMode: 'never' }) as never,
    });
    expect(schedule.warning).toBeUndefined();
    const queue = await getQueue('maintenance');
    expect(await queue.getJobScheduler(schedulerId(schedule.id))).toMatchObject({ every: 1_000, name: 'schedule.run' });

    const audits = await waitFor(async () => {
      const rows = await db.audit.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } });
      return rows.length >= 2 ? rows : null;
    }, 30_000, 'two scheduled audits');
    expect(audits[0]).toMatchObject({ kind: 'PROFESSIONAL', url: `${site.url}/about` });
    expect(audits[1]!.options).toMatchObject({ maxPages: 2, renderMode: 'never' });
    expect((await db.schedule.findUniqueOrThrow({ where: { id: schedule.id } })).lastRunAt).not.toBeNull();

    await deleteSchedule(schedule.id, user);
    expect(await queue.getJobScheduler(schedulerId(schedule.id))).toBeUndefined();
  });

  it('PostgreSQL is the source of truth: reconcile restores a flushed scheduler, with edits, and drops paused or deleted ones', async () => {
    const user = await newUser();
    const base = { url: `${site.url}/`, hour: 3, minute: 0, dayOfWeek: 1, dayOfMonth: 1, scoreDropThreshold: 5, enabled: true, options: startAuditInput.parse({ url: site.url }) as never };
    const weekly = await createSchedule(user, { ...base, frequency: 'WEEKLY' });
    const paused = await createSchedule(user, { ...base, frequency: 'DAILY' });
    await updateSchedule(weekly.id, user, { dayOfWeek: 5, hour: 7 });
    const queue = await getQueue('maintenance');
    // A Redis flush (or a change made while it was down): schedulers gone or stale.
    await queue.removeJobScheduler(schedulerId(weekly.id));
    await db.schedule.update({ where: { id: paused.id }, data: { enabled: false } });

    await reconcileSchedules();
    expect(await queue.getJobScheduler(schedulerId(weekly.id))).toMatchObject({ pattern: '0 7 * * 5', tz: 'UTC' });
    expect(await queue.getJobScheduler(schedulerId(paused.id))).toBeUndefined();

    await db.schedule.delete({ where: { id: weekly.id } });
    await reconcileSchedules();
    expect(await queue.getJobScheduler(schedulerId(weekly.id))).toBeUndefined();
  });

  it('refuses another user’s schedule', async () => {
    const owner = await newUser();
    const other = await newUser();
    const s = await createSchedule(owner, { url: `${site.url}/`, frequency: 'MONTHLY', hour: 3, minute: 0, dayOfWeek: 1, dayOfMonth: 1, scoreDropThreshold: 5, enabled: false, options: startAuditInput.parse({ url: site.url }) as never });
    await expect(updateSchedule(s.id, other, { enabled: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteSchedule(s.id, other)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('notifications and webhooks', () => {
  it('a worse second audit of the same site notifies a score drop, in the app and by a signed webhook', async () => {
    const user = await newUser();
    const hook = await createWebhook(user, { url: receiverUrl });
    const input = startAuditInput.parse({ url: `${site.url}/`, maxPages: 30, renderMode: 'never', pageTimeoutMs: 1_500 });
    // The site's threshold comes from its schedule (paused here, so only the audits below run).
    await createSchedule(user, { url: `${site.url}/`, frequency: 'WEEKLY', hour: 3, minute: 0, dayOfWeek: 1, dayOfMonth: 1, scoreDropThreshold: 1, enabled: false, options: input as never });

    broken = false;
    const first = await finished((await startProfessionalAudit(input, user)).id);
    broken = true;
    const second = await finished((await startProfessionalAudit(input, user)).id);
    broken = false;
    expect(second.score).not.toBeNull();
    expect(first.siteId).not.toBeNull();
    expect(second.siteId).toBe(first.siteId);
    expect(first.score! - second.score!).toBeGreaterThan(1);

    // Notifications are written just after the audit is marked finished.
    await waitFor(async () => (await db.notification.count({ where: { auditId: second.id, kind: { in: ['AUDIT_FINISHED', 'SCORE_DROP'] } } })) === 2 || null, 15_000, "the second audit's notifications");
    const { unread, items } = await listNotifications(user.id);
    const kinds = items.map((n) => `${n.kind}:${n.auditId}`);
    expect(kinds).toContain(`AUDIT_FINISHED:${first.id}`);
    expect(kinds).toContain(`AUDIT_FINISHED:${second.id}`);
    expect(kinds).toContain(`SCORE_DROP:${second.id}`);
    expect(kinds).not.toContain(`SCORE_DROP:${first.id}`);
    expect(unread).toBe(items.length);
    expect(items.find((n) => n.kind === 'SCORE_DROP')!.message).toContain(`from ${first.score} to ${second.score} (more than 1 point)`);

    // Every notification reached the receiver, signed with the secret shown at creation.
    const drop = await waitFor(async () => received.find((r) => r.headers['x-ro-event'] === 'audit.score_dropped' && r.body.includes(second.id)), 30_000, 'the score-drop webhook');
    expect(drop.headers['content-type']).toBe('application/json');
    expect(verifyWebhookSignature({ secret: hook.secret, rawBody: drop.body, signature: drop.headers['x-ro-signature'] as string, timestamp: drop.headers['x-ro-timestamp'] as string })).toBe(true);
    expect(verifyWebhookSignature({ secret: 'whsec_wrong', rawBody: drop.body, signature: drop.headers['x-ro-signature'] as string, timestamp: drop.headers['x-ro-timestamp'] as string })).toBe(false);
    const payload = JSON.parse(drop.body);
    expect(payload).toMatchObject({ event: 'audit.score_dropped', data: { auditId: second.id, previousAuditId: first.id, previousScore: first.score, score: second.score, threshold: 1 } });

    const log = await waitFor(async () => {
      const rows = await db.webhookDelivery.findMany({ where: { webhookId: hook.id } });
      return rows.length >= 3 && rows.every((r) => r.status === 'SUCCEEDED') ? rows : null;
    }, 30_000, 'every delivery to succeed');
    expect(log.every((r) => r.attempts === 1 && r.responseCode === 204 && r.error === null)).toBe(true);
  });

  it('a webhook aimed at a private address is refused at creation', async () => {
    const user = await newUser();
    await expect(createWebhook(user, { url: 'http://10.1.2.3/hook' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(createWebhook(user, { url: 'http://169.254.169.254/latest' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
