// Turns crawl results into the SiteGraph that site-scope checks read. Pure: the caller may pass
// results straight from onPage or reloaded from the database after a resumed crawl.
import type { PageFacts } from '@/lib/crawler/page-facts';
import type { SiteGraph, SiteLink, SitemapFile, SitePage } from '@/lib/checks/types';
import type { SiteFiles } from '@/lib/crawler/crawl-site-files';
import type { CrawlPageResult } from '@/lib/crawler/crawl-types';
import type { SitemapLoadResult } from '@/lib/crawler/sitemaps';
import { isSameSite, normalizeUrl } from '@/lib/crawler/normalize-url';
import { describeFetchFailure } from '@/lib/fetch/fetch-error';

/** The facts the graph needs; a caller that persists slimmed facts can pass just these. */
export type GraphFacts = Pick<
  PageFacts,
  'title' | 'metaDescription' | 'h1s' | 'textHash' | 'textMinhash' | 'wordCount' | 'canonicals' | 'canonicalFromHeader' | 'robots' | 'hreflang' | 'links' | 'siteSignals'
> & { imageUrls?: string[]; stylesheetUrls?: string[]; scriptUrls?: string[]; htmlBytes?: number };

/** Images a page may list in the graph: enough to find the pages that use a broken or large image. */
const IMAGE_URLS_PER_PAGE = 50;

/** The page's distinct http(s) image URLs, normalised, at most IMAGE_URLS_PER_PAGE. */
export function imageUrlsOf(facts: Pick<PageFacts, 'images'>): string[] {
  const urls = new Set<string>();
  for (const image of facts.images) {
    if (urls.size >= IMAGE_URLS_PER_PAGE) break;
    const url = image.url && /^https?:/i.test(image.url) ? normalizeUrl(image.url) : null;
    if (url) urls.add(url);
  }
  return [...urls];
}

/** Stylesheets and external scripts a page may list in the graph (for cache headers and page weight). */
const ASSET_URLS_PER_PAGE = 50;

/** The page's distinct http(s) stylesheet and external script URLs, normalised, each list at most ASSET_URLS_PER_PAGE. */
export function assetUrlsOf(facts: Pick<PageFacts, 'stylesheets' | 'scripts'>): { stylesheetUrls: string[]; scriptUrls: string[] } {
  const pick = (raw: readonly (string | null)[]) => {
    const urls = new Set<string>();
    for (const value of raw) {
      if (urls.size >= ASSET_URLS_PER_PAGE) break;
      const url = value && /^https?:/i.test(value) ? normalizeUrl(value) : null;
      if (url) urls.add(url);
    }
    return [...urls];
  };
  return { stylesheetUrls: pick(facts.stylesheets.map((s) => s.href)), scriptUrls: pick(facts.scripts.map((s) => s.src)) };
}

export type GraphPageInput = Pick<CrawlPageResult, 'url' | 'depth' | 'fetchError' | 'blockedByRobots' | 'redirectTo'> & {
  response?: Pick<NonNullable<CrawlPageResult['response']>, 'status' | 'contentType' | 'redirects' | 'redirectError'>;
  facts?: GraphFacts;
};

export type BuildSiteGraphInput = {
  startUrl: string;
  pages: Iterable<GraphPageInput>;
  sitemapUrls?: Iterable<string>;
  robotsTxt?: SiteGraph['robotsTxt'];
  /** The crawl's sitemap files (toSitemapFiles of CrawlOutcome.sitemaps, kept for a resumed crawl, which does not read them again). */
  sitemaps?: SitemapFile[];
  /** /llms.txt and /favicon.ico as the crawl read them (CrawlOutcome.siteFiles). */
  siteFiles?: SiteFiles;
  wwwIsSameSite?: boolean;
};

const SITEMAP_SOURCES: Record<SitemapLoadResult['files'][number]['source'], SitemapFile['source']> = {
  robots: 'robots',
  'common-path': 'guess',
  index: 'index',
  given: 'given',
};

/** The sitemap files as the site checks read them. */
export function toSitemapFiles(result: SitemapLoadResult): SitemapFile[] {
  return result.files.map((file) => ({
    url: file.url,
    status: file.status,
    source: SITEMAP_SOURCES[file.source],
    urlCount: file.kind === 'sitemapindex' ? file.sitemapCount : file.urlCount,
    // Too many URLs is reported from urlCount; the file itself was read.
    ...(file.error && file.error !== 'TOO_MANY_URLS' ? { error: file.message ?? file.error } : {}),
    ...(file.lastmod ? { lastmod: file.lastmod } : {}),
  }));
}

const key = (url: string) => normalizeUrl(url) ?? url;

/**
 * Click depth by breadth-first search over <a> links from the start URL. A redirect costs no
 * click (the user lands on the target), so it passes the depth through unchanged.
 */
