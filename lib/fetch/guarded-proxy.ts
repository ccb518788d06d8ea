import http from 'node:http';
import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { FetchError } from '@/lib/fetch/fetch-error';
import { createPinnedLookup, resolveAllowedAddresses } from '@/lib/fetch/ssrf-guard';

// A local forward proxy that applies the private-address guard to every connection Chromium makes.
// Request interception misses WebSockets and some browser-initiated requests, and Chromium does its
// own DNS (so a rebinding answer could slip past a check); routing everything through here closes both.

export type GuardedProxy = { url: string; close(): Promise<void> };

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const UPSTREAM_CONNECT_TIMEOUT_MS = 10_000;

export async function startGuardedProxy(options: { allowedPrivateHosts?: string[] } = {}): Promise<GuardedProxy> {
  const allowList = options.allowedPrivateHosts ?? [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => void forwardRequest(req, res, allowList));
  server.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => void openTunnel(req, client, head, allowList));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// Plain http:// requests arrive with an absolute URL.
async function forwardRequest(req: http.IncomingMessage, res: http.ServerResponse, allowList: readonly string[]): Promise<void> {
  let target: URL;
  try {
    target = new URL(req.url ?? '');
    if (target.protocol !== 'http:') throw new Error('not http');
  } catch {
    return void res.writeHead(400).end();
  }
  let addresses;
  try {
    addresses = await resolveAllowedAddresses(target, allowList);
  } catch (error) {
    return void res.writeHead(403, { 'content-type': 'text/plain' }).end(describeRefusal(error));
  }
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
  const upstream = http.request({
    hostname: target.hostname.replace(/^\[|\]$/g, ''),
    port: target.port || 80,
    path: target.pathname + target.search,
    method: req.method,
    headers,
    lookup: createPinnedLookup(addresses),
    timeout: UPSTREAM_CONNECT_TIMEOUT_MS,
  });
  upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
  upstream.on('response', (upstreamRes) => {
    const responseHeaders = Object.fromEntries(Object.entries(upstreamRes.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
    res.writeHead(upstreamRes.statusCode ?? 502, responseHeaders as http.OutgoingHttpHeaders);
    upstreamRes.pipe(res);
    upstreamRes.on('error', () => res.destroy());
  });
  upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

// https:// and all WebSocket traffic arrive as CONNECT host:port tunnels.
async function openTunnel(req: http.IncomingMessage, client: Socket, head: Buffer, allowList: readonly string[]): Promise<void> {
  client.on('error', () => {});
  let target: URL;
  try {
    target = new URL(`https://${req.url ?? ''}`);
  } catch {
    return void client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  }
  let addresses;
  try {
    addresses = await resolveAllowedAddresses(target, allowList);
  } catch (error) {
    return void client.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n\r\n${describeRefusal(error)}`);
  }
  const upstream = net.connect({
    host: target.hostname.replace(/^\[|\]$/g, ''),
    port: Number(target.port || 443),
    lookup: createPinnedLookup(addresses),
  });
  let connected = false;
  upstream.setTimeout(UPSTREAM_CONNECT_TIMEOUT_MS, () => upstream.destroy());
  upstream.once('connect', () => {
    connected = true;
    upstream.setTimeout(0);
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => {});
  upstream.on('close', () => (connected ? client.destroy() : client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')));
  client.on('close', () => upstream.destroy());
}

function describeRefusal(error: unknown): string {
  return error instanceof FetchError ? error.message : 'Refused by the private-address guard.';
}
