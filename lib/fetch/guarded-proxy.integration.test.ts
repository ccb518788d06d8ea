import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGuardedProxy, type GuardedProxy } from '@/lib/fetch/guarded-proxy';

let target: http.Server;
let targetPort: number;
let targetConnections = 0;
let proxy: GuardedProxy;
let proxyPort: number;

beforeAll(async () => {
  target = http.createServer((req, res) => res.end(`hello ${req.url}`));
  target.on('connection', () => targetConnections++);
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetPort = (target.address() as AddressInfo).port;
  proxy = await startGuardedProxy({ allowedPrivateHosts: ['localhost'] });
  proxyPort = Number(new URL(proxy.url).port);
});

afterAll(async () => {
  await proxy.close();
  target.closeAllConnections();
  await new Promise((resolve) => target.close(resolve));
});

// Sends an absolute-URL request through the proxy, as a browser does for http://.
function getViaProxy(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: proxyPort, path: url, headers: { host: new URL(url).host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

// Opens a CONNECT tunnel (https:// and WebSockets) and returns the proxy's status line.
function connectViaProxy(authority: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(proxyPort, '127.0.0.1', () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nhost: ${authority}\r\n\r\n`));
    socket.setEncoding('utf8').once('data', (chunk: string) => {
      socket.destroy();
      resolve(chunk);
    });
    socket.on('error', reject);
  });
}

describe('guarded proxy', () => {
  it('forwards plain HTTP to an allow-listed host', async () => {
    await expect(getViaProxy(`http://localhost:${targetPort}/page?q=1`)).resolves.toEqual({ status: 200, body: 'hello /page?q=1' });
  });

  it('refuses plain HTTP to a private address that is not allow-listed, without connecting', async () => {
    const before = targetConnections;
    const response = await getViaProxy(`http://127.0.0.1:${targetPort}/`);
    expect(response.status).toBe(403);
    expect(response.body).toContain('127.0.0.1 is a loopback address');
    expect(response.body).toContain('ALLOWED_PRIVATE_HOSTS');
    expect(targetConnections).toBe(before);
  });

  it('opens CONNECT tunnels only to allowed hosts', async () => {
    const before = targetConnections;
    expect(await connectViaProxy(`127.0.0.1:${targetPort}`)).toMatch(/^HTTP\/1\.1 403 Forbidden/);
    expect(await connectViaProxy(`[::1]:${targetPort}`)).toMatch(/^HTTP\/1\.1 403 Forbidden/);
    expect(targetConnections).toBe(before);
    expect(await connectViaProxy(`localhost:${targetPort}`)).toMatch(/^HTTP\/1\.1 200 Connection Established/);
    await expect.poll(() => targetConnections).toBe(before + 1);
  });
});
