import http from 'node:http';
import https from 'node:https';
import { finished, pipeline, type Readable, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import { decodeBody, isTextContentType, parseContentType } from '@/lib/fetch/decode-body';
import { watchEventLoopLag, type LagWatch } from '@/lib/fetch/event-loop-lag';
import { BODY_INTERRUPTED, BODY_UNDECODABLE, FetchError } from '@/lib/fetch/fetch-error';
import { createPinnedLookup, resolveAllowedAddresses } from '@/lib/fetch/ssrf-guard';
import type { FetchOptions, FetchResult, RedirectHop } from '@/lib/fetch/types';

export const DEFAULT_USER_AGENT = 'RivalOutrankerBot/1.0 (+https://github.com/rival-outranker)';
export const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
export const DEFAULT_ACCEPT_ENCODING = 'gzip, deflate, br';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type Settings = Required<Omit<FetchOptions, 'signal' | 'headers' | 'userAgent'>> & {
  signal?: AbortSignal;
  headers: Record<string, string>;
};

type Hop = { url: URL; res: http.IncomingMessage; remoteAddress?: string };

// Shared keep-alive agents so a crawl reuses connections across pages of the same site.
const agentOptions = { keepAlive: true, maxSockets: 32, maxFreeSockets: 16, timeout: 30_000, scheduling: 'lifo' as const };
const httpAgent = new http.Agent(agentOptions);
const httpsAgent = new https.Agent(agentOptions);

/**
 * GETs a URL with SSRF protection, manual redirects, timeouts, a decompressed-size cap and charset decoding.
 * HTTP error statuses are returned, not thrown; failures to get any response throw FetchError.
 * Timings are measured from the call, so they include redirects (as browsers' TTFB does).
 */
export async function fetchPage(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const lag = watchEventLoopLag();
  try {
    return await fetchWithRedirects(url, options, lag);
  } finally {
    lag.stop();
  }
}

async function fetchWithRedirects(url: string, options: FetchOptions, lag: LagWatch): Promise<FetchResult> {
  const startedAt = performance.now();
  const settings = resolveSettings(options);
  let current = parseTarget(url);
  const requestedUrl = current.href;
  const redirects: RedirectHop[] = [];
  const seen = new Set<string>([current.href]);

  for (;;) {
    const hop = await requestWithRetry(current, settings);
    const status = hop.res.statusCode ?? 0;
    const ttfbMs = performance.now() - startedAt;
    const location = hop.res.headers.location;
    if (!REDIRECT_STATUSES.has(status) || !location) return readResult(hop, settings, { requestedUrl, redirects, startedAt, ttfbMs, lag });

    let next: URL;
    try {
      next = parseTarget(location, current);
    } catch (error) {
      hop.res.destroy();
      throw error;
    }
    redirects.push({ url: current.href, status, location });
    const redirectError = seen.has(next.href) ? 'loop' : redirects.length > settings.maxRedirects ? 'too-many' : undefined;
    if (redirectError) return { ...(await readResult(hop, settings, { requestedUrl, redirects, startedAt, ttfbMs, lag })), redirectError };

    discardBody(hop.res);
    seen.add(next.href);
    current = next;
  }
}

function resolveSettings(options: FetchOptions): Settings {
  // Case-insensitive merge: caller headers override the defaults.
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
    accept: DEFAULT_ACCEPT,
    'accept-encoding': DEFAULT_ACCEPT_ENCODING,
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    headersTimeoutMs: options.headersTimeoutMs ?? 10_000,
    bodyTimeoutMs: options.bodyTimeoutMs ?? 15_000,
    maxBodyBytes: options.maxBodyBytes ?? 5 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 10,
    method: options.method ?? 'GET',
    allowedPrivateHosts: options.allowedPrivateHosts ?? [],
    signal: options.signal,
    headers,
  };
}

