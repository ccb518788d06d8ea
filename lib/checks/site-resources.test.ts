import { describe, expect, it } from 'vitest';
import { selectProbeTargets, siteResourceChecks } from '@/lib/checks/site-resources';
import { SITE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { SiteGraph } from '@/lib/checks/types';
import type { ResourceProbe } from '@/lib/crawler/probe-resources';
import { buildSiteGraph, firedUrls, runSiteCheck, urlsOf, type GraphSpec } from '@/test/site-graph-fixture';

const OTHER = 'https://other.example/';
const IMG = 'https://example.com/img/';

/** Home and /about both link to other.example/a; /about also to /b and /c. Home shows hero.jpg, /about hero.jpg and logo.png. */
const SPEC: GraphSpec = {
  pages: {
    '/': {
      links: ['/about', { to: `${OTHER}a`, text: 'Partner' }],
      images: [`${IMG}hero.jpg`],
    },
    '/about': {
      links: ['/', { to: `${OTHER}a`, text: 'Partner again' }, `${OTHER}b`, `${OTHER}c`],
      images: [`${IMG}hero.jpg`, `${IMG}logo.png`],
    },
  },
};

function graphWith(probes: Partial<ResourceProbe>[] | undefined): SiteGraph {
  const graph = buildSiteGraph(SPEC);
  if (probes) graph.resourceProbes = probes.map((probe) => ({ url: '', kind: 'link', status: 200, ...probe }));
  return graph;
}

const fired = (id: string, probes: Partial<ResourceProbe>[]) => firedUrls(siteResourceChecks, id, graphWith(probes));
const link = (path: string, patch: Partial<ResourceProbe> = {}): Partial<ResourceProbe> => ({ url: `${OTHER}${path}`, kind: 'link', ...patch });
const image = (file: string, patch: Partial<ResourceProbe> = {}): Partial<ResourceProbe> => ({ url: `${IMG}${file}`, kind: 'image', ...patch });

describe('selectProbeTargets', () => {
  it('takes each distinct external http(s) link target once, never internal links or other schemes', () => {
    const graph = buildSiteGraph({
      pages: {
        '/': { links: ['/about', `${OTHER}a`, `${OTHER}a`, { to: 'mailto:hi@other.example', internal: false }, { to: 'ftp://other.example/f', internal: false }] },
        '/about': { links: [`${OTHER}b`] },
      },
    });
    expect(selectProbeTargets(graph, { maxLinks: 10, maxImages: 10 }).links).toEqual([`${OTHER}a`, `${OTHER}b`]);
  });

  it('caps the links and the images separately, keeping graph order', () => {
    const graph = buildSiteGraph(SPEC);
    expect(selectProbeTargets(graph, { maxLinks: 10, maxImages: 10 })).toEqual({
      links: [`${OTHER}a`, `${OTHER}b`, `${OTHER}c`],
      images: [`${IMG}hero.jpg`, `${IMG}logo.png`],
    });
    expect(selectProbeTargets(graph, { maxLinks: 2, maxImages: 1 })).toEqual({ links: [`${OTHER}a`, `${OTHER}b`], images: [`${IMG}hero.jpg`] });
    expect(selectProbeTargets(graph, { maxLinks: 0, maxImages: 0 })).toEqual({ links: [], images: [] });
  });
});

describe('every resource check', () => {
  it('stays silent without probe results, and when every probe is fine', () => {
    const fine = [link('a'), link('b'), link('c'), image('hero.jpg', { bytes: 10_000 }), image('logo.png', { bytes: 2_000 })];
    for (const check of siteResourceChecks) {
      expect(check.run(graphWith(undefined)), check.id).toEqual([]);
      expect(check.run(graphWith(fine)), check.id).toEqual([]);
    }
  });
});

describe('broken-external-link', () => {
  it('fires on a 4xx or 5xx target and names every page that links it', () => {
    expect(fired('broken-external-link', [link('a', { status: 404 }), link('b', { status: 503 }), link('c')])).toEqual([`${OTHER}a`, `${OTHER}b`]);
    const [issue] = runSiteCheck(siteResourceChecks, 'broken-external-link', graphWith([link('a', { status: 410 })]));
    expect(issue!.message).toContain('HTTP 410');
    expect(issue!.message).toContain('2 pages');
    expect(issue!.details).toMatchObject({ status: 410, sources: [{ text: 'Partner' }, { text: 'Partner again' }] });
  });

  it('fires when the host never answered, with the cause', () => {
    const [issue] = runSiteCheck(siteResourceChecks, 'broken-external-link', graphWith([link('b', { status: 0, error: 'DNS lookup failed', errorCode: 'DNS_FAILURE' })]));
    expect(issue!.url).toBe(`${OTHER}b`);
    expect(issue!.message).toContain('no answer: DNS lookup failed');
  });

  it('does not count answers sites give bots only (401, 403, 429, 999), nor URLs it was not allowed to ask', () => {
    const refused = [401, 403, 429, 999].map((status, i) => link(`r${i}`, { status }));
    expect(fired('broken-external-link', [...refused, link('a', { status: 403 })])).toEqual([]);
    expect(fired('broken-external-link', [link('a', { status: 0, blockedByRobots: true, error: 'not requested' }), link('b', { status: 0, error: 'private', errorCode: 'BLOCKED_PRIVATE_ADDRESS' })])).toEqual([]);
    // Status 0 without an error is "not requested", not broken.
    expect(fired('broken-external-link', [link('c', { status: 0 })])).toEqual([]);
  });

  it('ignores probes of URLs no page links (and image probes)', () => {
    expect(fired('broken-external-link', [link('gone', { status: 404 }), { url: `${OTHER}a`, kind: 'image', status: 404 }])).toEqual([]);
  });

  it('reports in URL order whatever order the probe answered in', () => {
    const urls = runSiteCheck(siteResourceChecks, 'broken-external-link', graphWith([link('c', { status: 404 }), link('a', { status: 404 })])).map((issue) => issue.url);
    expect(urls).toEqual([`${OTHER}a`, `${OTHER}c`]);
  });
});

describe('external-link-redirect', () => {
  it('fires when the target redirects to a page that answers', () => {
    const [issue, ...rest] = runSiteCheck(siteResourceChecks, 'external-link-redirect', graphWith([link('a', { status: 200, redirectStatus: 301, finalUrl: 'https://new.example/a' })]));
    expect(rest).toEqual([]);
    expect(issue!.url).toBe(`${OTHER}a`);
    expect(issue!.message).toContain('redirects (301)');
    expect(issue!.details).toMatchObject({ finalUrl: 'https://new.example/a' });
  });

  it('stays silent when there is no redirect, or the redirect ends in an error (that is a broken link)', () => {
    expect(fired('external-link-redirect', [link('a'), link('b', { status: 404, redirectStatus: 301, finalUrl: `${OTHER}b2` })])).toEqual([]);
    expect(fired('broken-external-link', [link('b', { status: 404, redirectStatus: 301, finalUrl: `${OTHER}b2` })])).toEqual([`${OTHER}b`]);
  });
});

describe('broken-image', () => {
  it('fires on an image that errors and names the pages that show it', () => {
    expect(fired('broken-image', [image('hero.jpg', { status: 404 }), image('logo.png')])).toEqual([`${IMG}hero.jpg`]);
    const [issue] = runSiteCheck(siteResourceChecks, 'broken-image', graphWith([image('hero.jpg', { status: 404 })]));
    expect(issue!.message).toContain('HTTP 404');
    expect(issue!.details).toMatchObject({ status: 404, pages: urlsOf('/', '/about') });
  });

  it('stays silent on an image that loads, one it may not ask for, or one no page shows', () => {
    expect(fired('broken-image', [image('hero.jpg'), image('logo.png', { status: 0, blockedByRobots: true }), image('unused.png', { status: 404 })])).toEqual([]);
  });
});

describe('image-too-large', () => {
  const limit = SITE_THRESHOLDS.largeImageBytes;

  it('fires above the threshold, not at it', () => {
    expect(fired('image-too-large', [image('hero.jpg', { bytes: limit + 1 }), image('logo.png', { bytes: limit })])).toEqual([`${IMG}hero.jpg`]);
  });

  it('says "over" when only a capped GET measured the size, and stays silent when the size is unknown', () => {
    const [issue] = runSiteCheck(siteResourceChecks, 'image-too-large', graphWith([image('logo.png', { bytes: limit + 1, bytesAtLeast: true })]));
    expect(issue!.message).toMatch(/^Image file is over \d+ KB/);
    expect(issue!.details).toMatchObject({ bytes: limit + 1, pages: urlsOf('/about') });
    expect(fired('image-too-large', [image('hero.jpg'), link('a', { bytes: limit * 4 })])).toEqual([]);
  });
});

describe('selectProbeTargets: stylesheets and scripts', () => {
  it('takes each page’s stylesheets then scripts, distinct, at most maxAssets in all, only when asked', () => {
    const graph = buildSiteGraph({
      pages: {
        '/': { stylesheets: [`${IMG}a.css`], scripts: [`${IMG}a.js`, `${IMG}b.js`] },
        '/about': { stylesheets: [`${IMG}a.css`, `${IMG}b.css`], scripts: [`${IMG}a.js`] },
      },
    });
    expect(selectProbeTargets(graph, { maxLinks: 1, maxImages: 1, maxAssets: 10 })).toMatchObject({ stylesheets: [`${IMG}a.css`, `${IMG}b.css`], scripts: [`${IMG}a.js`, `${IMG}b.js`] });
    expect(selectProbeTargets(graph, { maxLinks: 1, maxImages: 1, maxAssets: 2 })).toMatchObject({ stylesheets: [`${IMG}a.css`], scripts: [`${IMG}a.js`] });
    expect(selectProbeTargets(graph, { maxLinks: 1, maxImages: 1 })).not.toHaveProperty('scripts');
  });
});

describe('asset-cache-weak', () => {
  const CSS = `${IMG}site.css`;
  const JS = `${IMG}app.js`;
  const assets = (css: ResourceProbe['cache'], js: ResourceProbe['cache'] = { cacheControl: 'max-age=31536000' }) => {
    const graph = buildSiteGraph({ pages: { '/': { stylesheets: [CSS], scripts: [JS], images: [`${IMG}hero.jpg`] }, '/about': { stylesheets: [CSS] } } });
    graph.resourceProbes = [
      { url: CSS, kind: 'stylesheet', status: 200, cache: css },
      { url: JS, kind: 'script', status: 200, cache: js },
    ];
    return graph;
  };
  const run = (graph: SiteGraph) => runSiteCheck(siteResourceChecks, 'asset-cache-weak', graph);

  it('fires once per asset without a lifetime, naming the pages that use it', () => {
    const [issue, ...rest] = run(assets({}));
    expect(rest).toEqual([]);
    expect(issue!.url).toBe(CSS);
    expect(issue!.message).toContain('Stylesheet is not cached well: no Cache-Control max-age or Expires');
    expect(issue!.message).toContain('no ETag or Last-Modified: browsers download it again on every visit');
    expect(run(assets({ lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' }))[0]!.message).toContain('browsers guess how long to keep it');
    expect(issue!.details).toMatchObject({ kind: 'stylesheet', pages: urlsOf('/', '/about') });
  });

  it('fires on no-store, no-cache (even with a validator) and a lifetime under 7 days', () => {
    expect(run(assets({ cacheControl: 'no-store' }))[0]!.message).toContain('no-store');
    expect(run(assets({ cacheControl: 'no-cache', etag: '"x"' }))[0]!.message).toContain('can answer 304');
    expect(run(assets({ cacheControl: 'public, max-age=3600' }))[0]!.message).toContain('only 1 hour (minimum 7 days)');
    expect(run(assets({ expires: 'Thu, 02 Jan 2025 00:00:00 GMT', date: 'Wed, 01 Jan 2025 00:00:00 GMT' }))[0]!.message).toContain('only 1 day');
    expect(run(assets({ expires: '0' }))[0]!.message).toContain('only 0 seconds');
    expect(run(assets({ cacheControl: 'max-age=31536000' }, { cacheControl: 'max-age=60' })).map((issue) => issue.url)).toEqual([JS]);
  });

  it('stays silent at 7 days or more (max-age wins over Expires), for errors, unprobed headers and unused assets', () => {
    expect(run(assets({ cacheControl: `max-age=${7 * 86_400}` }))).toEqual([]);
    expect(run(assets({ cacheControl: 'public, max-age=31536000, immutable', expires: '0' }))).toEqual([]);
    expect(run(assets({ expires: 'Thu, 09 Jan 2025 00:00:00 GMT', date: 'Wed, 01 Jan 2025 00:00:00 GMT' }))).toEqual([]);
    const graph = assets({ cacheControl: 'max-age=31536000' });
    graph.resourceProbes!.push({ url: `${IMG}unused.css`, kind: 'stylesheet', status: 200, cache: {} }, { url: `${IMG}hero.jpg`, kind: 'image', status: 404, cache: {} }, { url: `${OTHER}a`, kind: 'link', status: 200, cache: {} });
    expect(run(graph)).toEqual([]);
  });
});

describe('page-weight-too-high', () => {
  const MB = 1024 * 1024;
  const weighed = (sizes: Record<string, number | undefined>, htmlBytes = 100_000, extra: Partial<ResourceProbe> = {}) => {
    const graph = buildSiteGraph({
      pages: {
        '/': { htmlBytes, images: [`${IMG}hero.jpg`, `${IMG}logo.png`], stylesheets: [`${IMG}site.css`], scripts: [`${IMG}app.js`] },
        '/about': { htmlBytes: 50_000, images: [`${IMG}logo.png`] },
        '/old': { images: [`${IMG}hero.jpg`] },
      },
    });
    graph.resourceProbes = Object.entries(sizes).map(([file, bytes]) => ({
      url: `${IMG}${file}`,
      kind: file.endsWith('.css') ? 'stylesheet' : file.endsWith('.js') ? 'script' : 'image',
      status: 200,
      ...(bytes !== undefined ? { bytes } : {}),
      ...extra,
    }));
    return graph;
  };
  const run = (graph: SiteGraph) => runSiteCheck(siteResourceChecks, 'page-weight-too-high', graph);

  it('fires when HTML + probed resources exceed 5 MB, naming the heaviest', () => {
    const [issue, ...rest] = run(weighed({ 'hero.jpg': 4 * MB, 'logo.png': 10_000, 'site.css': 200_000, 'app.js': 1 * MB }));
    expect(rest).toEqual([]);
    expect(issue!.url).toBe(urlsOf('/')[0]);
    expect(issue!.message).toMatch(/^Page weighs 5\.3 MB \(threshold 5\.0 MB\): HTML 98 KB \+ 4 resources; heaviest: /);
    expect(issue!.message).toContain('hero.jpg (4,096 KB)');
    expect(issue!.details).toMatchObject({ knownSizes: 4, resources: 4, partial: false });
  });

  it('says the weight is a lower bound when some sizes are unknown or capped', () => {
    const [issue] = run(weighed({ 'hero.jpg': 5 * MB, 'app.js': undefined }));
    expect(issue!.message).toContain('at least 5.1 MB');
    expect(issue!.message).toContain('sizes known for 1 of 4');
    expect(run(weighed({ 'hero.jpg': 5 * MB, 'logo.png': 1, 'site.css': 1, 'app.js': 1 }, 100_000, { bytesAtLeast: true }))[0]!.message).toContain('at least');
  });

  it('stays silent at or under 5 MB, without probes, and for pages without a recorded HTML size', () => {
    expect(run(weighed({ 'hero.jpg': 5 * MB - 100_000 }))).toEqual([]);
    expect(run(weighed({}, 6 * MB))).toEqual([]);
  });
});
