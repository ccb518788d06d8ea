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

describe('jsonRoute body check on unsafe methods', () => {
  const route = jsonRoute(async () => ({ ok: true }));
  const status = async (init: RequestInit) => (await route(new Request('http://127.0.0.1/api/x', init), context)).status;

  it('accepts a bare DELETE from the wire (Host, no Content-Length, no Transfer-Encoding): it has no body', async () => {
    // Next hands the handler a body stream even then; as curl -X DELETE or a browser's fetch sends it.
    expect(await status({ method: 'DELETE', headers: { host: '127.0.0.1' }, body: new ReadableStream(), duplex: 'half' } as RequestInit)).toBe(200);
    expect(await status({ method: 'DELETE', headers: { host: '127.0.0.1', 'content-length': '0' } })).toBe(200);
    expect(await status({ method: 'DELETE' })).toBe(200);
  });

  it('still refuses a body that is not JSON', async () => {
    expect(await status({ method: 'POST', headers: { host: '127.0.0.1', 'content-length': '2', 'content-type': 'text/plain' }, body: 'hi' })).toBe(415);
    expect(await status({ method: 'POST', headers: { host: '127.0.0.1', 'transfer-encoding': 'chunked' }, body: new ReadableStream(), duplex: 'half' } as RequestInit)).toBe(415);
    expect(await status({ method: 'DELETE', headers: { 'content-type': 'text/plain' }, body: 'hi' })).toBe(415);
    expect(await status({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).toBe(200);
  });
});