function parseTarget(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    const where = base ? ` (redirect from ${base.href})` : '';
    throw new FetchError('INVALID_URL', raw, `Invalid URL: "${raw}"${where}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('UNSUPPORTED_PROTOCOL', url.href, `Cannot fetch ${url.href}: only http and https URLs are supported.`);
  }
  url.hash = ''; // never sent; also makes redirect-loop detection ignore fragments
  return url;
}

// A keep-alive socket the server has just closed fails with ECONNRESET/EPIPE; retrying once on a new socket is safe for GET and HEAD.
async function requestWithRetry(url: URL, settings: Settings): Promise<Hop> {
  try {
    return await requestOnce(url, settings);
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    return requestOnce(url, settings);
  }
}

class StaleSocketError extends Error {}

/** Resolves once response headers arrive; covers DNS + TCP + TLS (connect timeout) and the wait for headers. */
function requestOnce(url: URL, settings: Settings): Promise<Hop> {
  const { signal } = settings;
  signal?.throwIfAborted();
  return new Promise<Hop>((resolve, reject) => {
    let req: http.ClientRequest | undefined;
    let settled = false;
    const settle = (error: unknown, hop?: Hop) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (hop) return resolve(hop);
      req?.destroy();
      reject(error);
    };
    const onAbort = () => settle(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let timer = setTimeout(
      () => settle(new FetchError('CONNECT_TIMEOUT', url.href, `Timed out connecting to ${url.host} after ${settings.connectTimeoutMs} ms (${url.href}).`)),
      settings.connectTimeoutMs,
    );
    const startHeadersTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => settle(new FetchError('HEADERS_TIMEOUT', url.href, `${url.href} sent no response headers within ${settings.headersTimeoutMs} ms.`)),
        settings.headersTimeoutMs,
      );
    };

    resolveAllowedAddresses(url, settings.allowedPrivateHosts).then((addresses) => {
      if (settled) return;
      const isHttps = url.protocol === 'https:';
      req = (isHttps ? https : http).request({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: url.pathname + url.search,
        method: settings.method,
        headers: settings.headers,
        agent: isHttps ? httpsAgent : httpAgent,
        lookup: createPinnedLookup(addresses),
      });
      req.on('socket', (socket) => {
        if (!socket.connecting) return startHeadersTimer(); // reused keep-alive socket
        socket.once(isHttps ? 'secureConnect' : 'connect', startHeadersTimer);
      });
      req.on('response', (res) => settle(null, { url, res, remoteAddress: res.socket?.remoteAddress }));
      req.on('error', (error: NodeJS.ErrnoException) => {
        const stale = req?.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        settle(stale ? new StaleSocketError() : new FetchError('CONNECTION_FAILED', url.href, `Could not fetch ${url.href}: ${error.message}`, { cause: error }));
      });
      req.end();
    }).catch(settle);
  });
}

function discardBody(res: http.IncomingMessage): void {
  // Small redirect bodies are drained so the socket returns to the pool; anything else is dropped.
  if (Number(res.headers['content-length']) <= 64 * 1024) {
    res.on('error', () => {}); // nobody awaits this body; a reset while draining is harmless
    const guard = setTimeout(() => res.destroy(), 2_000).unref();
    res.once('end', () => clearTimeout(guard));
    res.resume();
  } else {
    res.destroy();
  }
}

type ResultContext = { requestedUrl: string; redirects: RedirectHop[]; startedAt: number; ttfbMs: number; lag: LagWatch };

async function readResult(hop: Hop, settings: Settings, ctx: ResultContext): Promise<FetchResult> {
  const { res } = hop;
  const { mimeType, charset: headerCharset } = parseContentType(res.headers['content-type']);
  const isText = isTextContentType(mimeType);
  const { data, transferBytes, bodyBytes, truncated } = await readBody(hop, settings, isText);
  const decoded = isText ? decodeBody(data, headerCharset) : { body: '', charset: '', hasBom: false };
  return {
    requestedUrl: ctx.requestedUrl,
    finalUrl: hop.url.href,
    status: res.statusCode ?? 0,
    headers: Object.fromEntries(Object.entries(res.headersDistinct).map(([name, values]) => [name, (values ?? []).join(', ')])),
    redirects: ctx.redirects,
    body: decoded.body,
    contentType: mimeType,
    charset: decoded.charset,
    hasBom: decoded.hasBom,
    transferBytes,
    bodyBytes,
    truncated,
    timings: { ttfbMs: Math.round(ctx.ttfbMs), totalMs: Math.round(performance.now() - ctx.startedAt), loopLagMs: ctx.lag.worstMs() },
    remoteAddress: hop.remoteAddress,
  };
}

type BodyRead = { data: Buffer; transferBytes: number; bodyBytes: number; truncated: boolean };

/** Reads (and decompresses) the body up to maxBodyBytes; stops early rather than failing when it is bigger. */
function readBody({ url, res }: Hop, settings: Settings, keep: boolean): Promise<BodyRead> {
  const { signal, maxBodyBytes } = settings;
  const decoders = createDecoders(res.headers['content-encoding']);
  const output: Readable = decoders.length ? (pipeline([res, ...decoders], () => {}) as unknown as Transform) : res;
  const chunks: Buffer[] = [];
  let transferBytes = 0;
  let bodyBytes = 0;

  return new Promise<BodyRead>((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown, truncated = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error || truncated) {
        output.destroy();
        res.destroy();
      }
      if (error) return reject(error);
      resolve({ data: Buffer.concat(chunks), transferBytes, bodyBytes, truncated });
    };
    const onAbort = () => settle(signal?.reason);
    const timer = setTimeout(
      () => settle(new FetchError('BODY_TIMEOUT', url.href, `Timed out reading the body of ${url.href} after ${settings.bodyTimeoutMs} ms.`)),
      settings.bodyTimeoutMs,
    );
    if (signal?.aborted) return settle(signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    res.on('data', (chunk: Buffer) => (transferBytes += chunk.length));
    output.on('data', (chunk: Buffer) => {
      if (settled) return;
      const room = maxBodyBytes - bodyBytes;
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
      bodyBytes += piece.length;
      if (keep) chunks.push(piece);
      if (chunk.length > room) settle(null, true); // the cap also bounds decompression bombs
    });
    finished(output, (error) => {
      if (!error) return settle(null);
      const isDecodeError = decoders.length > 0 && !res.errored; // the socket was fine, so a decoder failed
      const message = isDecodeError
        ? `Could not decompress the ${res.headers['content-encoding']} body of ${url.href}: ${error.message}`
        : `Connection closed while reading the body of ${url.href}: ${error.message}`;
      settle(new FetchError('CONNECTION_FAILED', url.href, message, { cause: error, reason: isDecodeError ? BODY_UNDECODABLE : BODY_INTERRUPTED }));
    });
  });
}

// Content-Encoding lists codings in the order applied, so undo them in reverse. Unknown codings pass through.
function createDecoders(header: string | undefined): Transform[] {
  const codings = (header ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity');
  // Lenient flushing tolerates truncated streams the way browsers do.
  const zlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  return codings.reverse().flatMap((coding): Transform[] => {
    if (coding === 'gzip' || coding === 'x-gzip') return [zlib.createGunzip(zlibOptions)];
    if (coding === 'deflate') return [zlib.createInflate(zlibOptions)];
    if (coding === 'br') return [zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH })];
    return [];
  });
}
