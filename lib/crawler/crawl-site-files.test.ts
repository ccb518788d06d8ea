import { describe, expect, it, vi } from 'vitest';
import { readSiteFiles } from '@/lib/crawler/crawl-site-files';
import { createRobotsRules } from '@/lib/crawler/robots';
import type { FetchPageFn } from '@/lib/crawler/follow-redirects';
import type { FetchResult } from '@/lib/fetch/types';

const SITE = 'https://example.com';

function fakeFetch(files: Record<string, { status: number; contentType: string; body: string }>) {
  return vi.fn<FetchPageFn>(async (url) => {
    if (url.includes('down')) throw new Error('connect ECONNREFUSED');
    const file = files[url] ?? { status: 404, contentType: 'text/html', body: 'not found' };
    return { ...file, url, finalUrl: url, headers: {}, redirects: [], bodyBytes: file.body.length, transferBytes: 0, truncated: false, hasBom: false } as unknown as FetchResult;
  });
}

describe('readSiteFiles', () => {
  it('reads /llms.txt (with its body) and /favicon.ico of the origin, with a byte cap', async () => {
    const fetchPage = fakeFetch({
      [`${SITE}/llms.txt`]: { status: 200, contentType: 'text/plain', body: '# Acme\n> Roofing' },
      [`${SITE}/favicon.ico`]: { status: 200, contentType: 'image/x-icon', body: '' },
    });
    const files = await readSiteFiles({ startUrl: `${SITE}/deep/page`, fetchPage, fetchOptions: { userAgent: 'UA' } });
    expect(files.llmsTxt).toEqual({ url: `${SITE}/llms.txt`, status: 200, contentType: 'text/plain', body: '# Acme\n> Roofing' });
    expect(files.favicon).toEqual({ url: `${SITE}/favicon.ico`, status: 200, contentType: 'image/x-icon' });
    expect(fetchPage.mock.calls[0]![1]).toMatchObject({ userAgent: 'UA', maxBodyBytes: 64 * 1024 });
  });

  it('does not request files robots.txt disallows, and reports 404s and network failures', async () => {
    const fetchPage = fakeFetch({});
    const robots = createRobotsRules({ url: `${SITE}/robots.txt`, status: 200, body: 'User-agent: *\nDisallow: /llms.txt\n', outcome: 'parsed' });
    const files = await readSiteFiles({ startUrl: SITE, fetchPage, fetchOptions: {}, robots });
    expect(files.llmsTxt).toEqual({ url: `${SITE}/llms.txt`, status: 0, blockedByRobots: true });
    expect(files.favicon).toMatchObject({ status: 404 });
    expect(fetchPage.mock.calls.map(([url]) => url)).toEqual([`${SITE}/favicon.ico`]);

    const down = await readSiteFiles({ startUrl: 'https://down.example/', fetchPage, fetchOptions: {} });
    expect(down.llmsTxt).toMatchObject({ status: 0, error: 'connect ECONNREFUSED' });
  });
});
