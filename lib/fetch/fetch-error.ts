import type { FetchErrorCode } from '@/lib/fetch/types';

/**
 * What lies behind a coarse code: the system error of a connection failure (ECONNREFUSED,
 * ECONNRESET, CERT_HAS_EXPIRED, ERR_SSL_…), or one of ours for failures after the response began.
 */
export const BODY_INTERRUPTED = 'BODY_INTERRUPTED';
export const BODY_UNDECODABLE = 'BODY_UNDECODABLE';

/** A fetch/render failure with a machine-readable code and a message a user can act on. */
export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly url: string;
  /** Finer than `code` where the system error tells more (see BODY_INTERRUPTED); read from `cause` when not given. */
  readonly reason?: string;

  constructor(code: FetchErrorCode, url: string, message: string, options?: { cause?: unknown; reason?: string }) {
    super(message, options);
    this.name = 'FetchError';
    this.code = code;
    this.url = url;
    const reason = options?.reason ?? (options?.cause as NodeJS.ErrnoException | undefined)?.code;
    if (typeof reason === 'string') this.reason = reason;
  }
}

export function isFetchError(error: unknown): error is FetchError {
  return error instanceof FetchError;
}

/** A fetch failure as plain data (what a crawl records and stores): `code` is a FetchErrorCode or UNKNOWN. */
export type FetchFailure = { code: string; message: string; reason?: string };

/** Any thrown value as a FetchFailure; keeps a FetchError's code and reason. */
export function toFetchFailure(error: unknown): FetchFailure {
  if (error && typeof error === 'object') {
    const { code, message, reason } = error as { code?: unknown; message?: unknown; reason?: unknown };
    return {
      code: typeof code === 'string' ? code : 'UNKNOWN',
      message: typeof message === 'string' ? message : String(error),
      ...(typeof reason === 'string' ? { reason } : {}),
    };
  }
  return { code: 'UNKNOWN', message: String(error) };
}

export type FetchFailureKind =
  | 'refused'
  | 'host-not-found'
  | 'timeout'
  | 'tls'
  | 'address-not-allowed'
  | 'connection-closed'
  | 'host-unreachable'
  | 'bad-response'
  | 'invalid-url'
  | 'other';

export type FetchFailureDescription = {
  kind: FetchFailureKind;
  /** A few plain words naming the cause: "connection refused", "host not found". */
  cause: string;
  /** Where it happened in words a site owner recognises: "example.com:8080" (the host alone for DNS). */
  where: string;
  /** What the cause means and what to do about it, without repeating the cause. */
  advice: string;
  /** The technical message, for whoever fixes it. */
  detail: string;
  /** No HTTP answer came back at all (or we refused to ask): the host itself did not answer. */
  noAnswer: boolean;
  /** One page's failure: the cause, once, then the technical detail on its own line. */
  text: string;
};

// Certificate verification codes (OpenSSL X509_V_ERR_* without the prefix, Node's altname check)…
const TLS_CERT_REASON = /^(?:CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_|INVALID_CA$|PATH_LENGTH_EXCEEDED$|INVALID_PURPOSE$|HOSTNAME_MISMATCH$|ERR_TLS_CERT_)/;
// …and handshake failures (no TLS on that port, no common protocol version or cipher).
const TLS_HANDSHAKE_REASON = /^(?:ERR_SSL_|ERR_TLS_|EPROTO$|ERR_OSSL_)/;
const CLOSED_REASON = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);
const UNREACHABLE_REASON = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);

type Meaning = Pick<FetchFailureDescription, 'kind' | 'cause' | 'advice' | 'noAnswer'>;

