import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/require-user';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { FetchError } from '@/lib/fetch/fetch-error';
import { resolveAllowedAddresses } from '@/lib/fetch/ssrf-guard';
import type { Prisma } from '@/lib/generated/prisma/client';
import { logger } from '@/lib/logger';
import { enqueue } from '@/lib/queue/enqueue';
import { createWebhookSecret } from '@/lib/webhooks/webhook-signature';

// A user's webhook endpoints and the log of what was sent to them. The secret is returned once, by
// createWebhook; every later read leaves it out.

export const MAX_WEBHOOKS_PER_USER = 5;

export const webhookInput = z.object({
  url: z
    .string()
    .trim()
    .max(2_000, 'A webhook URL is 2,000 characters at most.')
    .url('Enter a full URL, e.g. https://hooks.example.com/seo.')
    .refine((u) => /^https?:$/.test(new URL(u).protocol), { message: 'A webhook URL starts with https:// (or http://).' })
    .refine((u) => !new URL(u).username && !new URL(u).password, { message: 'Put no user name or password in the URL.' }),
});

/** The same private-address guard as crawls: a webhook cannot be aimed at our own network. */
export async function assertDeliverableUrl(url: string): Promise<void> {
  try {
    await resolveAllowedAddresses(new URL(url), env.ALLOWED_PRIVATE_HOSTS);
  } catch (err) {
    if (err instanceof FetchError) throw new AppError('BAD_REQUEST', err.message);
    throw err;
  }
}

export async function createWebhook(user: Pick<CurrentUser, 'id'>, input: z.output<typeof webhookInput>) {
  await assertDeliverableUrl(input.url);
  const count = await db.webhook.count({ where: { userId: user.id } });
  if (count >= MAX_WEBHOOKS_PER_USER) throw new AppError('CONFLICT', `At most ${MAX_WEBHOOKS_PER_USER} webhooks per account.`);
  const secret = createWebhookSecret();
  const webhook = await db.webhook.create({ data: { userId: user.id, url: input.url, secret } });
  return { id: webhook.id, url: webhook.url, enabled: webhook.enabled, createdAt: webhook.createdAt, secret };
}

const PUBLIC_FIELDS = { id: true, url: true, enabled: true, createdAt: true } as const;

export function listWebhooks(userId: string) {
  return db.webhook.findMany({ where: { userId }, orderBy: { createdAt: 'asc' }, select: PUBLIC_FIELDS });
}

export async function deleteWebhook(id: string, user: Pick<CurrentUser, 'id'>) {
  const { count } = await db.webhook.deleteMany({ where: { id, userId: user.id } });
  if (count === 0) throw new AppError('NOT_FOUND', 'Webhook not found.');
  return { id, deleted: true };
}

/** The delivery log of the user's webhooks, newest first. */
export function listDeliveries(userId: string, take = 50) {
  return db.webhookDelivery.findMany({
    where: { webhook: { userId } },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, webhookId: true, event: true, status: true, attempts: true, responseCode: true, error: true, createdAt: true, lastAttemptAt: true, deliveredAt: true, webhook: { select: { url: true } } },
  });
}

export type WebhookEvent = 'audit.finished' | 'audit.score_dropped' | 'audit.new_critical';

/**
 * One delivery row per enabled webhook of the user, each sent by its own 'webhook.deliver' job.
 * A queue that is down leaves the row PENDING with the reason; it never fails the caller.
 */
export async function queueWebhookDeliveries(userId: string, event: WebhookEvent, data: Record<string, unknown>) {
  const webhooks = await db.webhook.findMany({ where: { userId, enabled: true }, select: { id: true } });
  const ids: string[] = [];
  for (const webhook of webhooks) {
    const delivery = await db.webhookDelivery.create({ data: { webhookId: webhook.id, event, payload: {} } });
    // The id and time go into the body itself, so a receiver can de-duplicate retries.
    const payload = { id: delivery.id, event, createdAt: delivery.createdAt.toISOString(), data } as Prisma.InputJsonValue;
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { payload } });
    try {
      await enqueue('webhook.deliver', { deliveryId: delivery.id }, { jobId: `webhook-${delivery.id}` });
    } catch (err) {
      logger.warn({ err, deliveryId: delivery.id }, 'webhook delivery not queued');
      await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'FAILED', error: `Not queued: ${err instanceof Error ? err.message : String(err)}` } });
    }
    ids.push(delivery.id);
  }
  return ids;
}
