// A crawl resolves the same few hosts thousands of times; dns.lookup goes through libuv's small
// thread pool (4 threads, shared with fs and zlib), so uncached lookups queue behind each other.
// This caches every address per host and hands out a `lookup` compatible with net/http/undici.
import { promises as dnsPromises, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { LRUCache } from 'lru-cache';

export type ResolveAll = (hostname: string, family: 0 | 4 | 6) => Promise<LookupAddress[]>;

export type DnsCacheOptions = {
  /** How long answers are reused (default 60 s; we cannot see the record TTL through getaddrinfo). */
  ttlMs?: number;
  /** Cache failures (ENOTFOUND…) this long so a dead host is not re-resolved per URL (default 5 s; 0 = off). */
  errorTtlMs?: number;
  /** Hostnames kept (default 500). */
  max?: number;
  /** Resolver; defaults to dns.promises.lookup with `all: true` (honours /etc/hosts like the OS does). */
  resolve?: ResolveAll;
  now?: () => number;
};

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Signature of the `lookup` option of net.connect / http.request / undici. */
export type LookupFunction = (
  hostname: string,
  options: LookupOptions | number | LookupCallback,
  callback?: LookupCallback,
) => void;

export type DnsCache = {
  lookup: LookupFunction;
  /** Promise form: every address for the host (cached). */
  resolveAll(hostname: string, family?: 0 | 4 | 6): Promise<LookupAddress[]>;
  clear(): void;
  readonly size: number;
};

type Entry = { addresses: LookupAddress[] } | { error: NodeJS.ErrnoException };

const defaultResolve: ResolveAll = (hostname, family) => dnsPromises.lookup(hostname, { all: true, family });

function toFamily(value: LookupOptions['family'] | undefined): 0 | 4 | 6 {
  // Node ≥ 20 may pass 'IPv4'/'IPv6' strings here.
  if (value === 4 || value === 'IPv4') return 4;
  if (value === 6 || value === 'IPv6') return 6;
  return 0;
}

export function createDnsCache(options: DnsCacheOptions = {}): DnsCache {
  const ttlMs = options.ttlMs ?? 60_000;
  const errorTtlMs = options.errorTtlMs ?? 5_000;
  const resolve = options.resolve ?? defaultResolve;
  const cache = new LRUCache<string, Entry>({
    max: options.max ?? 500,
    ttl: ttlMs,
    ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
  });
  const pending = new Map<string, Promise<LookupAddress[]>>();

  function resolveAll(hostname: string, family: 0 | 4 | 6 = 0): Promise<LookupAddress[]> {
    const ipFamily = isIP(hostname);
    if (ipFamily === 4 || ipFamily === 6) return Promise.resolve([{ address: hostname, family: ipFamily }]);
    const key = `${family}:${hostname.toLowerCase()}`;
    const cached = cache.get(key);
    if (cached) return 'error' in cached ? Promise.reject(cached.error) : Promise.resolve(cached.addresses);
    const inFlight = pending.get(key);
    if (inFlight) return inFlight;
    const promise = resolve(hostname, family)
      .then(
        (addresses) => {
          if (addresses.length === 0) {
            const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
            error.code = 'ENOTFOUND';
            throw error;
          }
          cache.set(key, { addresses });
          return addresses;
        },
      )
      .catch((error: NodeJS.ErrnoException) => {
        if (errorTtlMs > 0) cache.set(key, { error }, { ttl: errorTtlMs });
        throw error;
      })
      .finally(() => pending.delete(key));
    pending.set(key, promise);
    return promise;
  }

  const lookup: LookupFunction = (hostname, optionsOrCallback, maybeCallback) => {
    const callback = (typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback) as LookupCallback;
    const lookupOptions: LookupOptions =
      typeof optionsOrCallback === 'number'
        ? { family: optionsOrCallback }
        : typeof optionsOrCallback === 'function'
          ? {}
          : optionsOrCallback;
    resolveAll(hostname, toFamily(lookupOptions.family)).then(
      (addresses) => {
        // Copy so a caller mutating the array cannot poison the cache.
        if (lookupOptions.all) callback(null, addresses.map((a) => ({ ...a })));
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, lookupOptions.all ? [] : ''),
    );
  };

  return {
    lookup,
    resolveAll,
    clear() {
      cache.clear();
      pending.clear();
    },
    get size() {
      return cache.size;
    },
  };
}
