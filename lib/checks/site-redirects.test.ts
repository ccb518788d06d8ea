import { describe, expect, it } from 'vitest';

import { firedUrls, healthySiteSpec, healthyWith, runSiteCheck, urlsOf } from '@/test/site-graph-fixture';
import { siteRedirectChecks } from '@/lib/checks/site-redirects';

const fired = (id: string, spec: Parameters<typeof firedUrls>[2]) => firedUrls(siteRedirectChecks, id, spec);
const messages = (id: string, spec: Parameters<typeof firedUrls>[2]) =>
  runSiteCheck(siteRedirectChecks, id, spec).map((issue) => issue.message);

describe('internal-redirect-chain', () => {
  it('fires on the first URL of a chain stored hop by hop', () => {
    const spec = healthyWith({ '/a': { status: 301, redirectTo: '/b' }, '/b': { status: 302, redirectTo: '/c' }, '/c': {} });
    expect(fired('internal-redirect-chain', spec)).toEqual(urlsOf('/a'));
    expect(messages('internal-redirect-chain', spec)).toEqual(['Redirect chain of 2 hops: /a → /b → /c']);
  });

  it('fires when the crawler stored only the final target with a hop count', () => {
    const spec = healthyWith({ '/x': { status: 200, redirectTo: '/about', redirectHops: 3 } });
    expect(messages('internal-redirect-chain', spec)).toEqual(['Redirect chain of 3 hops: /x → … → /about']);
  });

  it('fires when the hop limit was hit', () => {
    expect(fired('internal-redirect-chain', healthyWith({ '/x': { status: 301, redirectError: 'too-many', redirectHops: 10 } }))).toEqual(urlsOf('/x'));
  });

  it('passes on single redirects and loops', () => {
    expect(fired('internal-redirect-chain', healthyWith({ '/a': { status: 301, redirectTo: '/about' } }))).toEqual([]);
    expect(fired('internal-redirect-chain', healthyWith({ '/a': { status: 301, redirectTo: '/b' }, '/b': { status: 301, redirectTo: '/a' } }))).toEqual([]);
    expect(fired('internal-redirect-chain', healthySiteSpec())).toEqual([]);
  });
});

describe('internal-redirect-loop', () => {
  it('fires on every URL of a loop and on URLs the fetcher flagged', () => {
    const spec = healthyWith({
      '/a': { status: 301, redirectTo: '/b' },
      '/b': { status: 301, redirectTo: '/a' },
      '/c': { status: 301, redirectError: 'loop' },
    });
    expect(fired('internal-redirect-loop', spec)).toEqual(urlsOf('/a', '/b', '/c'));
    expect(messages('internal-redirect-loop', spec)).toEqual([
      'Redirect loop: /a → /b → /a',
      'Redirect loop: /b → /a → /b',
      'Redirects loop back to an earlier URL',
    ]);
  });

  it('passes on redirects that end', () => {
    expect(fired('internal-redirect-loop', healthyWith({ '/a': { status: 301, redirectTo: '/about' } }))).toEqual([]);
  });
});

describe('internal-redirect-to-error', () => {
  it('fires on redirects ending in 4xx/5xx, crawled or recorded as final status', () => {
    const spec = healthyWith({
      '/old': { status: 301, redirectTo: '/gone' },
      '/gone': { status: 404 },
      '/old2': { status: 503, redirectTo: '/elsewhere' },
    });
    expect(fired('internal-redirect-to-error', spec)).toEqual(urlsOf('/old', '/old2'));
    expect(messages('internal-redirect-to-error', spec)).toEqual([
      'Redirects to /gone, which returns 404',
      'Redirects to /elsewhere, which returns 503',
    ]);
  });

  it('passes on redirects to live pages and to uncrawled URLs with unknown status', () => {
    expect(fired('internal-redirect-to-error', healthyWith({ '/old': { status: 301, redirectTo: '/about' }, '/x': { status: 301, redirectTo: '/y' } }))).toEqual([]);
  });

  it('passes on a redirect into a robots-blocked URL, whose status nobody knows', () => {
    expect(fired('internal-redirect-to-error', healthyWith({ '/old': { status: 302, redirectTo: '/private' }, '/private': { status: 0, blockedByRobots: true } }))).toEqual([]);
  });
});
