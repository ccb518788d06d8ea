import { describe, expect, it } from 'vitest';
import { jsonRoute } from '@/lib/http/json-route';
import { currentCorrelationId } from '@/lib/queue/correlation';

const context = { params: Promise.resolve({}) };

describe('jsonRoute correlation id', () => {
  it('runs the handler under the caller’s X-Request-Id and echoes it', async () => {
    let seen: string | undefined;
    const route = jsonRoute(async () => {
      seen = currentCorrelationId();
      return { ok: true };
    });
    const response = await route(new Request('http://127.0.0.1/api/x', { headers: { 'X-Request-Id': 'trace-123' } }), context);
    expect(seen).toBe('trace-123');
    expect(response.headers.get('X-Request-Id')).toBe('trace-123');
  });

  it('replaces a header that is not a short token with a fresh id, and error references use it', async () => {
    const route = jsonRoute(async () => {
      throw new Error('boom');
    });
    const response = await route(new Request('http://127.0.0.1/api/x', { headers: { 'X-Request-Id': 'bad id with spaces' } }), context);
    const id = response.headers.get('X-Request-Id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.status).toBe(500);
    expect((await response.json()).error.correlationId).toBe(id);
  });
});
