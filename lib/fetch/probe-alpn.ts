// Which HTTP version a site's server offers: one TLS handshake to the origin, offering h2 and
// http/1.1 through ALPN, read the protocol the server picked and close. No HTTP request is sent.
// Same SSRF guard as fetchPage: the host is resolved and checked once (resolveAllowedAddresses) and
// the socket connects only to those addresses (createPinnedLookup).
import { isIP } from 'node:net';
import tls from 'node:tls';
import { toFetchFailure } from '@/lib/fetch/fetch-error';
import { createPinnedLookup, resolveAllowedAddresses } from '@/lib/fetch/ssrf-guard';

export type AlpnProbe = {
  /** The origin asked (https://host[:port]/). */
  url: string;
  /** Protocol the server chose ('h2', 'http/1.1'); null when it negotiated none (then browsers speak HTTP/1.1); absent with error. */
  protocol?: string | null;
  /** Why the handshake did not finish (DNS, refused, timeout, TLS alert, or BLOCKED_PRIVATE_ADDRESS). */
  error?: string;
  errorCode?: string;
};

export type ProbeAlpnOptions = {
  allowedPrivateHosts?: readonly string[];
  /** Deadline of the whole probe (DNS, connect, handshake). */
  timeoutMs?: number;
  signal?: AbortSignal;
};

const DEFAULT_TIMEOUT_MS = 5_000;

/** The ALPN answer of the URL's origin; null when the URL is not https (nothing to negotiate). Never rejects. */
export async function probeAlpn(rawUrl: string, options: ProbeAlpnOptions = {}): Promise<AlpnProbe | null> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  const origin = `${url.origin}/`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  try {
    const addresses = await resolveAllowedAddresses(url, options.allowedPrivateHosts ?? []);
    if (signal.aborted) return { url: origin, error: `No TLS handshake within ${timeoutMs} ms`, errorCode: 'CONNECT_TIMEOUT' };
    const protocol = await handshake(url, addresses, signal, timeoutMs);
    return { url: origin, protocol };
  } catch (error) {
    const failure = toFetchFailure(error);
    return { url: origin, error: failure.message, errorCode: failure.code };
  }
}

function handshake(url: URL, addresses: Awaited<ReturnType<typeof resolveAllowedAddresses>>, signal: AbortSignal, timeoutMs: number): Promise<string | null> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port: Number(url.port || 443),
      // SNI must be a host name, never an IP literal.
      ...(isIP(host) ? {} : { servername: host }),
      ALPNProtocols: ['h2', 'http/1.1'],
      lookup: createPinnedLookup(addresses),
      // Only the protocol choice is read and no request is sent, so the certificate does not matter
      // here (another check reports invalid certificates); a self-signed one must not hide the answer.
      rejectUnauthorized: false,
    });
    const finish = (error: Error | null, protocol: string | null = null) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve(protocol);
    };
    const onAbort = () => {
      const error = Object.assign(new Error(`No TLS handshake with ${url.host} within ${timeoutMs} ms`), { code: 'CONNECT_TIMEOUT' });
      finish(error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    socket.once('secureConnect', () => finish(null, socket.alpnProtocol || null));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      finish(Object.assign(new Error(`TLS handshake with ${url.host} failed: ${error.message}`), { code: 'CONNECTION_FAILED', reason: error.code }));
    });
  });
}
