import { describe, expect, it } from 'vitest';
import { fetchResponse } from '@/test/test-page';
import { resolveRedirectDestination, shouldRetry } from '@/lib/crawler/crawl-fetch-task';
import type { FetchResult } from '@/lib/fetch/types';

const S = 'https://example.com';

const redirected = (overrides: Partial<FetchResult>): FetchResult =>
  fetchResponse(`${S}/old`, 200, { finalUrl: `${S}/new?utm_source=x`, redirects: [{ url: `${S}/old`, status: 301, location: '/first' }], ...overrides });

describe('shouldRetry', () => {
  it('retries 429 and 503 until maxRetries, nothing else', () => {
    expect(shouldRetry(429, 0, 2)).toBe(true);
    expect(shouldRetry(503, 1, 2)).toBe(true);
    expect(shouldRetry(503, 2, 2)).toBe(false);
    expect(shouldRetry(500, 0, 2)).toBe(false);
    expect(shouldRetry(429, 0, 0)).toBe(false);
  });
});

describe('resolveRedirectDestination', () => {
  it('is the normalised final URL of a chain that ended normally', () => {
    expect(resolveRedirectDestination(redirected({}), undefined)).toBe(`${S}/new`);
  });

  it('is where the chain was cut (robots, scope)', () => {
    expect(resolveRedirectDestination(redirected({}), { url: `${S}/private/x`, reason: 'robots' })).toBe(`${S}/private/x`);
  });

  it('is the first hop of a loop or an over-long chain, resolved against its URL', () => {
    expect(resolveRedirectDestination(redirected({ redirectError: 'loop' }), undefined)).toBe(`${S}/first`);
  });
});
