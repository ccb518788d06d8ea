import http from 'node:http';
import https from 'node:https';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { createPinnedLookup, resolveAllowedAddresses } from '@/lib/fetch/ssrf-guard';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhookBody, TIMESTAMP_HEADER } from '@/lib/webhooks/webhook-signature';

// Sends one delivery: JSON body, signed, to the address the SSRF guard approved (pinned, so a second
// DNS answer cannot swap in a private IP), no redirects followed. A non-2xx answer or a network error
// throws, and BullMQ retries with exponential backoff; the row records every attempt.

const MAX_ERROR_CHARS = 500;
const USER_AGENT = 'RivalOutranker-Webhook/1.0';

type PostResult = { status: number };

function post(url: URL, body: string, headers: Record<string, string>, lookup: ReturnType<typeof createPinnedLookup>): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const isHttps = url.protocol === 'https:';
    const req = (isHttps ? https : http).request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || undefined,
      path: url.pathname + url.search,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': USER_AGENT, ...headers },
      lookup,
      timeout: env.WEBHOOK_TIMEOUT_MS,
    });
    req.on('timeout', () => req.destroy(new Error(`No answer within ${env.WEBHOOK_TIMEOUT_MS} ms.`)));
    req.on('response', (res) => {
      // The answer's body is not ours to read; drain it so the socket closes cleanly.
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export class WebhookDeliveryError extends Error {}

/** One attempt. Returns quietly when the delivery is gone, done, or its webhook was switched off. */
export async function deliverWebhook(deliveryId: string, attempt: number): Promise<{ status: number } | { skipped: string }> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { webhook: true } });
  if (!delivery) return { skipped: 'delivery deleted' };
  if (delivery.status === 'SUCCEEDED') return { skipped: 'already delivered' };
  if (!delivery.webhook.enabled) return { skipped: 'webhook disabled' };

  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    [SIGNATURE_HEADER]: signWebhookBody(delivery.webhook.secret, timestamp, body),
    [TIMESTAMP_HEADER]: String(timestamp),
    [EVENT_HEADER]: delivery.event,
    [DELIVERY_HEADER]: delivery.id,
  };
  const startedAt = new Date();
  let status: number | null = null;
  let error: string | null = null;
  try {
    const url = new URL(delivery.webhook.url);
    const addresses = await resolveAllowedAddresses(url, env.ALLOWED_PRIVATE_HOSTS);
    status = (await post(url, body, headers, createPinnedLookup(addresses))).status;
    if (status < 200 || status >= 300) error = `The endpoint answered HTTP ${status}.`;
  } catch (err) {
    error = (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_CHARS);
  }
  const ok = error === null;
  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: { attempts: attempt, lastAttemptAt: startedAt, responseCode: status, error, ...(ok ? { status: 'SUCCEEDED', deliveredAt: new Date() } : {}) },
  });
  if (!ok) throw new WebhookDeliveryError(error!);
  return { status: status! };
}

/** A replayed delivery (a dead letter) shows as pending again in the log until it is tried. */
export async function reopenFailedDelivery(deliveryId: string) {
  await db.webhookDelivery.updateMany({ where: { id: deliveryId, status: 'FAILED' }, data: { status: 'PENDING' } });
}

/** After the last attempt: the log says FAILED, with the last reason. */
export async function markDeliveryFailed(deliveryId: string, err: Error) {
  await db.webhookDelivery.updateMany({ where: { id: deliveryId, status: 'PENDING' }, data: { status: 'FAILED', error: err.message.slice(0, MAX_ERROR_CHARS) } });
}
