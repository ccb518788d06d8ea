import type { LookupAddress } from 'node:dns';
import { describe, expect, it, vi } from 'vitest';
import { createDnsCache, type ResolveAll } from '@/lib/fetch/dns-cache';

function fakeResolver(table: Record<string, LookupAddress[]>) {
  return vi.fn<ResolveAll>(async (hostname, family) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return family === 0 ? addresses : addresses.filter((a) => a.family === family);
  });
}

const TABLE = {
  'site.test': [
    { address: '127.0.0.1', family: 4 },
    { address: '::1', family: 6 },
  ],
};

function lookupAsync(lookup: ReturnType<typeof createDnsCache>['lookup'], host: string, options: object) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) => {
    lookup(host, options, (error, address, family) => resolve({ error, address, family }));
  });
}

describe('createDnsCache', () => {
  it('returns all addresses with all:true and the first otherwise', async () => {
    const { lookup } = createDnsCache({ resolve: fakeResolver(TABLE) });
    expect(await lookupAsync(lookup, 'site.test', { all: true })).toEqual({ error: null, address: TABLE['site.test'], family: undefined });
    expect(await lookupAsync(lookup, 'site.test', {})).toEqual({ error: null, address: '127.0.0.1', family: 4 });
    expect(await lookupAsync(lookup, 'site.test', { family: 6 })).toMatchObject({ address: '::1', family: 6 });
    expect(await lookupAsync(lookup, 'site.test', { family: 'IPv4' })).toMatchObject({ address: '127.0.0.1' });
  });

  it('supports the legacy (hostname, family, callback) and (hostname, callback) forms', async () => {
    const { lookup } = createDnsCache({ resolve: fakeResolver(TABLE) });
    const viaNumber = await new Promise((resolve) => lookup('site.test', 6, (_e, address) => resolve(address)));
    const viaCallback = await new Promise((resolve) => lookup('site.test', (_e, address) => resolve(address)));
    expect(viaNumber).toBe('::1');
    expect(viaCallback).toBe('127.0.0.1');
  });

  it('resolves once per host and family, sharing concurrent lookups', async () => {
    const resolve = fakeResolver(TABLE);
    const cache = createDnsCache({ resolve });
    await Promise.all([cache.resolveAll('site.test'), cache.resolveAll('SITE.test'), cache.resolveAll('site.test')]);
    await cache.resolveAll('site.test');
    expect(resolve).toHaveBeenCalledTimes(1);
    await cache.resolveAll('site.test', 4);
    expect(resolve).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(2);
  });

  it('passes IP literals through without resolving', async () => {
    const resolve = fakeResolver({});
    const cache = createDnsCache({ resolve });
    expect(await cache.resolveAll('10.0.0.1')).toEqual([{ address: '10.0.0.1', family: 4 }]);
    expect(await cache.resolveAll('::1')).toEqual([{ address: '::1', family: 6 }]);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('expires answers after the TTL', async () => {
    let now = 1_000;
    const resolve = fakeResolver(TABLE);
    const cache = createDnsCache({ resolve, ttlMs: 1_000, now: () => now });
    await cache.resolveAll('site.test');
    now = 1_900;
    await cache.resolveAll('site.test');
    expect(resolve).toHaveBeenCalledTimes(1);
    now = 2_001;
    await cache.resolveAll('site.test');
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('caches failures briefly and reports them through the callback', async () => {
    let now = 1_000;
    const resolve = fakeResolver({});
    const cache = createDnsCache({ resolve, errorTtlMs: 500, now: () => now });
    const first = await lookupAsync(cache.lookup, 'missing.test', { all: true });
    expect(first.error?.code).toBe('ENOTFOUND');
    await expect(cache.resolveAll('missing.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(resolve).toHaveBeenCalledTimes(1);
    now = 1_501;
    await expect(cache.resolveAll('missing.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('treats an empty answer as not found', async () => {
    const cache = createDnsCache({ resolve: async () => [] });
    await expect(cache.resolveAll('empty.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('does not let callers mutate cached answers', async () => {
    const { lookup } = createDnsCache({ resolve: fakeResolver(TABLE) });
    const first = await lookupAsync(lookup, 'site.test', { all: true });
    (first.address as LookupAddress[]).length = 0;
    expect((await lookupAsync(lookup, 'site.test', { all: true })).address).toHaveLength(2);
  });

  it('clear() forgets everything', async () => {
    const resolve = fakeResolver(TABLE);
    const cache = createDnsCache({ resolve });
    await cache.resolveAll('site.test');
    cache.clear();
    await cache.resolveAll('site.test');
    expect(resolve).toHaveBeenCalledTimes(2);
  });
});
