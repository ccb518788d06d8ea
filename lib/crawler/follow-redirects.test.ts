import { describe, expect, it, vi } from 'vitest';
import { fetchResponse } from '@/test/test-page';
import { followRedirects, type FetchPageFn } from '@/lib/crawler/follow-redirects';
import type { FetchResult } from '@/lib/fetch/types';

const SITE = 'https://example.com';

const response = (url: string, status: number, extra: Partial<FetchResult> = {}): FetchResult =>
  fetchResponse(url, status, { body: status === 200 ? `<html><title>${url}</title></html>` : '', transferBytes: 10, bodyBytes: 10, timings: { ttfbMs: 5, totalMs: 10 }, ...extra });

/** Fake fetchPage behaving like the real one with maxRedirects 0. */
function fakeFetch(routes: Record<string, { status: number; location?: string }>) {
  return vi.fn<FetchPageFn>(async (url, options) => {
    expect(options?.maxRedirects).toBe(0);
    const route = routes[url] ?? { status: 404 };
    if (route.location) {
      return response(url, route.status, {
        redirects: [{ url, status: route.status, location: route.location }],
        redirectError: 'too-many',
        headers: { location: route.location },
      });
    }
    return response(url, route.status);
  });
}

// Typed with the url parameter so mock.calls can be inspected.
const follow: (url: string) => 'follow' = () => 'follow';

describe('followRedirects', () => {
  it('returns a plain response untouched', async () => {
    const fetchPage = fakeFetch({ [`${SITE}/a`]: { status: 200 } });
    const { result, final, stoppedAt } = await followRedirects(`${SITE}/a`, { fetchPage, decide: follow });
    expect(result).toMatchObject({ requestedUrl: `${SITE}/a`, status: 200, redirects: [] });
    expect(final).toBeUndefined();
    expect(stoppedAt).toBeUndefined();
  });

  it('follows a chain hop by hop and stitches it together', async () => {
    const fetchPage = fakeFetch({
      [`${SITE}/old`]: { status: 301, location: '/mid' },
      [`${SITE}/mid`]: { status: 302, location: `${SITE}/new#frag` },
      [`${SITE}/new`]: { status: 200 },
    });
    const decide = vi.fn(follow);
    const { result, final } = await followRedirects(`${SITE}/old`, { fetchPage, decide });
    expect(fetchPage.mock.calls.map((c) => c[0])).toEqual([`${SITE}/old`, `${SITE}/mid`, `${SITE}/new`]);
    expect(decide.mock.calls.map((c) => c[0])).toEqual([`${SITE}/mid`, `${SITE}/new`]);
    expect(result).toMatchObject({
      requestedUrl: `${SITE}/old`,
      finalUrl: `${SITE}/new`,
      status: 200,
      redirects: [
        { url: `${SITE}/old`, status: 301, location: '/mid' },
        { url: `${SITE}/mid`, status: 302, location: `${SITE}/new#frag` },
      ],
      timings: { ttfbMs: 25, totalMs: 30 },
    });
    expect(result.redirectError).toBeUndefined();
    expect(final).toMatchObject({ requestedUrl: `${SITE}/new`, finalUrl: `${SITE}/new`, redirects: [], status: 200 });
  });

  it('never requests a hop that robots.txt or the scope forbids', async () => {
    const fetchPage = fakeFetch({
      [`${SITE}/go`]: { status: 301, location: '/private/x' },
      [`${SITE}/out`]: { status: 302, location: 'https://other.example/' },
    });
    const decide = (url: string) => (url.includes('/private/') ? 'robots' : url.startsWith(SITE) ? 'follow' : 'out-of-scope');
    const blocked = await followRedirects(`${SITE}/go`, { fetchPage, decide });
    expect(blocked.stoppedAt).toEqual({ url: `${SITE}/private/x`, reason: 'robots' });
    expect(blocked.result).toMatchObject({ status: 301, finalUrl: `${SITE}/go`, redirects: [{ location: '/private/x' }] });
    expect(blocked.final).toBeUndefined();
    const external = await followRedirects(`${SITE}/out`, { fetchPage, decide });
    expect(external.stoppedAt).toEqual({ url: 'https://other.example/', reason: 'out-of-scope' });
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('detects loops without refetching', async () => {
    const fetchPage = fakeFetch({
      [`${SITE}/a`]: { status: 301, location: '/b' },
      [`${SITE}/b`]: { status: 301, location: '/a' },
    });
    const { result } = await followRedirects(`${SITE}/a`, { fetchPage, decide: follow });
    expect(result.redirectError).toBe('loop');
    expect(result.redirects).toHaveLength(2);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('stops after maxRedirects hops', async () => {
    const routes: Record<string, { status: number; location?: string }> = {};
    for (let i = 0; i < 20; i++) routes[`${SITE}/r${i}`] = { status: 301, location: `/r${i + 1}` };
    const fetchPage = fakeFetch(routes);
    const { result } = await followRedirects(`${SITE}/r0`, { fetchPage, decide: follow, maxRedirects: 3 });
    expect(result.redirectError).toBe('too-many');
    expect(fetchPage).toHaveBeenCalledTimes(4);
  });

  it('accepts a fetcher that leaves redirects unfollowed without flagging them', async () => {
    const fetchPage = vi.fn<FetchPageFn>(async (url) =>
      url.endsWith('/a') ? response(url, 308, { headers: { location: '/b' } }) : response(url, 200),
    );
    const { result } = await followRedirects(`${SITE}/a`, { fetchPage, decide: follow });
    expect(result).toMatchObject({ status: 200, finalUrl: `${SITE}/b`, redirects: [{ status: 308, location: '/b' }] });
  });

  it('keeps the chain of a fetcher that followed redirects itself', async () => {
    const fetchPage = vi.fn<FetchPageFn>(async (url) =>
      response(url, 200, { finalUrl: `${SITE}/z`, redirects: [{ url, status: 301, location: '/z' }] }),
    );
    const { result, final } = await followRedirects(`${SITE}/a`, { fetchPage, decide: follow });
    expect(result.redirects).toHaveLength(1);
    expect(final).toBeUndefined();
  });

  it('treats an unparsable Location as the final answer', async () => {
    const fetchPage = fakeFetch({ [`${SITE}/a`]: { status: 301, location: 'http://[bad' } });
    const { result } = await followRedirects(`${SITE}/a`, { fetchPage, decide: follow });
    expect(result.status).toBe(301);
    expect(result.redirectError).toBeUndefined();
  });
});
