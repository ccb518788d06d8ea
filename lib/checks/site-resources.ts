// What the crawl links to or embeds but never fetches itself: links to other sites, images and the
// pages' stylesheets and scripts.
// A capped sample of them is probed after the crawl (lib/crawler/probe-resources.ts) and the
// results land in SiteGraph.resourceProbes; these checks only read them. selectProbeTargets picks
// that sample from the graph, so the caller probes exactly what the checks will look at.
import { SITE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, SiteCheck, SiteGraph, SiteLink, SitePage } from '@/lib/checks/types';
import { capList, describeSources, distinctSources, displayUrl, listUrls, plural } from '@/lib/checks/site-graph-query';
import type { CacheHeaders, ProbeTargets, ResourceProbe } from '@/lib/crawler/probe-resources';

const HTTP_URL = /^https?:\/\//i;

/**
 * Distinct external link targets and image URLs, in graph order, each list capped; with maxAssets,
 * also the pages' stylesheets and scripts (page by page, stylesheets first), at most maxAssets in all.
 */
export function selectProbeTargets(graph: SiteGraph, caps: { maxLinks: number; maxImages: number; maxAssets?: number }): ProbeTargets {
  const links = new Set<string>();
  for (const link of graph.links) {
    if (links.size >= caps.maxLinks) break;
    if (!link.internal && HTTP_URL.test(link.to)) links.add(link.to);
  }
  const images = new Set<string>();
  for (const page of graph.pages.values()) {
    for (const url of page.images ?? []) {
      if (images.size >= caps.maxImages) break;
      images.add(url);
    }
  }
  if (caps.maxAssets === undefined) return { links: [...links], images: [...images] };
  const stylesheets = new Set<string>();
  const scripts = new Set<string>();
  const full = () => stylesheets.size + scripts.size >= caps.maxAssets!;
  for (const page of graph.pages.values()) {
    if (full()) break;
    for (const url of page.stylesheets ?? []) if (!full()) stylesheets.add(url);
    for (const url of page.scripts ?? []) if (!full() && !stylesheets.has(url)) scripts.add(url);
  }
  return { links: [...links], images: [...images], stylesheets: [...stylesheets], scripts: [...scripts] };
}

// Sites refuse bots with these while serving people fine: not evidence of a broken link.
const REFUSES_BOTS = new Set([401, 403, 429, 999]);

/** The probe found the URL gone or erroring (not merely refused to us, nor a host we may not ask). */
function isBroken(probe: ResourceProbe): boolean {
  if (probe.blockedByRobots) return false;
  if (probe.status === 0) return probe.error !== undefined && probe.errorCode !== 'BLOCKED_PRIVATE_ADDRESS';
  return probe.status >= 400 && !REFUSES_BOTS.has(probe.status);
}

function describeProbe(probe: ResourceProbe): string {
  return probe.status === 0 ? `no answer: ${probe.error ?? 'request failed'}` : `HTTP ${probe.status}`;
}

