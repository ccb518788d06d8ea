import { describe, expect, it } from 'vitest';
import { BODY_INTERRUPTED, describeFetchFailure, describeSiteFailure, FetchError, toFetchFailure } from '@/lib/fetch/fetch-error';

const URL_ = 'https://example.com:8443/page';
const failure = (code: string, reason?: string, message = 'technical message') => ({ code, message, ...(reason ? { reason } : {}) });

describe('FetchError / toFetchFailure', () => {
  it('keeps the code and reads the finer reason from the system error', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const error = new FetchError('CONNECTION_FAILED', 'http://127.0.0.1:1/', 'Could not fetch http://127.0.0.1:1/: connect ECONNREFUSED 127.0.0.1:1', { cause });
    expect(error.reason).toBe('ECONNREFUSED');
    expect(toFetchFailure(error)).toEqual({ code: 'CONNECTION_FAILED', message: error.message, reason: 'ECONNREFUSED' });
    expect(new FetchError('CONNECTION_FAILED', URL_, 'x', { cause, reason: BODY_INTERRUPTED }).reason).toBe(BODY_INTERRUPTED);
    expect(toFetchFailure('weird')).toEqual({ code: 'UNKNOWN', message: 'weird' });
    expect(toFetchFailure(new Error('plain'))).toEqual({ code: 'UNKNOWN', message: 'plain' });
  });
});

describe('describeFetchFailure', () => {
  it.each([
    ['CONNECTION_FAILED', 'ECONNREFUSED', 'refused', 'connection refused', 'example.com:8443', true],
    ['DNS_FAILURE', 'ENOTFOUND', 'host-not-found', 'host not found', 'example.com', true],
    ['CONNECT_TIMEOUT', undefined, 'timeout', 'timed out connecting', 'example.com:8443', true],
    ['HEADERS_TIMEOUT', undefined, 'timeout', 'timed out waiting for an answer', 'example.com:8443', true],
    ['BODY_TIMEOUT', undefined, 'timeout', 'timed out receiving the page', 'example.com:8443', false],
    ['CONNECTION_FAILED', 'CERT_HAS_EXPIRED', 'tls', 'TLS error', 'example.com:8443', true],
    ['CONNECTION_FAILED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'tls', 'TLS error', 'example.com:8443', true],
    ['CONNECTION_FAILED', 'EPROTO', 'tls', 'TLS error', 'example.com:8443', true],
    ['BLOCKED_PRIVATE_ADDRESS', undefined, 'address-not-allowed', 'address not allowed', 'example.com', true],
    ['CONNECTION_FAILED', 'ECONNRESET', 'connection-closed', 'connection closed', 'example.com:8443', true],
    ['CONNECTION_FAILED', BODY_INTERRUPTED, 'connection-closed', 'connection closed mid-page', 'example.com:8443', false],
    ['CONNECTION_FAILED', 'EHOSTUNREACH', 'host-unreachable', 'host unreachable', 'example.com:8443', true],
    ['INVALID_URL', undefined, 'invalid-url', 'invalid URL', 'example.com:8443', false],
    ['UNKNOWN', undefined, 'other', 'fetch failed', 'example.com:8443', false],
  ])('%s (%s) is "%s"', (code, reason, kind, cause, where, noAnswer) => {
    const d = describeFetchFailure(failure(code, reason), URL_);
    expect(d).toMatchObject({ kind, cause, where, noAnswer });
    // The cause once, in words, then the technical message on its own line.
    expect(d.text.startsWith(`${cause.charAt(0).toUpperCase()}${cause.slice(1)} (${where}): `)).toBe(true);
    expect(d.text.split('\n')).toEqual([expect.not.stringContaining('technical message'), 'Technical detail: technical message']);
  });

  it('tells a certificate problem from a handshake that never happened', () => {
    expect(describeFetchFailure(failure('CONNECTION_FAILED', 'DEPTH_ZERO_SELF_SIGNED_CERT')).advice).toMatch(/certificate is not valid/);
    expect(describeFetchFailure(failure('CONNECTION_FAILED', 'ERR_SSL_WRONG_VERSION_NUMBER')).advice).toMatch(/speaks HTTPS on that port/);
  });

  it('names the setting that allows a private address once', () => {
    const message = 'Refused to fetch http://10.0.0.1/: 10.0.0.1 is a private network address. Add "10.0.0.1" to ALLOWED_PRIVATE_HOSTS to allow it.';
    const { text } = describeFetchFailure({ code: 'BLOCKED_PRIVATE_ADDRESS', message }, 'http://10.0.0.1/');
    expect(text).toBe(
      'Address not allowed (10.0.0.1): this host is on a private or internal network, which is only fetched when the ALLOWED_PRIVATE_HOSTS setting lists it.\n' +
        'Technical detail: Refused to fetch http://10.0.0.1/: 10.0.0.1 is a private network address.',
    );
  });

  it('trims the newline OpenSSL leaves at the end of its messages', () => {
    expect(describeFetchFailure(failure('CONNECTION_FAILED', 'EPROTO', 'write EPROTO …wrong version number:\n')).detail).toBe('write EPROTO …wrong version number:');
  });
});

describe('describeSiteFailure', () => {
  it('says the site did not answer, with the cause and where', () => {
    expect(describeSiteFailure(failure('CONNECTION_FAILED', 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'http://127.0.0.1:1/robots.txt')).toBe(
      'The site did not answer: connection refused (127.0.0.1:1). Check that the web server is running and accepts connections on that port.\n' +
        'Technical detail: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(describeSiteFailure(failure('BLOCKED_PRIVATE_ADDRESS'), 'http://10.0.0.1/robots.txt')).toMatch(/^The site was not contacted: address not allowed \(10\.0\.0\.1\)\./);
  });
});
