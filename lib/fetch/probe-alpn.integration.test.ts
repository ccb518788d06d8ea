import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeAlpn } from '@/lib/fetch/probe-alpn';

// One TLS handshake per origin, against local servers with a self-signed certificate made for the
// test (never committed): an HTTP/2 server that also speaks HTTP/1.1, a plain HTTPS server (HTTP/1.1
// only), and a TCP server that never answers. No HTTP request may reach any of them.

const ALLOW = { allowedPrivateHosts: ['127.0.0.1', 'localhost'] };
let dir = '';
let h2Server: http2.Http2SecureServer;
let h1Server: https.Server;
let silent: net.Server;
const requests: string[] = [];
const silentSockets: net.Socket[] = [];

const listen = (server: net.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
let h2Port = 0;
let h1Port = 0;
let silentPort = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alpn-test-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  const tlsOptions = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  h2Server = http2.createSecureServer({ ...tlsOptions, allowHTTP1: true }, (req, res) => {
    requests.push(`h2 ${req.url}`);
    res.end('ok');
  });
  h1Server = https.createServer(tlsOptions, (req, res) => {
    requests.push(`h1 ${req.url}`);
    res.end('ok');
  });
  silent = net.createServer((socket) => silentSockets.push(socket)); // accepts, never speaks TLS
  [h2Port, h1Port, silentPort] = await Promise.all([listen(h2Server), listen(h1Server), listen(silent)]);
});

afterAll(async () => {
  const close = (server: net.Server) => new Promise((resolve) => server.close(resolve));
  for (const socket of silentSockets) socket.destroy();
  silent.close();
  await Promise.all([close(h2Server), close(h1Server)]);
  rmSync(dir, { recursive: true, force: true });
});

describe('probeAlpn', () => {
  it('reads h2 from an HTTP/2 server and http/1.1 from an HTTPS-only one, accepting the self-signed certificate, sending no request', async () => {
    expect(await probeAlpn(`https://localhost:${h2Port}/some/page`, ALLOW)).toEqual({ url: `https://localhost:${h2Port}/`, protocol: 'h2' });
    expect(await probeAlpn(`https://127.0.0.1:${h1Port}/`, ALLOW)).toEqual({ url: `https://127.0.0.1:${h1Port}/`, protocol: 'http/1.1' });
    expect(requests).toEqual([]);
  });

  it('does not ask an http URL', async () => {
    expect(await probeAlpn(`http://127.0.0.1:${h1Port}/`, ALLOW)).toBeNull();
  });

  it('refuses a private address that is not allow-listed, without connecting', async () => {
    let connected = 0;
    h1Server.once('connection', () => connected++);
    const result = await probeAlpn(`https://127.0.0.1:${h1Port}/`, { allowedPrivateHosts: [] });
    expect(result).toMatchObject({ errorCode: 'BLOCKED_PRIVATE_ADDRESS' });
    expect(result).not.toHaveProperty('protocol');
    expect(connected).toBe(0);
  });

  it('gives up at the timeout when the server never completes the handshake', async () => {
    const started = Date.now();
    const result = await probeAlpn(`https://127.0.0.1:${silentPort}/`, { ...ALLOW, timeoutMs: 300 });
    expect(result).toMatchObject({ errorCode: 'CONNECT_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
