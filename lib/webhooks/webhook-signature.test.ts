import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWebhookSecret, signWebhookBody, verifyWebhookSignature } from '@/lib/webhooks/webhook-signature';

const secret = 'whsec_test-secret';
const body = '{"event":"audit.finished","data":{"auditId":"a1"}}';
const now = 1_800_000_000;

describe('webhook signatures', () => {
  it('are HMAC-SHA256 of "<timestamp>.<raw body>" as sha256=<hex>', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signWebhookBody(secret, now, body)).toBe(`sha256=${expected}`);
  });

  it('verify for the right secret, body and a fresh timestamp', () => {
    const signature = signWebhookBody(secret, now, body);
    expect(verifyWebhookSignature({ secret, rawBody: body, signature, timestamp: String(now), nowSeconds: now + 10 })).toBe(true);
  });

  it('fail for another secret, a changed body, a changed timestamp or a replay after the tolerance', () => {
    const signature = signWebhookBody(secret, now, body);
    const ok = { secret, rawBody: body, signature, timestamp: String(now), nowSeconds: now };
    expect(verifyWebhookSignature({ ...ok, secret: 'whsec_other' })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, rawBody: body.replace('a1', 'a2') })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, timestamp: String(now + 1) })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, nowSeconds: now + 301 })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, signature: null })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, timestamp: 'yesterday' })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, signature: signature.slice(0, -1) })).toBe(false);
  });

  it('secrets are random and long', () => {
    const a = createWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(createWebhookSecret()).not.toBe(a);
  });
});