function computeDepths(startUrl: string, links: SiteLink[], redirects: Map<string, string>): Map<string, number> {
  const outgoing = new Map<string, string[]>();
  for (const link of links) {
    if (!link.internal) continue;
    let list = outgoing.get(link.from);
    if (!list) outgoing.set(link.from, (list = []));
    list.push(link.to);
  }
  const depths = new Map<string, number>([[startUrl, 0]]);
  // Deque with a head index; redirect targets go to the front (0-1 BFS) so depths stay minimal.
  let current: string[] = [startUrl];
  let depth = 0;
  while (current.length > 0) {
    const next: string[] = [];
    for (let i = 0; i < current.length; i++) {
      const url = current[i]!;
      const target = redirects.get(url);
      if (target !== undefined && !depths.has(target)) {
        depths.set(target, depth);
        current.push(target);
      }
      for (const to of outgoing.get(url) ?? []) {
        if (depths.has(to)) continue;
        depths.set(to, depth + 1);
        next.push(to);
      }
    }
    current = next;
    depth++;
  }
  return depths;
}

export function buildSiteGraph(input: BuildSiteGraphInput): SiteGraph {
  const startUrl = key(input.startUrl);
  const sameSite = (url: string) => isSameSite(url, startUrl, { wwwIsSameSite: input.wwwIsSameSite ?? true });
  const sitemapUrls = [...new Set([...(input.sitemapUrls ?? [])].map(key))];
  const inSitemap = new Set(sitemapUrls);

  const pages = new Map<string, SitePage>();
  const links: SiteLink[] = [];
  const redirects = new Map<string, string>();
  const blockedByRobots: string[] = [];
  // Most link targets recur on many pages (menus, footers): each distinct one is parsed once.
  const targets = new Map<string, { to: string; internal: boolean } | null>();
  const targetOf = (raw: string) => {
    let target = targets.get(raw);
    if (target === undefined) {
      const to = normalizeUrl(raw);
      target = to ? { to, internal: sameSite(to) } : null;
      targets.set(raw, target);
    }
    return target;
  };

  for (const result of input.pages) {
    const url = key(result.url);
    const base: SitePage = {
      url,
      status: 0,
      depth: result.depth,
      title: null,
      metaDescription: null,
      h1: null,
      textHash: null,
      wordCount: 0,
      canonical: null,
      noindex: false,
      hreflang: [],
      inSitemap: inSitemap.has(url),
      blockedByRobots: false,
    };

    if (result.blockedByRobots) {
      pages.set(url, { ...base, blockedByRobots: true });
      blockedByRobots.push(url);
      continue;
    }
    if (result.fetchError || !result.response) {
      // Site findings quote this after the URL, so the plain cause is enough; the page row keeps the detail.
      pages.set(url, { ...base, error: result.fetchError ? describeFetchFailure(result.fetchError).cause : 'No response' });
      continue;
    }

    const { response, facts } = result;
    const hops = response.redirects;
    if (hops.length > 0) {
      // A redirecting URL has no content of its own; its target is a separate page.
      // Same rule as the crawl: the final URL, or the first hop when the chain broke (loop/too many).
      const hop = response.redirectError ? hops[0]! : hops.at(-1)!;
      const target = result.redirectTo ?? key(new URL(hop.location, hop.url).href);
      if (target !== url) redirects.set(url, target);
      pages.set(url, {
        ...base,
        status: hops[0]!.status,
        redirectTo: target,
        redirectHops: hops.length,
        contentType: response.contentType || undefined,
        ...(response.redirectError
          ? { redirectError: response.redirectError, error: response.redirectError === 'loop' ? 'Redirect loop' : 'Too many redirects' }
          : {}),
      });
      continue;
    }

    const page: SitePage = { ...base, status: response.status, contentType: response.contentType || undefined };
    if (facts) {
      page.title = facts.title;
      page.metaDescription = facts.metaDescription;
      page.h1 = facts.h1s[0] ?? null;
      page.textHash = facts.textHash || null;
      page.textMinhash = facts.textMinhash ?? null;
      page.wordCount = facts.wordCount;
      const canonical = facts.canonicals[0] ?? facts.canonicalFromHeader[0] ?? null;
      page.canonical = canonical ? key(canonical) : null;
      page.noindex = facts.robots.noindex;
      page.hreflang = facts.hreflang.filter((h) => h.url !== null).map((h) => ({ lang: h.lang, url: key(h.url!) }));
      if (facts.siteSignals) page.signals = facts.siteSignals;
      if (facts.imageUrls) page.images = facts.imageUrls;
      if (facts.stylesheetUrls) page.stylesheets = facts.stylesheetUrls;
      if (facts.scriptUrls) page.scripts = facts.scriptUrls;
      if (facts.htmlBytes !== undefined) page.htmlBytes = facts.htmlBytes;
      for (const link of facts.links) {
        const target = link.url ? targetOf(link.url) : null;
        if (target) links.push({ from: url, to: target.to, text: link.text, rel: link.rel, internal: target.internal });
      }
    }
    pages.set(url, page);
  }

  // Depth as the shortest click path in the final link graph: crawl order (and sitemap-first
  // discovery) can record a longer one. Pages no link path reaches keep null = orphan.
  const depths = computeDepths(startUrl, links, redirects);
  for (const page of pages.values()) page.depth = depths.get(page.url) ?? null;

  return {
    startUrl,
    pages,
    links,
    sitemapUrls,
    robotsTxt: input.robotsTxt ?? null,
    blockedByRobots,
    ...(input.sitemaps ? { sitemaps: input.sitemaps } : {}),
    ...(input.siteFiles ? { siteFiles: input.siteFiles } : {}),
  };
}
