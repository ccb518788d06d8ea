import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDnsCache, type ResolveAll } from '@/lib/fetch/dns-cache';

describe('createDnsCache as the lookup of a real http request', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((req, res) => res.end(`host=${req.headers.host}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('connects through the cached answer and resolves once', async () => {
    const resolve = vi.fn<ResolveAll>(async () => [{ address: '127.0.0.1', family: 4 }]);
    const { lookup } = createDnsCache({ resolve });
    const get = () =>
      new Promise<string>((done, fail) => {
        http
          .get({ host: 'site.test', port, path: '/', lookup, agent: false }, (res) => {
            let body = '';
            res.on('data', (chunk) => (body += chunk));
            res.on('end', () => done(body));
          })
          .on('error', fail);
      });
    expect(await get()).toBe(`host=site.test:${port}`);
    expect(await get()).toBe(`host=site.test:${port}`);
    expect(resolve).toHaveBeenCalledTimes(1);
  });

  it('works with fetch-style autoSelectFamily lookups (all: true)', async () => {
    const { lookup } = createDnsCache({ resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const body = await new Promise<string>((done, fail) => {
      http
        .get({ host: 'site.test', port, path: '/', lookup, agent: false, autoSelectFamily: true } as http.RequestOptions, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => done(text));
        })
        .on('error', fail);
    });
    expect(body).toBe(`host=site.test:${port}`);
  });
});
