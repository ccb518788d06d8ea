import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '@/lib/fetch/fetch-error';
import { DEFAULT_USER_AGENT, fetchPage } from '@/lib/fetch/fetch-page';

const ALLOW = { allowedPrivateHosts: ['127.0.0.1'] };
const CP1252_BYTES = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x71, 0x94]); // café – “q”
const SJIS_BYTES = Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]); // 日本語
const HTML = '<!doctype html><title>t</title><h1>héllo wörld</h1>' + ' filler'.repeat(200);
const MB = 1024 * 1024;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let server: http.Server;
let base: string;
let port: number;
const requests: string[] = [];
let connections = 0;
let otherServer: http.Server; // on 127.0.0.2: must never be contacted when refused
let otherPort: number;
let otherConnections = 0;
let silentServer: net.Server; // accepts TCP but never speaks (stalls a TLS handshake)
const bomb = zlib.gzipSync(Buffer.alloc(40 * MB));

const html = (body: string | Buffer, contentType = 'text/html; charset=utf-8'): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': contentType });
  res.end(body);
};
const redirect = (status: number, location: string | (() => string)): Handler => (_req, res) => {
  res.writeHead(status, { location: typeof location === 'function' ? location() : location });
  res.end('moved');
};

const routes: Record<string, Handler> = {
  '/ok': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': ['a=1', 'b=2'], 'x-ua': req.headers['user-agent'] ?? '', 'x-echo-extra': req.headers['x-extra'] ?? '' });
    res.end(HTML);
  },
  '/r/3': redirect(301, '/r/2'),
  '/r/2': redirect(302, '/r/1'),
  '/r/1': redirect(307, () => `${base}/ok#frag`),
  '/loop-a': redirect(302, '/loop-b'),
  '/loop-b': redirect(302, '/loop-a'),
  '/404': (_req, res) => {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<h1>Not found</h1>');
  },
  '/500': (_req, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('boom');
  },
  '/slow-headers': () => {},
  '/slow-body': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<h1>partial');
  },
  '/huge': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(256 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < 16 * MB && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  },
  '/gzip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
    res.end(zlib.gzipSync(HTML));
  },
  '/br': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' });
    res.end(zlib.brotliCompressSync(HTML));
  },
  '/deflate': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'deflate' });
    res.end(zlib.deflateSync(HTML));
  },
  '/corrupt-gzip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    res.end(Buffer.from('this is not gzip at all'));
  },
  '/bomb': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    res.end(bomb);
  },
  '/cp1252-header': html(Buffer.concat([Buffer.from('<p>'), CP1252_BYTES]), 'text/html; charset=windows-1252'),
  '/cp1252-meta': html(Buffer.concat([Buffer.from('<meta charset="windows-1252"><p>'), CP1252_BYTES]), 'text/html'),
  '/sjis-header': html(Buffer.concat([Buffer.from('<p>'), SJIS_BYTES]), 'text/html; charset=Shift_JIS'),
  '/sjis-meta': html(
    Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=shift_jis"><p>'), SJIS_BYTES]),
    'text/html',
  ),
  '/bom': html(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>héllo</p>')]), 'text/html'),
  '/image': html(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), 'image/png'),
  '/to-other-host': redirect(302, () => `http://127.0.0.2:${otherPort}/`),
};

function listen(srv: net.Server, host: string): Promise<number> {
  return new Promise((resolve) => srv.listen(0, host, () => resolve((srv.address() as AddressInfo).port)));
}

async function expectFetchError(promise: Promise<unknown>, code: string): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  expect((error as FetchError).code).toBe(code);
  return error as FetchError;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const chain = /^\/chain\/(\d+)$/.exec(path);
    if (chain) return redirect(301, `/chain/${Number(chain[1]) + 1}`)(req, res);
    (routes[path] ?? routes['/404']!)(req, res);
  });
  server.on('connection', () => connections++);
  port = await listen(server, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;

  otherServer = http.createServer((_req, res) => res.end('reached'));
  otherServer.on('connection', () => otherConnections++);
  otherPort = await listen(otherServer, '127.0.0.2');

  silentServer = net.createServer((socket) => socket.resume()); // read (so EOF is seen) but never answer
  await listen(silentServer, '127.0.0.1');
});

