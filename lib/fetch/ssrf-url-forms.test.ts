import { beforeEach, describe, expect, it, vi } from 'vitest';

// The SSRF guard as the fetcher, the proxy and the sitemap reader call it: with a parsed URL. The
// WHATWG parser normalises numeric IPv4 forms (decimal, octal, hex, short) to dotted quads and
// IPv6 to its compressed form before the guard sees them, so each case also pins down what the
// guard is actually handed. Hostnames go through an injected resolver, so a name that resolves to
// loopback or a private range (DNS rebinding to an internal address) is covered without real DNS.

const fakeDns = vi.hoisted(() => new Map<string, { address: string; family: 4 | 6 }[]>());
vi.mock('node:dns/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns/promises')>();
  const lookup = async (host: string, options: { family?: number } = {}) => {
    const answer = fakeDns.get(host.toLowerCase());
    if (!answer) return real.lookup(host, { all: true, verbatim: true, family: options.family ?? 0 });
    return answer.filter((a) => !options.family || a.family === options.family);
  };
  return { ...real, default: { ...real, lookup }, lookup };
});

const { FetchError } = await import('@/lib/fetch/fetch-error');
const { classifyAddress, resolveAllowedAddresses } = await import('@/lib/fetch/ssrf-guard');

beforeEach(() => {
  fakeDns.clear();
});

async function refusal(url: string, allowList: string[] = []) {
  const error = await resolveAllowedAddresses(new URL(url), allowList).then(
    () => null,
    (e: unknown) => e,
  );
  return error instanceof FetchError ? error.code : error;
}

// [url as an attacker writes it, the hostname the guard is handed, an allow-list entry that lets it through]
const PRIVATE_TARGETS: [string, string, string][] = [
  ['http://2130706433/', '127.0.0.1', '127.0.0.1'], // decimal
  ['http://0177.0.0.1/', '127.0.0.1', '127.0.0.1'], // octal
  ['http://0x7f000001/', '127.0.0.1', '127.0.0.1'], // hex
  ['http://0x7f.0.0.1/', '127.0.0.1', '127.0.0.1'], // hex octet
  ['http://127.1/', '127.0.0.1', '127.0.0.1'], // short form
  ['http://127.0.0.1./', '127.0.0.1', '127.0.0.1'], // trailing dot
  ['http://[::1]/', '[::1]', '::1'],
  ['http://[0:0:0:0:0:0:0:1]/', '[::1]', '::1'],
  ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]', '127.0.0.1'], // IPv4-mapped
  ['http://[::ffff:7f00:1]/', '[::ffff:7f00:1]', '127.0.0.1'],
  ['http://[::ffff:a9fe:a9fe]/', '[::ffff:a9fe:a9fe]', '169.254.169.254'], // mapped metadata
  ['http://[64:ff9b::7f00:1]/', '[64:ff9b::7f00:1]', '64:ff9b::7f00:1'], // NAT64 of loopback
  ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', '169.254.169.254'], // cloud metadata
  ['http://[fd00:ec2::254]/', '[fd00:ec2::254]', 'fd00:ec2::254'], // AWS IPv6 metadata
  ['http://0.0.0.0/', '0.0.0.0', '0.0.0.0'],
  ['http://0/', '0.0.0.0', '0.0.0.0'],
  ['http://[::]/', '[::]', '::'],
  ['http://10.0.0.1/', '10.0.0.1', '10.0.0.0/8'],
  ['http://10.255.255.255/', '10.255.255.255', '10.0.0.0/8'],
  ['http://172.16.0.1/', '172.16.0.1', '172.16.0.0/12'],
  ['http://172.31.255.254/', '172.31.255.254', '172.16.0.0/12'],
  ['http://192.168.0.1/', '192.168.0.1', '192.168.0.0/16'],
  ['http://3232235521/', '192.168.0.1', '192.168.0.0/16'], // decimal private
  ['http://100.64.0.1/', '100.64.0.1', '100.64.0.0/10'], // CGNAT
  ['http://100.127.255.254/', '100.127.255.254', '100.64.0.0/10'],
  ['http://[fc00::1]/', '[fc00::1]', 'fc00::/7'],
  ['http://[fdff:ffff::1]/', '[fdff:ffff::1]', 'fc00::/7'],
  ['http://[fe80::1]/', '[fe80::1]', 'fe80::/10'],
  ['http://[febf::1]/', '[febf::1]', 'fe80::/10'],
  ['http://255.255.255.255/', '255.255.255.255', '255.255.255.255'],
  ['http://224.0.0.1/', '224.0.0.1', '224.0.0.0/4'],
];

