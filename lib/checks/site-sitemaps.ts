// XML sitemap checks: whether a sitemap exists and is declared, whether its files are valid,
// and whether the URLs it lists are the ones search engines should index (and vice versa).

import { SITE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, SiteCheck, SiteGraph, SitePage } from '@/lib/checks/types';
import {
  bareHost,
  canonicalElsewhere,
  capList,
  describeStatus,
  displayUrl,
  findPage,
  isBlockedUrl,
  isIndexable,
  isOk,
  isRedirect,
  isSiteHost,
  listUrls,
  normalizeUrl,
  plural,
  resolveRedirects,
  siteLevelUrl,
  sitemapUrlSet,
  tryParseUrl,
} from '@/lib/checks/site-graph-query';

/** `Sitemap:` URLs declared in robots.txt. */
export function robotsSitemapUrls(graph: SiteGraph): string[] {
  const body = graph.robotsTxt && graph.robotsTxt.status >= 200 && graph.robotsTxt.status < 300 ? graph.robotsTxt.body : null;
  if (!body) return [];
  return body
    .split(/\r\n|\r|\n/)
    .map((line) => /^\s*sitemap\s*:\s*(\S+)/i.exec(line.replace(/#.*$/, ''))?.[1])
    .filter((url): url is string => !!url);
}

function hasUsableSitemap(graph: SiteGraph): boolean {
  return graph.sitemapUrls.length > 0 || (graph.sitemaps ?? []).some((s) => s.status >= 200 && s.status < 300 && !s.error);
}

/** Every sitemap-listed URL with its crawled page (undefined when not crawled). */
function sitemapEntries(graph: SiteGraph): { url: string; page: SitePage | undefined }[] {
  return [...sitemapUrlSet(graph)].map((key) => {
    const page = findPage(graph, key);
    return { url: page?.url ?? key, page };
  });
}

export const siteSitemapChecks = [
  {
    id: 'sitemap-missing',
    scope: 'site',
    category: 'crawlability',
    severity: 'medium',
    title: 'No XML sitemap found',
    why: 'A sitemap tells search engines which URLs you want indexed and when they change; without one, discovery depends entirely on links.',
    fix: 'Generate an XML sitemap of your indexable URLs (most CMSs can), and declare it in robots.txt with a "Sitemap:" line and in Google Search Console.',
    run: (graph) => {
      if (hasUsableSitemap(graph) || robotsSitemapUrls(graph).length > 0) return [];
      // An unreadable robots.txt (error, 429, 5xx) disallows the whole site, sitemaps included:
      // nobody looked, and robots-txt-unreachable already names the one cause.
      const robots = graph.robotsTxt;
      if (robots && (robots.status === 0 || robots.status === 429 || robots.status >= 500)) return [];
      return [{ url: graph.robotsTxt?.url ?? graph.startUrl, message: 'No XML sitemap was found (none declared in robots.txt and none at the usual locations)' }];
    },
  },
  {
    id: 'sitemap-not-in-robots-txt',
    scope: 'site',
    category: 'crawlability',
    severity: 'low',
    title: 'Sitemap not declared in robots.txt',
    why: 'A "Sitemap:" line in robots.txt lets every search engine find the sitemap without it being submitted separately to each one.',
    fix: 'Add a line such as "Sitemap: https://example.com/sitemap.xml" (absolute URL) to robots.txt.',
    run: (graph) => {
      const robots = graph.robotsTxt;
      if (!robots || robots.status < 200 || robots.status >= 300 || robots.body === null) return [];
      if (!hasUsableSitemap(graph) || robotsSitemapUrls(graph).length > 0) return [];
      const found = (graph.sitemaps ?? []).find((s) => s.status >= 200 && s.status < 300)?.url;
      return [
        {
          url: robots.url,
          message: found
            ? `robots.txt has no "Sitemap:" line, although a sitemap exists at ${found}`
            : 'robots.txt has no "Sitemap:" line, although the site has an XML sitemap',
          details: { sitemap: found ?? null },
        },
      ];
    },
  },
  {
    id: 'sitemap-invalid',
    scope: 'site',
    category: 'crawlability',
    severity: 'medium',
    title: 'Sitemap file unreachable or invalid',
    why: 'A sitemap that errors, cannot be parsed or exceeds the protocol limits (50,000 URLs / 50 MB uncompressed) is ignored in whole or in part.',
    fix: 'Make each declared sitemap return 200 with valid sitemap XML, and split large sitemaps behind a sitemap index.',
    run: (graph) =>
      (graph.sitemaps ?? [])
        .filter((s) => s.source !== 'guess' || (s.status >= 200 && s.status < 300))
        .flatMap((s): Issue[] => {
          const problems: string[] = [];
          if (s.status === 0) problems.push(`could not be fetched${s.error ? ` (${s.error})` : ''}`);
          else if (s.status < 200 || s.status >= 300) problems.push(`returns ${s.status}`);
          else if (s.error) problems.push(`could not be parsed: ${s.error}`);
          if (s.urlCount !== undefined && s.urlCount > SITE_THRESHOLDS.maxSitemapUrls)
            problems.push(`lists ${s.urlCount.toLocaleString('en-US')} URLs (max ${SITE_THRESHOLDS.maxSitemapUrls.toLocaleString('en-US')})`);
          if (s.bytes !== undefined && s.bytes > SITE_THRESHOLDS.maxSitemapBytes)
            problems.push(`is ${(s.bytes / 1024 / 1024).toFixed(1)} MB uncompressed (max 50 MB)`);
          if (problems.length === 0) return [];
          const where = s.source === 'robots' ? 'declared in robots.txt' : s.source === 'index' ? 'listed in a sitemap index' : 'found';
          return [{ url: s.url, message: `Sitemap ${where} ${problems.join('; ')}`, details: { status: s.status, problems } }];
        }),
  },
  {
    id: 'sitemap-lastmod-missing',
    scope: 'site',
    category: 'crawlability',
    severity: 'low',
    title: 'Sitemap has no usable <lastmod> dates',
    why: 'Google and Bing use <lastmod> to decide which listed pages to recrawl first, but only when it is present and consistently accurate; without it, or with one timestamp stamped on every URL, updated pages wait for the next routine crawl.',
    fix: 'Have the sitemap generator write each page’s real last significant change as <lastmod> (W3C Datetime, e.g. 2024-05-01 or 2024-05-01T10:00:00+00:00), not the time the sitemap was generated.',
    run: (graph) =>
      (graph.sitemaps ?? []).flatMap((s): Issue[] => {
        const stats = s.lastmod;
        if (!stats) return [];
        const total = stats.missing + stats.invalid + stats.valid;
        if (total < SITE_THRESHOLDS.sitemapLastmodMinUrls) return [];
        if (stats.missing > total / 2) {
          return [
            {
              url: s.url,
              message: stats.missing === total ? `None of the ${plural(total, 'URL')} in this sitemap has a <lastmod>` : `${stats.missing} of ${plural(total, 'URL')} in this sitemap have no <lastmod>`,
              details: { missing: stats.missing, urls: total },
            },
          ];
        }
        if (stats.allSame && stats.valid === total) {
          return [{ url: s.url, message: `All ${plural(total, 'URL')} in this sitemap share one <lastmod>: it looks like the generation time, not each page’s change date`, details: { urls: total, allSame: true } }];
        }
        return [];
      }),
  },
  {
    id: 'sitemap-lastmod-invalid',
    scope: 'site',
    category: 'crawlability',
    severity: 'low',
    title: 'Sitemap <lastmod> dates invalid or in the future',
    why: 'A <lastmod> that is not a W3C Datetime is ignored, and dates in the future show search engines that the sitemap’s dates cannot be trusted, so they stop using them for the whole sitemap.',
    fix: 'Write <lastmod> in W3C Datetime format (YYYY-MM-DD, or a full date-time with a time zone) and make sure it is the page’s real last change, never a future date.',
    run: (graph) =>
      (graph.sitemaps ?? []).flatMap((s): Issue[] => {
        const stats = s.lastmod;
        if (!stats || (stats.invalid === 0 && stats.future === 0)) return [];
        const problems = [stats.invalid > 0 && `${plural(stats.invalid, 'invalid date')}`, stats.future > 0 && `${plural(stats.future, 'date')} in the future`].filter(Boolean);
        const samples = stats.samples.map((value) => `"${value}"`).join(', ');
        return [
          {
            url: s.url,
            message: `<lastmod> has ${problems.join(' and ')}${samples ? ` (e.g. ${samples})` : ''}`,
            details: { invalid: stats.invalid, future: stats.future, samples: stats.samples },
          },
        ];
      }),
  },
  {
    id: 'sitemap-non-200-url',
    scope: 'site',
    category: 'crawlability',
    severity: 'medium',
    title: 'Sitemap lists broken URLs',
    why: 'Sitemaps should list only live pages; 4xx/5xx entries waste crawl budget and make search engines trust the sitemap less.',
    fix: 'Remove the dead URLs from the sitemap (or restore the pages) and regenerate it automatically from live content.',
    run: (graph) =>
      sitemapEntries(graph)
        .filter(({ page }) => page && !isRedirect(page) && !isOk(page) && !page.blockedByRobots)
        .map(({ url, page }) => ({
          url,
          message:
            page!.status === 0
              ? `Listed in the XML sitemap but could not be fetched (${page!.error ?? 'no response'})`
              : `Listed in the XML sitemap but returns ${page!.status}`,
          details: { status: page!.status },
        })),
  },
  {
    id: 'sitemap-redirect-url',
    scope: 'site',
    category: 'crawlability',
    severity: 'medium',
    title: 'Sitemap lists redirecting URLs',
    why: 'A sitemap should list final URLs; listed redirects waste crawl requests and send conflicting canonical signals.',
    fix: 'Replace each redirecting URL in the sitemap with the URL it redirects to.',
    run: (graph) =>
      sitemapEntries(graph)
        .filter(({ page }) => page && isRedirect(page))
        .map(({ url, page }) => {
          const r = resolveRedirects(graph, page!);
          return {
            url,
            message: `Listed in the XML sitemap but ${describeStatus(graph, page!)}`,
            details: { finalUrl: r.finalUrl, finalStatus: r.finalStatus },
          };
        }),
  },
  {
    id: 'sitemap-noindex-url',
    scope: 'site',
    category: 'crawlability',
    severity: 'medium',
    title: 'Sitemap lists noindex pages',
    why: 'Listing a page in the sitemap asks for it to be indexed while its noindex says the opposite; search engines have to guess which signal you mean.',
    fix: 'Remove noindex pages from the sitemap, or remove the noindex if the page should be indexed.',
    run: (graph) =>
      sitemapEntries(graph)
        .filter(({ page }) => page && isOk(page) && page.noindex)
        .map(({ url }) => ({ url, message: 'Listed in the XML sitemap but marked noindex' })),
  },
  {
    id: 'sitemap-blocked-url',
    scope: 'site',
    category: 'crawlability',
    severity: 'medium',
    title: 'Sitemap lists URLs blocked by robots.txt',
    why: 'The sitemap invites crawlers to a URL that robots.txt forbids them to fetch, so the page cannot be crawled and may be indexed without content.',
    fix: 'Remove the blocked URLs from the sitemap, or allow them in robots.txt if they should be indexed.',
    run: (graph) =>
      sitemapEntries(graph)
        .filter(({ url }) => isBlockedUrl(graph, url))
        .map(({ url }) => ({ url, message: 'Listed in the XML sitemap but disallowed by robots.txt' })),
  },
  {
    id: 'sitemap-non-canonical-url',
    scope: 'site',
    category: 'crawlability',
    severity: 'medium',
    title: 'Sitemap lists non-canonical URLs',
    why: 'A sitemap should contain only canonical URLs; listing a page that canonicalises elsewhere sends contradictory signals about which URL to index.',
    fix: 'List the canonical URL in the sitemap instead of the variant.',
    run: (graph) =>
      sitemapEntries(graph).flatMap(({ url, page }): Issue[] => {
        const canonical = page && isOk(page) && !page.noindex ? canonicalElsewhere(page) : null;
        if (!canonical) return [];
        return [{ url, message: `Listed in the XML sitemap but canonicalised to ${displayUrl(graph, canonical)}`, details: { canonical } }];
      }),
  },
  {
    id: 'indexable-page-not-in-sitemap',
    scope: 'site',
    category: 'crawlability',
    severity: 'low',
    title: 'Indexable pages missing from the sitemap',
    why: 'A sitemap that omits indexable pages gives search engines an incomplete picture; the missing pages depend on links alone to be found and refreshed.',
    fix: 'Generate the sitemap from all indexable URLs (or confirm the omitted pages should really be indexed).',
    run: (graph) => {
      const listed = sitemapUrlSet(graph);
      if (listed.size === 0) return [];
      return [...graph.pages.values()]
        .filter((page) => isIndexable(page) && !listed.has(normalizeUrl(page.url)))
        .map((page) => ({ url: page.url, message: `Indexable page is not listed in the XML sitemap (${listed.size} URLs listed)` }));
    },
  },
  {
    id: 'sitemap-off-site-url',
    scope: 'site',
    category: 'crawlability',
    severity: 'medium',
    title: 'Sitemap lists URLs on another domain',
    why: 'A sitemap may only list URLs on its own host (sitemaps.org); search engines ignore the foreign entries, and they usually mean a sitemap copied from staging or another site.',
    fix: 'List only this site’s own URLs; give every other host its own sitemap, declared in that host’s robots.txt.',
    run: (graph) => {
      // The start URL may redirect to another domain: the host the crawl landed on is the site too.
      const landing = tryParseUrl(siteLevelUrl(graph));
      const onLandingHost = (url: URL) => landing !== null && bareHost(url.hostname) === bareHost(landing.hostname);
      const foreign = [...sitemapUrlSet(graph)].filter((url) => {
        const parsed = tryParseUrl(url);
        return parsed !== null && !isSiteHost(graph, url) && !onLandingHost(parsed);
      });
      if (foreign.length === 0) return [];
      const hosts = [...new Set(foreign.map((url) => tryParseUrl(url)!.hostname))];
      return [
        {
          url: siteLevelUrl(graph),
          message: `The XML sitemap lists ${plural(foreign.length, 'URL')} on ${plural(hosts.length, 'other host')} (${hosts.slice(0, SITE_THRESHOLDS.maxUrlsInMessage).join(', ')}): ${listUrls(graph, foreign)}`,
          details: { urls: capList(foreign), count: foreign.length, hosts: capList(hosts) },
        },
      ];
    },
  },
] satisfies SiteCheck[];
