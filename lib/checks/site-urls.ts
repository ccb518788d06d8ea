// Duplicate URL variants: the same page served under several URLs (trailing slash, letter case,
// query parameters, www/non-www, http/https). A variant only counts when it is itself an indexable
// 200 page — a variant that redirects or canonicalises to the other is the fix, not the problem.

import type { Issue, SiteCheck, SiteGraph, SitePage } from '@/lib/checks/types';
import {
  bareHost,
  capList,
  groupBy,
  isIndexable,
  isOk,
  isSiteHost,
  landingPage,
  listUrls,
  tryParseUrl,
} from '@/lib/checks/site-graph-query';

/** One finding per indexable page in each group of ≥2 indexable pages sharing a variant key. */
function findVariants(
  graph: SiteGraph,
  keyOf: (url: URL) => string | null,
  describe: (pages: SitePage[]) => string,
): Issue[] {
  const indexable = [...graph.pages.values()].filter(isIndexable);
  const groups = groupBy(indexable, (page) => {
    const parsed = tryParseUrl(page.url);
    return parsed ? keyOf(parsed) : null;
  });
  const issues: Issue[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const message = describe(group);
    const details = { variants: capList(group.map((page) => page.url)) };
    for (const page of group) issues.push({ url: page.url, message, details });
  }
  return issues;
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

type Served = { url: string; host: string; protocol: string };

/** Site URLs known to answer 2xx without redirecting: probed host variants plus crawled pages. */
function servedUrls(graph: SiteGraph): Served[] {
  const candidates = [
    ...(graph.hostVariants ?? [])
      .filter((v) => v.status >= 200 && v.status < 300 && !v.redirectTo && !v.error)
      .map((v) => v.url),
    ...[...graph.pages.values()].filter(isOk).map((page) => page.url),
  ];
  const seen = new Set<string>();
  return candidates.flatMap((url) => {
    const parsed = tryParseUrl(url);
    if (!parsed || !isSiteHost(graph, url) || seen.has(parsed.href)) return [];
    seen.add(parsed.href);
    return [{ url: parsed.href, host: parsed.hostname, protocol: parsed.protocol }];
  });
}

export const siteUrlChecks = [
  {
    id: 'url-variant-trailing-slash',
    scope: 'site',
    category: 'urls',
    severity: 'medium',
    title: 'Same page with and without trailing slash',
    why: 'When /page and /page/ both return 200 as indexable pages, search engines see two URLs with the same content and split links and signals between them.',
    fix: 'Pick one convention, 301-redirect the other form to it, and link only to the chosen form.',
    run: (graph) =>
      findVariants(
        graph,
        (url) => `${url.origin}${stripTrailingSlash(url.pathname)}${url.search}`,
        (pages) => `Served both with and without a trailing slash as indexable pages: ${listUrls(graph, pages.map((p) => p.url))}`,
      ),
  },
  {
    id: 'url-variant-case',
    scope: 'site',
    category: 'urls',
    severity: 'medium',
    title: 'Same page under differently-cased URLs',
    why: 'URL paths are case-sensitive: /About and /about are different URLs to search engines, so serving both creates duplicates.',
    fix: 'Use lower-case URLs, 301-redirect other casings to them, and fix links that use the wrong case.',
    run: (graph) =>
      findVariants(
        graph,
        (url) => `${url.origin}${url.pathname.toLowerCase()}${url.search}`,
        (pages) => `URLs differing only in letter case are both indexable: ${listUrls(graph, pages.map((p) => p.url))}`,
      ),
  },
  {
    id: 'url-variant-parameters',
    scope: 'site',
    category: 'urls',
    severity: 'medium',
    title: 'Query-parameter URLs duplicating a page',
    why: 'Tracking, sorting or session parameters that do not change the content create endless duplicate URLs, wasting crawl budget and splitting signals.',
    fix: 'Add rel="canonical" to the parameter-free URL on parameter variants, avoid linking to them internally, and drop needless parameters.',
    run: (graph) => {
      const issues: Issue[] = [];
      const indexable = [...graph.pages.values()].filter((page) => isIndexable(page) && page.textHash && page.wordCount > 0);
      // Same path and same text; pages whose parameters change the content (pagination, filters) are left alone.
      const groups = groupBy(indexable, (page) => {
        const parsed = tryParseUrl(page.url);
        return parsed ? `${parsed.origin}${parsed.pathname}\u0000${page.textHash}` : null;
      });
      for (const group of groups.values()) {
        if (group.length < 2) continue;
        for (const page of group) {
          if (!tryParseUrl(page.url)?.search) continue;
          const others = group.filter((other) => other !== page).map((other) => other.url);
          issues.push({
            url: page.url,
            message: `Parameter URL shows the same content as ${listUrls(graph, others)}`,
            details: { duplicates: capList(others) },
          });
        }
      }
      return issues;
    },
  },
  {
    id: 'www-and-non-www-served',
    scope: 'site',
    category: 'urls',
    severity: 'high',
    title: 'Site answers on both www and non-www',
    why: 'If both example.com and www.example.com serve pages instead of one redirecting to the other, every page exists twice and links are split between the two hosts.',
    fix: 'Choose one host and 301-redirect every URL on the other host to the same path on the chosen one.',
    run: (graph): Issue[] => {
      const served = servedUrls(graph);
      const primaryHost = tryParseUrl(landingPage(graph)?.url ?? graph.startUrl)?.hostname ?? '';
      const hosts = new Set(served.map((s) => s.host));
      if (hosts.size < 2) return [];
      const others = served.filter((s) => s.host !== primaryHost);
      if (others.length === 0) return [];
      const otherHost = others[0]!.host;
      return [
        {
          url: others[0]!.url,
          message: `Both ${primaryHost} and ${otherHost} return 200 instead of redirecting to one host: ${listUrls(graph, others.map((s) => s.url))}`,
          details: { primaryHost, otherHost, urls: capList(others.map((s) => s.url)), bareHost: bareHost(primaryHost) },
        },
      ];
    },
  },
  {
    id: 'http-not-redirected-to-https',
    scope: 'site',
    category: 'security',
    severity: 'high',
    title: 'http:// URLs not redirected to https://',
    why: 'When the http:// version still serves pages, visitors can land on an insecure copy and search engines see two versions of every URL.',
    fix: 'Redirect every http:// URL with a 301 to its https:// equivalent and add an HSTS header.',
    run: (graph): Issue[] => {
      const served = servedUrls(graph);
      const https = served.some((s) => s.protocol === 'https:');
      const insecure = served.filter((s) => s.protocol === 'http:');
      if (!https || insecure.length === 0) return [];
      const urls = insecure.map((s) => s.url);
      return [
        {
          url: urls[0]!,
          message: `${urls.length === 1 ? 'This http:// URL returns' : `${urls.length} http:// URLs return`} 200 instead of redirecting to https://: ${listUrls(graph, urls)}`,
          details: { urls: capList(urls), count: urls.length },
        },
      ];
    },
  },
] satisfies SiteCheck[];
