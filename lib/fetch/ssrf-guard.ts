import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { createDnsCache, type LookupFunction } from '@/lib/fetch/dns-cache';
import { FetchError } from '@/lib/fetch/fetch-error';

export type BlockedRange =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'reserved'
  | 'metadata'
  | 'invalid';

export type ResolvedAddress = { address: string; family: 4 | 6 };

const IPV4_BLOCKED: Record<string, BlockedRange> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'cgnat',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  reserved: 'reserved',
};

// Non-routable or tunnelling IPv6 ranges are refused outright; ranges that embed an IPv4 address are
// judged by that address (see readEmbeddedIPv4).
const IPV6_BLOCKED: Record<string, BlockedRange> = {
  loopback: 'loopback',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  multicast: 'multicast',
  unspecified: 'unspecified',
  deprecatedSiteLocal: 'reserved',
  discard: 'reserved',
  reserved: 'reserved',
  teredo: 'reserved',
  benchmarking: 'reserved',
  deprecatedOrchid: 'reserved',
  orchid2: 'reserved',
  segmentRouting: 'reserved',
};

// Cloud instance-metadata endpoints (AWS/GCP/Azure IPv4, AWS IPv6).
const METADATA_ADDRESSES = new Set(['169.254.169.254', ipaddr.parse('fd00:ec2::254').toNormalizedString()]);

const RANGE_DESCRIPTIONS: Record<BlockedRange, string> = {
  loopback: 'a loopback address',
  private: 'a private network address',
  'link-local': 'a link-local address',
  'unique-local': 'a unique-local IPv6 address',
  cgnat: 'a carrier-grade NAT (100.64.0.0/10) address',
  multicast: 'a multicast address',
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  reserved: 'a reserved address',
  metadata: 'a cloud metadata address',
  invalid: 'not a valid IP address',
};

/** Returns why an IP must not be fetched, or null when it is a public unicast address. */
export function classifyAddress(ip: string): BlockedRange | null {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(stripBrackets(ip));
  } catch {
    return 'invalid'; // fail closed
  }
  if (addr.kind() === 'ipv4') return classifyIPv4(addr as ipaddr.IPv4);
  const v6 = addr as ipaddr.IPv6;
  if (METADATA_ADDRESSES.has(v6.toNormalizedString())) return 'metadata';
  const range = v6.range();
  const blocked = IPV6_BLOCKED[range];
  if (blocked) return blocked;
  const embedded = readEmbeddedIPv4(v6, range);
  if (embedded === 'reserved') return 'reserved';
  return embedded ? classifyIPv4(embedded) : null;
}

export function isPrivateAddress(ip: string): boolean {
  return classifyAddress(ip) !== null;
}

export function describeBlockedRange(range: BlockedRange): string {
  return RANGE_DESCRIPTIONS[range];
}

function classifyIPv4(addr: ipaddr.IPv4): BlockedRange | null {
  if (METADATA_ADDRESSES.has(addr.toString())) return 'metadata';
  return IPV4_BLOCKED[addr.range()] ?? null;
}

// IPv4-mapped, SIIT, NAT64 and 6to4 addresses reach the embedded IPv4 host, so judge that host.
function readEmbeddedIPv4(v6: ipaddr.IPv6, range: string): ipaddr.IPv4 | 'reserved' | null {
  const p = v6.parts;
  const fromWords = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6145') return fromWords(p[6]!, p[7]!);
  if (range === 'rfc6052') {
    // Only the well-known 64:ff9b::/96 has a fixed layout; local-use NAT64 prefixes are refused.
    return p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0 ? fromWords(p[6]!, p[7]!) : 'reserved';
  }
  if (range === '6to4') return fromWords(p[1]!, p[2]!);
  // Deprecated IPv4-compatible ::a.b.c.d
  if (p.slice(0, 6).every((part) => part === 0)) return fromWords(p[6]!, p[7]!);
  return null;
}

/**
 * True when `allowList` lets `host` (resolved to `ip`) through the private-address guard.
 * Entries: "*", hostnames ("localhost", "*.internal"), IPs ("10.0.0.5", "::1") or CIDRs ("10.0.0.0/8").
 */