describe('SSRF guard: private targets in every spelling', () => {
  it.each(PRIVATE_TARGETS)('%s reaches the guard as %s and is refused when nothing is allow-listed', async (raw, hostname) => {
    const url = new URL(raw);
    expect(url.hostname).toBe(hostname);
    expect(await refusal(raw)).toBe('BLOCKED_PRIVATE_ADDRESS');
    // An allow-list for something else does not open it.
    expect(await refusal(raw, ['203.0.113.7', 'intranet.example'])).toBe('BLOCKED_PRIVATE_ADDRESS');
  });

  it.each(PRIVATE_TARGETS)('%s is fetched when allow-listed (%s via %s)', async (raw, _hostname, entry) => {
    expect(await refusal(raw, [entry])).toBeNull();
    expect(await refusal(raw, ['*'])).toBeNull();
  });

  it('still judges numeric forms that reach it un-normalised (a raw host string, not a parsed URL)', () => {
    for (const raw of ['2130706433', '0177.0.0.1', '0x7f000001', '127.1', '0x7f.1', '017700000001']) {
      expect(classifyAddress(raw), raw).toBe('loopback');
    }
    expect(classifyAddress('3232235521')).toBe('private');
  });

  it('allows public addresses in the same spellings', async () => {
    expect(await refusal('http://134744072/')).toBeNull(); // 8.8.8.8 in decimal
    expect(await refusal('http://[::ffff:808:808]/')).toBeNull();
    expect(await refusal('http://93.184.216.34/')).toBeNull();
  });
});

describe('SSRF guard: hostnames that resolve to private addresses', () => {
  it('refuses a name resolving to loopback, and allows it when the name or the address is allow-listed', async () => {
    fakeDns.set('rebind.attacker.example', [{ address: '127.0.0.1', family: 4 }]);
    expect(await refusal('http://rebind.attacker.example/')).toBe('BLOCKED_PRIVATE_ADDRESS');
    expect(await refusal('http://rebind.attacker.example/', ['rebind.attacker.example'])).toBeNull();
    expect(await refusal('http://rebind.attacker.example/', ['127.0.0.1'])).toBeNull();
  });

  it('refuses a name with one public and one private address (the private one could be the one connected to)', async () => {
    fakeDns.set('split.attacker.example', [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ]);
    expect(await refusal('http://split.attacker.example/')).toBe('BLOCKED_PRIVATE_ADDRESS');
  });

  it.each([
    ['meta.attacker.example', '169.254.169.254', 4],
    ['v6.attacker.example', '::1', 6],
    ['mapped.attacker.example', '::ffff:10.0.0.1', 6],
    ['ula.attacker.example', 'fd12::1', 6],
    ['cgnat.attacker.example', '100.64.1.1', 4],
  ] as const)('refuses %s resolving to %s', async (host, address, family) => {
    fakeDns.set(host, [{ address, family }]);
    expect(await refusal(`http://${host}/`)).toBe('BLOCKED_PRIVATE_ADDRESS');
  });

  it("refuses localhost through the real resolver unless it's allow-listed", async () => {
    expect(await refusal('http://localhost/')).toBe('BLOCKED_PRIVATE_ADDRESS');
    expect(await refusal('http://LOCALHOST./')).toBe('BLOCKED_PRIVATE_ADDRESS');
    expect(await refusal('http://localhost/', ['localhost'])).toBeNull();
  });
});