function meaningOf(code: string, reason: string | undefined): Meaning {
  switch (code) {
    case 'BLOCKED_PRIVATE_ADDRESS':
      return {
        kind: 'address-not-allowed',
        cause: 'address not allowed',
        advice: 'this host is on a private or internal network, which is only fetched when the ALLOWED_PRIVATE_HOSTS setting lists it',
        noAnswer: true,
      };
    case 'DNS_FAILURE':
      return { kind: 'host-not-found', cause: 'host not found', advice: 'the domain name does not resolve (DNS failure); check its spelling and its DNS records', noAnswer: true };
    case 'CONNECT_TIMEOUT':
      return { kind: 'timeout', cause: 'timed out connecting', advice: 'the server (or a firewall in front of it) did not accept the connection in time', noAnswer: true };
    case 'HEADERS_TIMEOUT':
      return { kind: 'timeout', cause: 'timed out waiting for an answer', advice: 'the server accepted the connection but sent nothing back in time; check that it is not overloaded or stuck', noAnswer: true };
    case 'BODY_TIMEOUT':
      return { kind: 'timeout', cause: 'timed out receiving the page', advice: 'the server started answering but did not finish sending the page in time', noAnswer: false };
    case 'TOO_LARGE':
      return { kind: 'bad-response', cause: 'response too large', advice: 'the server sent more data than a page may have', noAnswer: false };
    case 'INVALID_URL':
    case 'UNSUPPORTED_PROTOCOL':
      return { kind: 'invalid-url', cause: 'invalid URL', advice: 'only complete http:// and https:// addresses can be fetched', noAnswer: false };
    case 'CONNECTION_FAILED':
      return connectionMeaning(reason);
    default:
      return { kind: 'other', cause: 'fetch failed', advice: 'the URL could not be fetched', noAnswer: false };
  }
}

function connectionMeaning(reason: string | undefined): Meaning {
  if (reason === BODY_UNDECODABLE) return { kind: 'bad-response', cause: 'unreadable response', advice: 'the server sent a compressed body that could not be decompressed', noAnswer: false };
  if (reason === BODY_INTERRUPTED) return { kind: 'connection-closed', cause: 'connection closed mid-page', advice: 'the server started answering but dropped the connection before the page was complete', noAnswer: false };
  if (reason === 'ECONNREFUSED') return { kind: 'refused', cause: 'connection refused', advice: 'check that the web server is running and accepts connections on that port', noAnswer: true };
  if (reason && TLS_CERT_REASON.test(reason)) {
    return { kind: 'tls', cause: 'TLS error', advice: 'the HTTPS certificate is not valid; check that it is not expired or self-signed and is issued for this host name', noAnswer: true };
  }
  if (reason && TLS_HANDSHAKE_REASON.test(reason)) {
    return { kind: 'tls', cause: 'TLS error', advice: 'no secure (HTTPS) connection could be set up; check that the server speaks HTTPS on that port with a current TLS version', noAnswer: true };
  }
  if (reason && UNREACHABLE_REASON.has(reason)) return { kind: 'host-unreachable', cause: 'host unreachable', advice: 'no network route leads to the server', noAnswer: true };
  if (reason && CLOSED_REASON.has(reason)) return { kind: 'connection-closed', cause: 'connection closed', advice: 'the server dropped the connection without answering', noAnswer: true };
  return { kind: 'connection-closed', cause: 'connection failed', advice: 'the connection to the server failed before it answered', noAnswer: true };
}

function whereOf(url: string | undefined, kind: FetchFailureKind): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    return kind === 'host-not-found' || kind === 'address-not-allowed' ? parsed.hostname : parsed.host;
  } catch {
    return url;
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The one place a fetch failure becomes words: its cause in plain language, said once, and the
 * technical message underneath. `url` is the URL that failed (defaults to nothing: no "where").
 */
export function describeFetchFailure(failure: FetchFailure, url?: string): FetchFailureDescription {
  const meaning = meaningOf(failure.code, failure.reason);
  const where = whereOf(url, meaning.kind);
  // The guard's message ends by naming the setting too; the advice already does.
  const message = failure.message.trim(); // OpenSSL messages end with a newline
  const detail = meaning.kind === 'address-not-allowed' ? message.replace(/\s*Add "[^"]*" to ALLOWED_PRIVATE_HOSTS to allow it\.$/, '') : message;
  const text = `${capitalize(meaning.cause)}${where ? ` (${where})` : ''}: ${meaning.advice}.\nTechnical detail: ${detail}`;
  return { ...meaning, where, detail, text };
}

/** The audit's own error when its site never answered: "The site did not answer: connection refused (127.0.0.1:1). …". */
export function describeSiteFailure(failure: FetchFailure, url: string): string {
  const d = describeFetchFailure(failure, url);
  const lead = d.kind === 'address-not-allowed' ? 'The site was not contacted' : d.noAnswer ? 'The site did not answer' : 'The site could not be read';
  return `${lead}: ${d.cause}${d.where ? ` (${d.where})` : ''}. ${capitalize(d.advice)}.\nTechnical detail: ${d.detail}`;
}
