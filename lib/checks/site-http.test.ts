import { describe, expect, it } from 'vitest';

import { buildSiteGraph, firedUrls, healthySiteSpec, healthyWith, runSiteCheck, urlsOf } from '@/test/site-graph-fixture';
import type { SiteGraph } from '@/lib/checks/types';
import { siteHttpChecks } from '@/lib/checks/site-http';

describe('fetch-failed', () => {
  it('fires on crawled URLs that never answered, naming the cause', () => {
    const spec = healthyWith(
      {
        '/': { links: ['/about', '/blog', '/contact', '/slow'] },
        '/slow': { status: 0, error: 'Timed out after 30 s' },
        '/listed': { status: 0, error: 'Connection refused' },
      },
      { sitemap: ['/', '/about', '/blog', '/contact', '/listed'] },
    );
    expect(firedUrls(siteHttpChecks, 'fetch-failed', spec)).toEqual(urlsOf('/slow', '/listed'));
    expect(runSiteCheck(siteHttpChecks, 'fetch-failed', spec).map((issue) => issue.message)).toEqual([
      'No response: Timed out after 30 s',
      'No response: Connection refused (found through the XML sitemap)',
    ]);
  });

  it('stays silent on answered, robots-blocked and looping URLs', () => {
    expect(firedUrls(siteHttpChecks, 'fetch-failed', healthySiteSpec())).toEqual([]);
    const spec = healthyWith({
      '/': { links: ['/about', '/private', '/loop', '/missing'] },
      '/private': { status: 0, blockedByRobots: true },
      '/loop': { status: 301, redirectError: 'loop', error: 'Redirect loop' },
      '/missing': { status: 404 },
    });
    expect(firedUrls(siteHttpChecks, 'fetch-failed', spec)).toEqual([]);
  });
});

describe('http2-missing', () => {
  const withAlpn = (alpn: SiteGraph['alpn']) => {
    const graph = buildSiteGraph(healthySiteSpec());
    if (alpn) graph.alpn = alpn;
    return graph;
  };
  const ORIGIN = 'https://example.com/';

  it('fires when the https origin chose http/1.1 or negotiated nothing', () => {
    const [issue, ...rest] = runSiteCheck(siteHttpChecks, 'http2-missing', withAlpn({ url: ORIGIN, protocol: 'http/1.1' }));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ url: ORIGIN, message: 'The server chose http/1.1 when offered h2 and http/1.1: no HTTP/2', details: { protocol: 'http/1.1' } });
    expect(runSiteCheck(siteHttpChecks, 'http2-missing', withAlpn({ url: ORIGIN, protocol: null }))[0]!.message).toContain('negotiated no protocol');
  });

  it('stays silent on h2, on a failed handshake and without a probe (http-only site)', () => {
    expect(firedUrls(siteHttpChecks, 'http2-missing', withAlpn({ url: ORIGIN, protocol: 'h2' }))).toEqual([]);
    expect(firedUrls(siteHttpChecks, 'http2-missing', withAlpn({ url: ORIGIN, error: 'timed out', errorCode: 'CONNECT_TIMEOUT' }))).toEqual([]);
    expect(firedUrls(siteHttpChecks, 'http2-missing', withAlpn(undefined))).toEqual([]);
  });
});
