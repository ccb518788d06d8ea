import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// How a webhook receiver knows a POST came from us and is fresh. We send
//   X-RO-Timestamp: <unix seconds>
//   X-RO-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
// The timestamp is inside the signed bytes, so it cannot be changed to replay an old body; the
// receiver refuses timestamps older than its tolerance (5 minutes here) and compares in constant time.

export const SIGNATURE_HEADER = 'X-RO-Signature';
export const TIMESTAMP_HEADER = 'X-RO-Timestamp';
export const EVENT_HEADER = 'X-RO-Event';
export const DELIVERY_HEADER = 'X-RO-Delivery';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function createWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signWebhookBody(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

/** What a receiver runs (and what our tests run as one). */
export function verifyWebhookSignature(input: {
  secret: string;
  rawBody: string;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  toleranceSeconds?: number;
  nowSeconds?: number;
}): boolean {
  const { secret, rawBody, signature, timestamp, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, nowSeconds = Math.floor(Date.now() / 1000) } = input;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const ts = Number(timestamp);
  if (Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhookBody(secret, ts, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
