import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Loopback must be allow-listed explicitly (the SSRF guard refuses it by default).
process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';
const { analyzeUrl } = await import('@/lib/audits/analyze-url');
const { runInstantAnalysis } = await import('@/lib/audits/run-instant-analysis');
const { closeAnalysisPool } = await import('@/lib/audits/analysis-pool');
const { closeRenderPool } = await import('@/lib/fetch/shared-render-pool');
const { db } = await import('@/lib/db');
const { AppError } = await import('@/lib/errors');

// A site that speaks plain http only: a TLS ClientHello sent to it gets no handshake back.
let server: http.Server;
let port = 0;
let closedPort = 0;
const auditIds: string[] = [];

const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain http only, on the loopback interface</title></head>
<body><h1>Plain http</h1><p>${'This page is only served over plain http on a local port. '.repeat(10)}</p></body></html>`;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
  // A port nothing listens on: refused over both schemes.
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
});

afterAll(async () => {
  if (auditIds.length) await db.audit.deleteMany({ where: { id: { in: auditIds } } });
  server.close();
  await closeRenderPool();
  await closeAnalysisPool();
  await db.$disconnect();
});

async function rejection(promise: Promise<unknown>): Promise<InstanceType<typeof AppError>> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as InstanceType<typeof AppError>;
}

describe('a URL typed without a scheme', () => {
  it('is tried over https first, then http, and the result says which was used', async () => {
    const result = await runInstantAnalysis({ url: `127.0.0.1:${port}/`, render: 'never' }, null);
    auditIds.push(result.auditId);
    expect(result.schemeNote).toBe('No scheme given: https:// did not answer (TLS error), used http://.');
    expect(result.url).toBe(`http://127.0.0.1:${port}/`);
    expect(result.status).toBe(200);
    // Stored under the URL that was fetched, not the https:// one that was assumed.
    const audit = await db.audit.findUniqueOrThrow({ where: { id: result.auditId }, include: { pages: true } });
    expect(audit.url).toBe(`http://127.0.0.1:${port}/`);
    expect(audit.pages[0]?.title).toBe('Plain http only, on the loopback interface');
  });

  it('says both schemes failed, in words rather than socket error codes', async () => {
    const err = await rejection(analyzeUrl(`https://127.0.0.1:${closedPort}/`, { schemeLess: true, render: 'never' }));
    expect(err.code).toBe('UNPROCESSABLE');
    expect(err.message).toBe(
      `No scheme given: https:// did not answer (connection refused) and http:// failed too. Could not fetch http://127.0.0.1:${closedPort}/: connection refused. ` +
        'Check that the web server is running and accepts connections on that port.',
    );
    expect(err.details).toMatchObject({ fetchError: 'CONNECTION_FAILED', reason: 'ECONNREFUSED', detail: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('a URL typed with a scheme', () => {
  it('is never switched to http://, and the error says why https:// failed', async () => {
    const err = await rejection(runInstantAnalysis({ url: `https://127.0.0.1:${port}/`, render: 'never' }, null));
    expect(err.message.startsWith(`Could not fetch https://127.0.0.1:${port}/: TLS error. `)).toBe(true);
    expect(err.message).not.toMatch(/EPROTO|ssl3|wrong version/);
  });

  it('over http has no note', async () => {
    const analyzed = await analyzeUrl(`http://127.0.0.1:${port}/`, { render: 'never' });
    expect(analyzed.schemeNote).toBeUndefined();
    expect(analyzed.fetch.requestedUrl).toBe(`http://127.0.0.1:${port}/`);
  });
});
