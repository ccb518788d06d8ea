import { describe, expect, it } from 'vitest';
import { FetchError } from '@/lib/fetch/fetch-error';
import {
  classifyAddress,
  isAllowedByList,
  isPrivateAddress,
  parseAllowList,
  resolveAllowedAddresses,
} from '@/lib/fetch/ssrf-guard';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.0.0.2', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.1.1', 'link-local'],
    ['fd00:ec2::254', 'metadata'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['100.64.0.1', 'cgnat'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['64:ff9b::a00:1', 'private'], // NAT64 of 10.0.0.1
    ['2002:7f00:1::', 'loopback'], // 6to4 of 127.0.0.1
    ['::127.0.0.1', 'loopback'], // IPv4-compatible
    ['not-an-ip', 'invalid'],
  ])('%s is %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows public %s',
    (ip) => {
      expect(classifyAddress(ip)).toBeNull();
      expect(isPrivateAddress(ip)).toBe(false);
    },
  );
});

describe('isAllowedByList', () => {
  it('matches hostnames case-insensitively, ignoring a trailing dot', () => {
    expect(isAllowedByList('LocalHost.', '127.0.0.1', ['localhost'])).toBe(true);
    expect(isAllowedByList('intranet', '10.0.0.1', ['localhost'])).toBe(false);
  });

  it('matches wildcard subdomains but not the bare suffix lookalike', () => {
    expect(isAllowedByList('api.corp.internal', '10.0.0.1', ['*.corp.internal'])).toBe(true);
    expect(isAllowedByList('evilcorp.internal', '10.0.0.1', ['*.corp.internal'])).toBe(false);
  });

  it('matches exact IPs, including IPv4-mapped IPv6 forms', () => {
    expect(isAllowedByList('127.0.0.1', '127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(isAllowedByList('x', '::ffff:127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(isAllowedByList('127.0.0.2', '127.0.0.2', ['127.0.0.1'])).toBe(false);
    expect(isAllowedByList('::1', '::1', ['[::1]'])).toBe(true);
    expect(isAllowedByList('::1', '::1', ['0:0:0:0:0:0:0:1'])).toBe(true);
  });

  it('matches CIDR ranges', () => {
    expect(isAllowedByList('db', '10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(isAllowedByList('db', '11.1.2.3', ['10.0.0.0/8'])).toBe(false);
    expect(isAllowedByList('db', '192.168.5.9', ['192.168.5.0/24'])).toBe(true);
    expect(isAllowedByList('db', '192.168.6.9', ['192.168.5.0/24'])).toBe(false);
    expect(isAllowedByList('db', 'fd00::5', ['fd00::/8'])).toBe(true);
    expect(isAllowedByList('db', '10.1.2.3', ['fd00::/8'])).toBe(false);
    expect(isAllowedByList('db', '10.1.2.3', ['not/a-cidr'])).toBe(false);
  });

  it('allows everything with "*" and nothing with an empty list', () => {
    expect(isAllowedByList('anything', '10.0.0.1', ['*'])).toBe(true);
    expect(isAllowedByList('anything', '10.0.0.1', [])).toBe(false);
  });
});

describe('parseAllowList', () => {
  it('splits on commas and whitespace and drops empties', () => {
    expect(parseAllowList(' localhost, 10.0.0.0/8 ,,  ::1\nFoo.Internal ')).toEqual(['localhost', '10.0.0.0/8', '::1', 'foo.internal']);
    expect(parseAllowList('')).toEqual([]);
  });
});

describe('resolveAllowedAddresses', () => {
  it('refuses literal private IPs with a message naming the address and the setting', async () => {
    const error = await resolveAllowedAddresses(new URL('http://10.0.0.1/x'), []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).code).toBe('BLOCKED_PRIVATE_ADDRESS');
    expect((error as FetchError).message).toBe(
      'Refused to fetch http://10.0.0.1/x: 10.0.0.1 is a private network address. Add "10.0.0.1" to ALLOWED_PRIVATE_HOSTS to allow it.',
    );
  });

  it('refuses hostnames that resolve to loopback, naming the resolved IP', async () => {
    const error = (await resolveAllowedAddresses(new URL('http://localhost:8080/'), []).catch((e: unknown) => e)) as FetchError;
    expect(error.code).toBe('BLOCKED_PRIVATE_ADDRESS');
    expect(error.message).toMatch(/^Refused to fetch http:\/\/localhost:8080\/: localhost resolves to (127\.0\.0\.1|::1), a loopback address\. Add "localhost" to ALLOWED_PRIVATE_HOSTS/);
  });

  it('returns the addresses when allow-listed', async () => {
    await expect(resolveAllowedAddresses(new URL('http://[::1]/'), ['::1'])).resolves.toEqual([{ address: '::1', family: 6 }]);
    const addresses = await resolveAllowedAddresses(new URL('http://localhost/'), ['localhost']);
    expect(addresses.length).toBeGreaterThan(0);
  });

  it('reports DNS failures', async () => {
    const error = (await resolveAllowedAddresses(new URL('http://does-not-exist.invalid/'), []).catch((e: unknown) => e)) as FetchError;
    expect(error.code).toBe('DNS_FAILURE');
  });
});