function probesOf(graph: SiteGraph, kind: ResourceProbe['kind']): ResourceProbe[] {
  // Sorted: the probe answers in whatever order hosts finished.
  return (graph.resourceProbes ?? []).filter((probe) => probe.kind === kind).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/** External links by target URL. */
function externalLinksByTarget(graph: SiteGraph): Map<string, SiteLink[]> {
  const byTarget = new Map<string, SiteLink[]>();
  for (const link of graph.links) {
    if (link.internal) continue;
    const list = byTarget.get(link.to);
    if (list) list.push(link);
    else byTarget.set(link.to, [link]);
  }
  return byTarget;
}

/** Crawled pages that show each image. */
function pagesByImage(graph: SiteGraph): Map<string, string[]> {
  const byImage = new Map<string, string[]>();
  for (const page of graph.pages.values()) {
    for (const url of page.images ?? []) {
      const list = byImage.get(url);
      if (list) list.push(page.url);
      else byImage.set(url, [page.url]);
    }
  }
  return byImage;
}

function linkIssues(graph: SiteGraph, matches: (probe: ResourceProbe) => boolean, message: (probe: ResourceProbe) => string): Issue[] {
  const byTarget = externalLinksByTarget(graph);
  return probesOf(graph, 'link').flatMap((probe): Issue[] => {
    const links = byTarget.get(probe.url) ?? [];
    if (!matches(probe) || links.length === 0) return [];
    const sources = distinctSources(links);
    return [
      {
        url: probe.url,
        message: `${message(probe)}; linked from ${plural(sources.length, 'page')}: ${describeSources(graph, links)}`,
        details: { status: probe.status, ...(probe.finalUrl ? { finalUrl: probe.finalUrl } : {}), sources: capList(links).map((link) => ({ from: link.from, text: link.text })) },
      },
    ];
  });
}

function imageIssues(graph: SiteGraph, matches: (probe: ResourceProbe) => boolean, message: (probe: ResourceProbe) => string): Issue[] {
  const byImage = pagesByImage(graph);
  return probesOf(graph, 'image').flatMap((probe): Issue[] => {
    const pages = byImage.get(probe.url) ?? [];
    if (!matches(probe) || pages.length === 0) return [];
    return [
      {
        url: probe.url,
        message: `${message(probe)}; shown on ${plural(pages.length, 'page')}: ${listUrls(graph, pages)}`,
        details: { status: probe.status, ...(probe.bytes !== undefined ? { bytes: probe.bytes } : {}), pages: capList(pages) },
      },
    ];
  });
}

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

const ASSET_KINDS: ReadonlySet<ResourceProbe['kind']> = new Set(['image', 'stylesheet', 'script']);
const ASSET_NAMES: Record<ResourceProbe['kind'], string> = { link: 'Link target', image: 'Image', stylesheet: 'Stylesheet', script: 'Script' };

/** The static assets each crawled page uses (images, stylesheets, scripts), each URL once per page. */
function assetsOfPage(page: SitePage): string[] {
  return [...new Set([...(page.images ?? []), ...(page.stylesheets ?? []), ...(page.scripts ?? [])])];
}

function pagesByAsset(graph: SiteGraph): Map<string, string[]> {
  const byAsset = new Map<string, string[]>();
  for (const page of graph.pages.values()) {
    for (const url of assetsOfPage(page)) {
      const list = byAsset.get(url);
      if (list) list.push(page.url);
      else byAsset.set(url, [page.url]);
    }
  }
  return byAsset;
}

/** Seconds a response may be reused without asking again (RFC 9111 §4.2.1: max-age, else Expires − Date); null when it says nothing. */
export function cacheLifetimeSeconds(cache: CacheHeaders, now = Date.now()): number | null {
  const control = (cache.cacheControl ?? '').toLowerCase();
  if (/(?:^|[,\s])no-store\b/.test(control) || /(?:^|[,\s])no-cache\b/.test(control)) return 0;
  const maxAge = /(?:^|[,\s])max-age\s*=\s*"?(\d{1,12})/.exec(control);
  if (maxAge) return Number(maxAge[1]);
  if (cache.expires === undefined) return null;
  const expires = Date.parse(cache.expires);
  // An invalid Expires (e.g. "0") means "already expired" (RFC 9111 §5.3).
  if (Number.isNaN(expires)) return 0;
  const date = cache.date !== undefined ? Date.parse(cache.date) : Number.NaN;
  return Math.max(0, Math.round((expires - (Number.isNaN(date) ? now : date)) / 1000));
}

/** Why an asset's caching is weak, or null when it may be cached for at least the threshold. */
function weakCaching(cache: CacheHeaders): string | null {
  const control = (cache.cacheControl ?? '').toLowerCase();
  const validator = cache.etag !== undefined || cache.lastModified !== undefined;
  const refetch = validator ? 'every visit asks the server again (it can answer 304 thanks to its validator)' : 'and without ETag or Last-Modified every visit downloads it again';
  if (/(?:^|[,\s])no-store\b/.test(control)) return 'Cache-Control: no-store forbids caching it: every visit downloads it again';
  if (/(?:^|[,\s])no-cache\b/.test(control)) return `Cache-Control: no-cache: ${refetch}`;
  const lifetime = cacheLifetimeSeconds(cache);
  if (lifetime === null) {
    // RFC 9111 §4.2.2: without a lifetime a cache may only guess one from Last-Modified.
    return validator
      ? 'no Cache-Control max-age or Expires: browsers guess how long to keep it, then ask the server again'
      : 'no Cache-Control max-age or Expires and no ETag or Last-Modified: browsers download it again on every visit';
  }
  if (lifetime >= SITE_THRESHOLDS.assetMinCacheSeconds) return null;
  return `cache lifetime is only ${describeSeconds(lifetime)} (minimum ${describeSeconds(SITE_THRESHOLDS.assetMinCacheSeconds)}); after that ${refetch.replace(/^and /, '')}`;
}

function describeSeconds(seconds: number): string {
  if (seconds >= 86_400) return plural(Math.floor(seconds / 86_400), 'day');
  if (seconds >= 3_600) return plural(Math.floor(seconds / 3_600), 'hour');
  if (seconds >= 60) return plural(Math.floor(seconds / 60), 'minute');
  return plural(seconds, 'second');
}

function assetCacheIssues(graph: SiteGraph): Issue[] {
  const byAsset = pagesByAsset(graph);
  return (graph.resourceProbes ?? [])
    .filter((probe) => ASSET_KINDS.has(probe.kind) && probe.cache !== undefined && probe.status >= 200 && probe.status < 300)
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
    .flatMap((probe): Issue[] => {
      const pages = byAsset.get(probe.url) ?? [];
      const weak = pages.length > 0 ? weakCaching(probe.cache!) : null;
      if (!weak) return [];
      return [
        {
          url: probe.url,
          message: `${ASSET_NAMES[probe.kind]} is not cached well: ${weak}; used on ${plural(pages.length, 'page')}: ${listUrls(graph, pages)}`,
          details: { kind: probe.kind, ...probe.cache, pages: capList(pages) },
        },
      ];
    });
}

function pageWeightIssues(graph: SiteGraph): Issue[] {
  const probes = new Map<string, ResourceProbe>();
  for (const probe of graph.resourceProbes ?? []) if (ASSET_KINDS.has(probe.kind)) probes.set(probe.url, probe);
  if (probes.size === 0) return [];
  const issues: Issue[] = [];
  for (const page of graph.pages.values()) {
    if (page.htmlBytes === undefined || page.redirectTo || page.status < 200 || page.status >= 300) continue;
    const assets = assetsOfPage(page);
    const known: { url: string; bytes: number; atLeast: boolean }[] = [];
    for (const url of assets) {
      const probe = probes.get(url);
      if (probe?.bytes !== undefined) known.push({ url, bytes: probe.bytes, atLeast: probe.bytesAtLeast === true });
    }
    const total = page.htmlBytes + known.reduce((sum, r) => sum + r.bytes, 0);
    if (total <= SITE_THRESHOLDS.pageWeightBytes) continue;
    const heaviest = known.sort((a, b) => b.bytes - a.bytes || (a.url < b.url ? -1 : 1)).slice(0, SITE_THRESHOLDS.pageWeightTopResources);
    const partial = known.length < assets.length || known.some((r) => r.atLeast);
    issues.push({
      url: page.url,
      message:
        `Page weighs ${partial ? 'at least ' : ''}${mb(total)} (threshold ${mb(SITE_THRESHOLDS.pageWeightBytes)}): HTML ${kb(page.htmlBytes)} + ${plural(known.length, 'resource')}` +
        `${partial ? ` (sizes known for ${known.length} of ${assets.length} images, stylesheets and scripts: the real weight is higher)` : ''}; heaviest: ` +
        heaviest.map((r) => `${displayUrl(graph, r.url)} (${r.atLeast ? 'over ' : ''}${kb(r.bytes)})`).join(', '),
      details: { bytes: total, htmlBytes: page.htmlBytes, resources: assets.length, knownSizes: known.length, partial, heaviest },
    });
  }
  return issues;
}

export const siteResourceChecks = [
  {
    id: 'broken-external-link',
    scope: 'site',
    category: 'links',
    severity: 'medium',
    title: 'Links to broken pages on other sites',
    why: 'A link to a page that no longer exists sends visitors to an error and tells search engines the page is not maintained. (Answers sites give bots only — 401, 403, 429 — are not counted: people may still get through.)',
    fix: 'Update each link to the page’s new address (search the other site for it), link an archived copy, or remove the link.',
    run: (graph) => linkIssues(graph, isBroken, (probe) => `Link target on another site is broken (${describeProbe(probe)})`),
  },
  {
    id: 'external-link-redirect',
    scope: 'site',
    category: 'links',
    severity: 'low',
    title: 'Links to other sites that redirect',
    why: 'A link to an address that redirects costs visitors an extra round trip and often means the target moved (to https, a new path or a new owner); the link may no longer point where you meant.',
    fix: 'Change each link to the address it redirects to, after checking that page is still the one you meant to link.',
    run: (graph) =>
      linkIssues(
        graph,
        (probe) => probe.redirectStatus !== undefined && probe.status > 0 && probe.status < 400,
        (probe) => `Link target on another site redirects (${probe.redirectStatus}) to ${displayUrl(graph, probe.finalUrl ?? probe.url)}`,
      ),
  },
  {
    id: 'broken-image',
    scope: 'site',
    category: 'images',
    severity: 'medium',
    title: 'Images that fail to load',
    why: 'A broken image shows as an empty box or alt text, makes the page look unmaintained and cannot appear in image search.',
    fix: 'Restore the image file at that address, or update the <img src> to where the image lives now (or remove it).',
    run: (graph) => imageIssues(graph, isBroken, (probe) => `Image does not load (${describeProbe(probe)})`),
  },
  {
    id: 'image-too-large',
    scope: 'site',
    category: 'images',
    severity: 'medium',
    title: `Image files larger than ${SITE_THRESHOLDS.largeImageBytes / 1024} KB`,
    why: 'Large image files are the most common cause of slow pages on mobile connections and a slow Largest Contentful Paint; most photos compress far below this size with no visible loss.',
    fix: 'Resize the image to the largest size it is displayed at, compress it (WebP or AVIF, quality around 75–85) and offer smaller versions with srcset.',
    run: (graph) =>
      imageIssues(
        graph,
        (probe) => probe.bytes !== undefined && probe.bytes > SITE_THRESHOLDS.largeImageBytes,
        (probe) => `Image file is ${probe.bytesAtLeast ? 'over ' : ''}${kb(probe.bytes!)} (threshold ${kb(SITE_THRESHOLDS.largeImageBytes)})`,
      ),
  },
  {
    id: 'asset-cache-weak',
    scope: 'site',
    category: 'performance',
    severity: 'low',
    title: 'Static assets without a useful cache lifetime',
    why: `Images, stylesheets and scripts rarely change between visits; without a cache lifetime (Cache-Control max-age or Expires) of at least ${SITE_THRESHOLDS.assetMinCacheSeconds / 86_400} days, or with no-store / no-cache, browsers fetch them again on every visit and each page loads slower for returning visitors (CHECKS.md row 132; Lighthouse uses-long-cache-ttl).`,
    fix: 'Serve versioned static files (name or query with a content hash) with "Cache-Control: public, max-age=31536000, immutable"; give the others at least a week and an ETag or Last-Modified validator.',
    run: assetCacheIssues,
  },
  {
    id: 'page-weight-too-high',
    scope: 'site',
    category: 'performance',
    severity: 'low',
    title: `Pages heavier than ${SITE_THRESHOLDS.pageWeightBytes / (1024 * 1024)} MB`,
    why: `A page whose HTML, images, stylesheets and scripts add up to more than ${SITE_THRESHOLDS.pageWeightBytes / (1024 * 1024)} MB is slow on mobile networks and costs visitors data (CHECKS.md row 137; Lighthouse total-byte-weight). Sizes come from a capped probe of the site's resources, so the weight reported is a lower bound when not every resource was measured; fonts and what scripts load later are not counted.`,
    fix: 'Start with the heaviest resources listed: compress and resize images, serve WebP/AVIF, split or drop unused JavaScript and CSS, and lazy-load what is below the fold.',
    run: pageWeightIssues,
  },
] satisfies SiteCheck[];