afterAll(async () => {
  for (const srv of [server, otherServer]) srv.closeAllConnections();
  await Promise.all([server, otherServer, silentServer].map((srv) => new Promise((resolve) => srv.close(resolve))));
});

describe('fetchPage over HTTP', () => {
  it('fetches a plain 200 page with headers, timings and byte counts', async () => {
    const result = await fetchPage(`${base}/ok`, ALLOW);
    expect(result.status).toBe(200);
    expect(result.requestedUrl).toBe(`${base}/ok`);
    expect(result.finalUrl).toBe(`${base}/ok`);
    expect(result.body).toBe(HTML);
    expect(result.contentType).toBe('text/html');
    expect(result.charset).toBe('utf-8');
    expect(result.hasBom).toBe(false);
    expect(result.headers['set-cookie']).toBe('a=1, b=2');
    expect(result.headers['x-ua']).toBe(DEFAULT_USER_AGENT);
    expect(result.redirects).toEqual([]);
    expect(result.redirectError).toBeUndefined();
    expect(result.truncated).toBe(false);
    expect(result.bodyBytes).toBe(Buffer.byteLength(HTML));
    expect(result.transferBytes).toBe(Buffer.byteLength(HTML));
    expect(result.remoteAddress).toBe('127.0.0.1');
    expect(result.timings.ttfbMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.ttfbMs);
  });

  it('sends a custom User-Agent and extra headers', async () => {
    const result = await fetchPage(`${base}/ok`, { ...ALLOW, userAgent: 'TestBot/2', headers: { 'X-Extra': '1' } });
    expect(result.headers['x-ua']).toBe('TestBot/2');
    expect(result.headers['x-echo-extra']).toBe('1');
  });

  it('reuses keep-alive connections across fetches', async () => {
    await fetchPage(`${base}/ok`, ALLOW);
    const before = connections;
    for (let i = 0; i < 3; i++) await fetchPage(`${base}/ok`, ALLOW);
    expect(connections - before).toBe(0);
  });

  it('records every hop of a 3-redirect chain', async () => {
    const result = await fetchPage(`${base}/r/3`, ALLOW);
    expect(result.status).toBe(200);
    expect(result.finalUrl).toBe(`${base}/ok`);
    expect(result.body).toBe(HTML);
    expect(result.redirects).toEqual([
      { url: `${base}/r/3`, status: 301, location: '/r/2' },
      { url: `${base}/r/2`, status: 302, location: '/r/1' },
      { url: `${base}/r/1`, status: 307, location: `${base}/ok#frag` },
    ]);
    expect(result.redirectError).toBeUndefined();
  });

  it('detects a redirect loop and returns the last response', async () => {
    const result = await fetchPage(`${base}/loop-a`, ALLOW);
    expect(result.redirectError).toBe('loop');
    expect(result.status).toBe(302);
    expect(result.finalUrl).toBe(`${base}/loop-b`);
    expect(result.redirects.map((hop) => hop.url)).toEqual([`${base}/loop-a`, `${base}/loop-b`]);
    expect(result.body).toBe('moved');
  });

  it('stops after the default 10 redirects', async () => {
    const result = await fetchPage(`${base}/chain/0`, ALLOW);
    expect(result.redirectError).toBe('too-many');
    expect(result.status).toBe(301);
    expect(result.finalUrl).toBe(`${base}/chain/10`);
    expect(result.redirects).toHaveLength(11);
  });

  it('honours maxRedirects', async () => {
    const result = await fetchPage(`${base}/chain/0`, { ...ALLOW, maxRedirects: 2 });
    expect(result.redirectError).toBe('too-many');
    expect(result.finalUrl).toBe(`${base}/chain/2`);
  });

  it('returns 404 and 500 responses instead of throwing', async () => {
    const notFound = await fetchPage(`${base}/404`, ALLOW);
    expect(notFound.status).toBe(404);
    expect(notFound.body).toBe('<h1>Not found</h1>');
    const serverError = await fetchPage(`${base}/500`, ALLOW);
    expect(serverError.status).toBe(500);
    expect(serverError.body).toBe('boom');
  });

  it('times out waiting for headers', async () => {
    const error = await expectFetchError(fetchPage(`${base}/slow-headers`, { ...ALLOW, headersTimeoutMs: 300 }), 'HEADERS_TIMEOUT');
    expect(error.url).toBe(`${base}/slow-headers`);
  });

  it('times out reading a stalled body', async () => {
    await expectFetchError(fetchPage(`${base}/slow-body`, { ...ALLOW, bodyTimeoutMs: 300 }), 'BODY_TIMEOUT');
  });

  it('times out connecting when the TLS handshake stalls', async () => {
    const silentPort = (silentServer.address() as AddressInfo).port;
    await expectFetchError(fetchPage(`https://127.0.0.1:${silentPort}/`, { ...ALLOW, connectTimeoutMs: 300 }), 'CONNECT_TIMEOUT');
  });

  it('reports refused connections', async () => {
    const closed = net.createServer();
    const closedPort = await listen(closed, '127.0.0.1');
    await new Promise((resolve) => closed.close(resolve));
    await expectFetchError(fetchPage(`http://127.0.0.1:${closedPort}/`, ALLOW), 'CONNECTION_FAILED');
  });

  it('aborts via AbortSignal', async () => {
    const controller = new AbortController();
    const pending = fetchPage(`${base}/slow-headers`, { ...ALLOW, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('aborts while reading the body', async () => {
    const controller = new AbortController();
    const pending = fetchPage(`${base}/slow-body`, { ...ALLOW, signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('truncates a huge body at the default 5 MB cap', async () => {
    const result = await fetchPage(`${base}/huge`, ALLOW);
    expect(result.truncated).toBe(true);
    expect(result.bodyBytes).toBe(5 * MB);
    expect(result.body.length).toBe(5 * MB);
    expect(result.transferBytes).toBeLessThan(16 * MB);
  });

  it.each(['gzip', 'br', 'deflate'])('decompresses %s bodies', async (coding) => {
    const result = await fetchPage(`${base}/${coding}`, ALLOW);
    expect(result.body).toBe(HTML);
    expect(result.bodyBytes).toBe(Buffer.byteLength(HTML));
    expect(result.transferBytes).toBeLessThan(result.bodyBytes);
    expect(result.truncated).toBe(false);
  });

  it('caps a gzip bomb at maxBodyBytes', async () => {
    const result = await fetchPage(`${base}/bomb`, { ...ALLOW, maxBodyBytes: MB });
    expect(result.truncated).toBe(true);
    expect(result.bodyBytes).toBe(MB);
    expect(result.body.length).toBe(MB);
    expect(result.transferBytes).toBeLessThanOrEqual(bomb.length);
  });

  it('fails clearly on a corrupt gzip body', async () => {
    const error = await expectFetchError(fetchPage(`${base}/corrupt-gzip`, ALLOW), 'CONNECTION_FAILED');
    expect(error.message).toMatch(/Could not decompress the gzip body/);
  });

  it.each([
    ['/cp1252-header', 'windows-1252', '<p>café – “q”'],
    ['/cp1252-meta', 'windows-1252', '<meta charset="windows-1252"><p>café – “q”'],
    ['/sjis-header', 'shift_jis', '<p>日本語'],
    ['/sjis-meta', 'shift_jis', '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis"><p>日本語'],
  ])('decodes %s as %s', async (path, charset, body) => {
    const result = await fetchPage(`${base}${path}`, ALLOW);
    expect(result.charset).toBe(charset);
    expect(result.body).toBe(body);
  });

  it('strips a UTF-8 BOM from the body and reports it', async () => {
    const result = await fetchPage(`${base}/bom`, ALLOW);
    expect(result.hasBom).toBe(true);
    expect(result.body).toBe('<p>héllo</p>');
    expect(result.charset).toBe('utf-8');
    expect(result.bodyBytes).toBe(3 + Buffer.byteLength('<p>héllo</p>'));
  });

  it('returns an empty body for non-text content', async () => {
    const result = await fetchPage(`${base}/image`, ALLOW);
    expect(result.contentType).toBe('image/png');
    expect(result.body).toBe('');
    expect(result.bodyBytes).toBe(8);
  });

  it('rejects invalid URLs and unsupported protocols', async () => {
    await expectFetchError(fetchPage('not a url'), 'INVALID_URL');
    await expectFetchError(fetchPage('ftp://127.0.0.1/file'), 'UNSUPPORTED_PROTOCOL');
    await expectFetchError(fetchPage('file:///etc/passwd'), 'UNSUPPORTED_PROTOCOL');
  });
});

describe('fetchPage SSRF guard', () => {
  const expectRefusedWithoutContact = async (url: string, options = {}) => {
    const before = { requests: requests.length, connections };
    const error = await expectFetchError(fetchPage(url, { connectTimeoutMs: 60_000, ...options }), 'BLOCKED_PRIVATE_ADDRESS');
    expect(error.message).toContain('ALLOWED_PRIVATE_HOSTS');
    expect({ requests: requests.length, connections }).toEqual(before);
    return error;
  };

  it('refuses 127.0.0.1 by default without connecting', async () => {
    const error = await expectRefusedWithoutContact(`${base}/ok`);
    expect(error.message).toBe(
      `Refused to fetch ${base}/ok: 127.0.0.1 is a loopback address. Add "127.0.0.1" to ALLOWED_PRIVATE_HOSTS to allow it.`,
    );
  });

  it('refuses [::1] by default', async () => {
    const error = await expectRefusedWithoutContact(`http://[::1]:${port}/ok`);
    expect(error.message).toContain('::1 is a loopback address');
  });

  it('refuses 10.0.0.1 before connecting', async () => {
    const error = await expectRefusedWithoutContact('http://10.0.0.1/');
    expect(error.message).toContain('10.0.0.1 is a private network address');
  });

  it('refuses the cloud metadata address', async () => {
    const error = await expectRefusedWithoutContact('http://169.254.169.254/latest/meta-data/');
    expect(error.message).toContain('169.254.169.254 is a cloud metadata address');
  });

  it('refuses a hostname that resolves to loopback', async () => {
    const error = await expectRefusedWithoutContact(`http://localhost:${port}/ok`);
    expect(error.message).toMatch(/localhost resolves to 127\.0\.0\.1, a loopback address\. Add "localhost" to ALLOWED_PRIVATE_HOSTS/);
  });

  it('refuses a redirect from an allowed host to a disallowed address without contacting it', async () => {
    const before = otherConnections;
    const error = await expectFetchError(
      fetchPage(`http://localhost:${port}/to-other-host`, { allowedPrivateHosts: ['localhost'] }),
      'BLOCKED_PRIVATE_ADDRESS',
    );
    expect(requests.at(-1)).toBe('/to-other-host'); // the first hop was allowed
    expect(error.url).toBe(`http://127.0.0.2:${otherPort}/`);
    expect(error.message).toContain('127.0.0.2 is a loopback address');
    expect(error.message).toContain('ALLOWED_PRIVATE_HOSTS');
    expect(otherConnections).toBe(before);
  });

  it('follows the same redirect once the target is allow-listed (so the refusal above is the guard)', async () => {
    const result = await fetchPage(`http://localhost:${port}/to-other-host`, { allowedPrivateHosts: ['localhost', '127.0.0.2'] });
    expect(result.body).toBe('reached');
    expect(result.remoteAddress).toBe('127.0.0.2');
  });

  it('allows a CIDR allow-list entry and "*"', async () => {
    expect((await fetchPage(`${base}/ok`, { allowedPrivateHosts: ['127.0.0.0/8'] })).status).toBe(200);
    expect((await fetchPage(`${base}/ok`, { allowedPrivateHosts: ['*'] })).status).toBe(200);
  });
});
