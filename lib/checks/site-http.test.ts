import { describe, expect, it } from 'vitest';

import { firedUrls, healthySiteSpec, healthyWith, runSiteCheck, urlsOf } from '@/test/site-graph-fixture';
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