export function isAllowedByList(host: string, ip: string, allowList: readonly string[]): boolean {
  const hostname = normalizeHost(host);
  const addr = parseIp(ip);
  return allowList.some((raw) => {
    const entry = normalizeHost(raw);
    if (!entry) return false;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (!addr || !ipaddr.isValidCIDR(entry)) return false;
      const [network, bits] = ipaddr.parseCIDR(entry);
      const candidate = network.kind() === 'ipv6' && addr.kind() === 'ipv4' ? (addr as ipaddr.IPv4).toIPv4MappedAddress() : addr;
      return candidate.kind() === network.kind() && candidate.match(network, bits);
    }
    if (isIP(entry)) {
      const entryAddr = parseIp(entry);
      return !!addr && !!entryAddr && addr.kind() === entryAddr.kind() && addr.toNormalizedString() === entryAddr.toNormalizedString();
    }
    if (entry.startsWith('*.')) return hostname.endsWith(entry.slice(1));
    return hostname === entry;
  });
}

/** Parses a comma/whitespace separated allow-list such as "localhost, 10.0.0.0/8". */
export function parseAllowList(csv: string): string[] {
  return csv
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
}

// One cache per process: a crawl asks for the same few hosts thousands of times, and uncached
// lookups queue on libuv's four threads. Cached answers are still classified on every call.
const dnsCache = createDnsCache({ resolve: (host, family) => lookup(host, { all: true, verbatim: true, family }) });

/**
 * Resolves the URL's host and refuses it if any address is private and not allow-listed.
 * The returned addresses must be the ones connected to (pinning them defeats DNS rebinding).
 */
export async function resolveAllowedAddresses(url: URL, allowList: readonly string[]): Promise<ResolvedAddress[]> {
  const host = normalizeHost(url.hostname);
  const literalFamily = isIP(host);
  let addresses: ResolvedAddress[];
  if (literalFamily) {
    addresses = [{ address: host, family: literalFamily as 4 | 6 }];
  } else {
    try {
      addresses = (await dnsCache.resolveAll(host)).map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new FetchError('DNS_FAILURE', url.href, `Could not resolve ${host} for ${url.href} (${code}).`, { cause: error });
    }
    if (addresses.length === 0) throw new FetchError('DNS_FAILURE', url.href, `${host} has no addresses (${url.href}).`);
  }
  for (const { address } of addresses) {
    const range = classifyAddress(address);
    if (range && !isAllowedByList(host, address, allowList)) throw createBlockedError(url.href, host, address, range);
  }
  return addresses;
}

// Connect only to the addresses the guard approved, so a second DNS answer can't swap in a private
// IP. One lookup for undici (fetchPage), the proxy and node:http (sitemaps): Node may pass the
// family as a number, as 'IPv4'/'IPv6', or no options at all.
export function createPinnedLookup(addresses: readonly { address: string; family: number }[]): LookupFunction {
  return (hostname, options, callback) => {
    const cb = (typeof options === 'function' ? options : callback)!;
    const opts = typeof options === 'object' ? options : {};
    const family = typeof options === 'number' ? options : opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : opts.family;
    const usable = family ? addresses.filter((a) => a.family === family) : [...addresses];
    if (usable.length === 0) {
      const error: NodeJS.ErrnoException = new Error(`No ${family ? `IPv${family} ` : ''}address for ${hostname}`);
      error.code = 'ENOTFOUND';
      cb(error, opts.all ? [] : '');
      return;
    }
    if (opts.all) cb(null, usable.map((a) => ({ address: a.address, family: a.family })));
    else cb(null, usable[0]!.address, usable[0]!.family);
  };
}

export function createBlockedError(url: string, host: string, ip: string, range: BlockedRange): FetchError {
  const what = describeBlockedRange(range);
  const subject = host === normalizeHost(ip) ? `${ip} is ${what}` : `${host} resolves to ${ip}, ${what}`;
  return new FetchError(
    'BLOCKED_PRIVATE_ADDRESS',
    url,
    `Refused to fetch ${url}: ${subject}. Add "${host}" to ALLOWED_PRIVATE_HOSTS to allow it.`,
  );
}

function parseIp(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    return ipaddr.process(stripBrackets(ip)); // process() turns ::ffff:a.b.c.d into a.b.c.d
  } catch {
    return null;
  }
}

function normalizeHost(host: string): string {
  return stripBrackets(host.trim().toLowerCase()).replace(/\.$/, '');
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
