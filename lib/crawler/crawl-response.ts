// Small pure translations between fetch results/errors and what the crawl records or tells the
// host scheduler.
import type { CrawlResponse } from '@/lib/crawler/crawl-types';
import type { HostOutcome } from '@/lib/crawler/host-scheduler';
import { toFetchFailure, type FetchFailure } from '@/lib/fetch/fetch-error';
import type { FetchResult } from '@/lib/fetch/types';

const TIMEOUT_CODES = new Set(['CONNECT_TIMEOUT', 'HEADERS_TIMEOUT', 'BODY_TIMEOUT']);
const CONNECTION_CODES = new Set(['CONNECTION_FAILED', 'DNS_FAILURE']);

export function isHtmlResponse(fetch: FetchResult): boolean {
  const type = fetch.contentType.toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return true;
  // Servers that send no Content-Type at all: sniff like a browser would.
  return type === '' && /^\s*(?:<!doctype\s+html|<html[\s>])/i.test(fetch.body.slice(0, 1024));
}

export function toCrawlResponse(fetch: FetchResult): CrawlResponse {
  return {
    status: fetch.status,
    finalUrl: fetch.finalUrl,
    contentType: fetch.contentType,
    headers: fetch.headers,
    redirects: fetch.redirects,
    redirectError: fetch.redirectError,
    bodyBytes: fetch.bodyBytes,
    transferBytes: fetch.transferBytes,
    truncated: fetch.truncated,
    ttfbMs: fetch.timings.ttfbMs,
    totalMs: fetch.timings.totalMs,
  };
}

/** A thrown fetch error as the data a crawl records (code, message and the finer reason, if any). */
export function describeError(error: unknown): FetchFailure {
  return toFetchFailure(error);
}

export function hostOutcomeForError(code: string): HostOutcome {
  if (TIMEOUT_CODES.has(code)) return { kind: 'timeout' };
  if (CONNECTION_CODES.has(code)) return { kind: 'connection-error' };
  // Our own refusals (invalid URL, private address, size cap) say nothing about the host's health.
  return { kind: 'neutral' };
}
