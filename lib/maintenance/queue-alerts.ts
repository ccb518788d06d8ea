import type { Redis } from 'ioredis';
import { queuePrefix } from '@/lib/queue/connection';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { QUEUE_NAMES, type QueueName } from '@/lib/queue/jobs';
import { getProducerRedis, getQueue } from '@/lib/queue/queues';
import { getQueueOverview } from '@/lib/queue/queue-stats';
import {
  evaluateQueueHealth,
  planAlertChanges,
  sampleRetentionMs,
  type AlertThresholds,
  type BacklogSample,
  type RuleState,
} from '@/lib/maintenance/queue-alert-rules';

// Queue health alerts: a maintenance job every minute samples each queue's backlog (kept in Redis,
// a sorted set per queue, so any worker process can run the next check), evaluates the rules and
// keeps one QueueAlert row per incident: opened when a rule fires, resolved when healthy again.

const WEBHOOK_TIMEOUT_MS = 5_000;

const samplesKey = (queue: string) => `${queuePrefix()}:ops:backlog:${queue}`;

async function recordSample(redis: Redis, queue: string, sample: BacklogSample, windowMs: number): Promise<BacklogSample[]> {
  const key = samplesKey(queue);
  // The member carries the time too, so two samples with the same backlog stay two entries.
  await redis.zadd(key, sample.at, `${sample.at}:${sample.backlog}`);
  await redis.zremrangebyscore(key, '-inf', `(${sample.at - sampleRetentionMs(windowMs)}`);
  await redis.pexpire(key, sampleRetentionMs(windowMs) * 2);
  const members = await redis.zrange(key, 0, -1);
  return members.map((m) => {
    const [at, backlog] = m.split(':');
    return { at: Number(at), backlog: Number(backlog) };
  });
}

export type AlertWebhookEvent = {
  event: 'queue-alert.opened' | 'queue-alert.resolved';
  alert: { id: string; queue: string; rule: string; message: string; openedAt: string; resolvedAt: string | null; details: unknown };
};

/** POSTs the event; a slow or failing receiver is logged, never thrown (alerts are recorded anyway). */
export async function postAlertWebhook(url: string | undefined, body: AlertWebhookEvent): Promise<boolean> {
  if (!url) return false;
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS), redirect: 'error' });
    if (!res.ok) logger.warn({ status: res.status, event: body.event, alertId: body.alert.id }, 'alert webhook answered with an error');
    await res.body?.cancel();
    return res.ok;
  } catch (err) {
    logger.warn({ err: err instanceof Error ? err.message : String(err), event: body.event, alertId: body.alert.id }, 'alert webhook failed');
    return false;
  }
}

export type QueueAlertsOptions = { now?: number; thresholds?: AlertThresholds; webhookUrl?: string; queues?: readonly QueueName[] };
export type QueueAlertsResult = { opened: string[]; resolved: string[]; open: number; unavailable: string[] };

export const defaultThresholds = (): AlertThresholds => ({
  windowMs: env.QUEUE_ALERT_WINDOW_MINUTES * 60_000,
  oldestWaitingMs: env.QUEUE_ALERT_OLDEST_WAITING_MINUTES * 60_000,
});

/** One check of every queue: sample, evaluate, open/keep/resolve alerts, log and notify. */
export async function checkQueueHealth({ now = Date.now(), thresholds = defaultThresholds(), webhookUrl = env.ALERT_WEBHOOK_URL, queues = QUEUE_NAMES }: QueueAlertsOptions = {}): Promise<QueueAlertsResult> {
  const redis = await getProducerRedis();
  const overview = await getQueueOverview(async () => [], now);
  const evaluated: { queue: string; states: RuleState[] }[] = [];
  const unavailable: string[] = [];
  for (const q of overview.queues) {
    if (!queues.includes(q.name)) continue;
    if ('error' in q) {
      unavailable.push(q.name);
      continue;
    }
    const queue = await getQueue(q.name);
    const completedKey = (queue.keys as Record<string, string>).completed!;
    const [samples, completedInWindow] = await Promise.all([
      recordSample(redis, q.name, { at: now, backlog: q.counts.waiting }, thresholds.windowMs),
      redis.zcount(completedKey, now - thresholds.windowMs, '+inf'),
    ]);
    evaluated.push({ queue: q.name, states: evaluateQueueHealth({ queue: q.name, now, backlog: q.counts.waiting, samples, completedInWindow, oldestWaitingMs: q.oldestWaitingMs }, thresholds) });
  }

  const open = await db.queueAlert.findMany({ where: { resolvedAt: null }, select: { id: true, queue: true, rule: true } });
  const plan = planAlertChanges(open, evaluated);
  const at = new Date(now);
  const result: QueueAlertsResult = { opened: [], resolved: [], open: 0, unavailable };

  for (const o of plan.open) {
    const row = await db.queueAlert.create({ data: { queue: o.queue, rule: o.rule, message: o.message, details: o.details as object, openedAt: at, lastSeenAt: at } });
    logger.warn({ alertId: row.id, queue: o.queue, rule: o.rule, details: o.details }, `queue alert opened: ${o.message}`);
    await postAlertWebhook(webhookUrl, { event: 'queue-alert.opened', alert: viewOf(row) });
    result.opened.push(row.id);
  }
  for (const k of plan.keep) {
    await db.queueAlert.update({ where: { id: k.id }, data: { lastSeenAt: at, message: k.message, details: k.details as object } });
  }
  for (const r of plan.resolve) {
    const row = await db.queueAlert.update({ where: { id: r.id }, data: { resolvedAt: at, lastSeenAt: at } });
    logger.info({ alertId: row.id, queue: row.queue, rule: row.rule }, `queue alert resolved: queue "${row.queue}" is healthy again`);
    await postAlertWebhook(webhookUrl, { event: 'queue-alert.resolved', alert: viewOf(row) });
    result.resolved.push(row.id);
  }
  result.open = open.length + plan.open.length - plan.resolve.length;
  return result;
}

type AlertRow = { id: string; queue: string; rule: string; message: string; openedAt: Date; resolvedAt: Date | null; details: unknown };
const viewOf = (r: AlertRow): AlertWebhookEvent['alert'] => ({ id: r.id, queue: r.queue, rule: r.rule, message: r.message, openedAt: r.openedAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null, details: r.details });

/** Open alerts, newest first (admin overview and queues page). */
export function listOpenQueueAlerts(take = 50) {
  return db.queueAlert.findMany({ where: { resolvedAt: null }, orderBy: { openedAt: 'desc' }, take });
}

/** Recently resolved alerts, for context on the queues page. */
export function listResolvedQueueAlerts(take = 10) {
  return db.queueAlert.findMany({ where: { resolvedAt: { not: null } }, orderBy: { resolvedAt: 'desc' }, take });
}
