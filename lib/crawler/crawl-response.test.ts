import { describe, expect, it } from 'vitest';
import { describeError, hostOutcomeForError, isHtmlResponse, toCrawlResponse } from '@/lib/crawler/crawl-response';
import { FetchError } from '@/lib/fetch/fetch-error';
import type { FetchResult } from '@/lib/fetch/types';

function fetchResult(contentType: string, body = ''): FetchResult {
  return {
    requestedUrl: 'https://e.com/',
    finalUrl: 'https://e.com/',
    status: 200,
    headers: { 'content-type': contentType },
    redirects: [],
    body,
    contentType,
    charset: 'utf-8',
    transferBytes: 5,
    bodyBytes: 10,
    truncated: false,
    timings: { ttfbMs: 3, totalMs: 7 },
  };
}

describe('isHtmlResponse', () => {
  it('accepts HTML types and sniffs a missing type', () => {
    expect(isHtmlResponse(fetchResult('text/html'))).toBe(true);
    expect(isHtmlResponse(fetchResult('application/xhtml+xml'))).toBe(true);
    expect(isHtmlResponse(fetchResult('', '  <!DOCTYPE html><html></html>'))).toBe(true);
    expect(isHtmlResponse(fetchResult('', '<html lang="en">'))).toBe(true);
    expect(isHtmlResponse(fetchResult('', '{"a":1}'))).toBe(false);
    expect(isHtmlResponse(fetchResult('application/json', '<html>'))).toBe(false);
    expect(isHtmlResponse(fetchResult('application/pdf'))).toBe(false);
  });
});

describe('toCrawlResponse', () => {
  it('keeps the HTTP facts and drops the body', () => {
    const response = toCrawlResponse(fetchResult('text/html', '<html>big</html>'));
    expect(response).toEqual({
      status: 200,
      finalUrl: 'https://e.com/',
      contentType: 'text/html',
      headers: { 'content-type': 'text/html' },
      redirects: [],
      redirectError: undefined,
      bodyBytes: 10,
      transferBytes: 5,
      truncated: false,
      ttfbMs: 3,
      totalMs: 7,
    });
  });
});

describe('describeError / hostOutcomeForError', () => {
  it('keeps FetchError codes and classifies them for the host scheduler', () => {
    expect(describeError(new FetchError('HEADERS_TIMEOUT', 'https://e.com/', 'slow'))).toEqual({ code: 'HEADERS_TIMEOUT', message: 'slow' });
    expect(describeError('weird')).toEqual({ code: 'UNKNOWN', message: 'weird' });
    expect(describeError(new Error('plain'))).toEqual({ code: 'UNKNOWN', message: 'plain' });
    expect(hostOutcomeForError('BODY_TIMEOUT')).toEqual({ kind: 'timeout' });
    expect(hostOutcomeForError('DNS_FAILURE')).toEqual({ kind: 'connection-error' });
    expect(hostOutcomeForError('BLOCKED_PRIVATE_ADDRESS')).toEqual({ kind: 'neutral' });
    expect(hostOutcomeForError('TOO_LARGE')).toEqual({ kind: 'neutral' });
  });
});
