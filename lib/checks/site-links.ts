// Internal link graph checks: where links go (errors, redirects, blocked URLs) and how well each
// page is linked (orphans, weak pages, dead ends, depth, anchors, nofollow, protocol).

import { SITE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, SiteCheck, SiteGraph, SiteLink, SitePage } from '@/lib/checks/types';
import {
  capList,
  describeSources,
  describeStatus,
  displayUrl,
  distinctSources,
  findPage,
  groupBy,
  hasRel,
  inlinksByLandingPage,
  internalLinksByTarget,
  internalOutlinks,
  isBlockedUrl,
  isError,
  isHtml,
  isInSitemap,
  isIndexable,
  isOk,
  isRedirect,
  isSiteHost,
  isStartPage,
  landingPage,
  listUrls,
  normalizeUrl,
  plural,
  resolveLinkTarget,
  resolveRedirects,
  sameUrl,
  tryParseUrl,
} from '@/lib/checks/site-graph-query';

/** Whether a crawled URL ends in an error: 4xx/5xx/failed itself, or via its redirects (incl. loops). */
function endsInError(graph: SiteGraph, page: SitePage): boolean {
  if (!isRedirect(page)) return isError(page);
  const resolution = resolveRedirects(graph, page);
  if (resolution.loop || resolution.tooMany) return true;
  const status = resolution.finalStatus;
  return status !== null && (status === 0 || status >= 400);
}

function sourceDetails(links: readonly SiteLink[]): { from: string; text: string }[] {
  return capList(links).map((link) => ({ from: link.from, text: link.text }));
}

/** Runs `describe` for every crawled link target that matches `matches`. */
function findLinkTargets(
  graph: SiteGraph,
  matches: (page: SitePage) => boolean,
  describe: (page: SitePage, links: SiteLink[]) => Issue,
): Issue[] {
  const issues: Issue[] = [];
  for (const links of internalLinksByTarget(graph).values()) {
    const page = findPage(graph, links[0]!.to);
    if (page && matches(page)) issues.push(describe(page, links));
  }
  return issues;
}

/** Distinct pages linking to an indexable page (after redirects), excluding itself. */
function inlinkSources(graph: SiteGraph, page: SitePage): string[] {
  return distinctSources(inlinksByLandingPage(graph).get(normalizeUrl(page.url)) ?? []);
}

export const siteLinkChecks = [
  {
    id: 'broken-internal-link',
    scope: 'site',
    category: 'links',
    severity: 'critical',
    title: 'Internal links to broken URLs',
    why: 'Links to pages that return 4xx/5xx (or never load) send visitors to dead ends and waste crawl budget; the link equity they carry is lost.',
    fix: 'Update each linking page to point at a live URL, or restore the missing page / 301-redirect it to its replacement.',
    run: (graph) =>
      findLinkTargets(
        graph,
        (page) => endsInError(graph, page),
        (page, links) => {
          const sources = distinctSources(links);
          return {
            url: page.url,
            message: `Broken URL (${describeStatus(graph, page)}) is linked from ${plural(sources.length, 'page')}: ${describeSources(graph, links)}`,
            details: { status: page.status, sources: sourceDetails(links), linkCount: links.length },
          };
        },
      ),
  },
  {
    id: 'internal-link-to-redirect',
    scope: 'site',
    category: 'links',
    severity: 'low',
    title: 'Internal links to redirecting URLs',
    why: 'Every internal link to a redirect costs an extra request for users and crawlers and passes signals less reliably than a direct link.',
    fix: 'Change the links to point straight at the final URL.',
    run: (graph) =>
      findLinkTargets(
        graph,
        (page) => isRedirect(page) && !endsInError(graph, page),
        (page, links) => {
          const resolution = resolveRedirects(graph, page);
          const sources = distinctSources(links);
          return {
            url: page.url,
            message: `Redirects to ${displayUrl(graph, resolution.finalUrl)} but is linked from ${plural(sources.length, 'page')}: ${describeSources(graph, links)}`,
            details: { redirectTo: resolution.finalUrl, hops: resolution.hops, sources: sourceDetails(links), linkCount: links.length },
          };
        },
      ),
  },
  {
    id: 'internal-link-to-robots-blocked',
    scope: 'site',
    category: 'links',
    severity: 'low',
    title: 'Internal links to URLs blocked by robots.txt',
    why: 'Crawlers cannot fetch the target, so the link passes no useful signal; Google may still index the blocked URL without its content, showing a bare URL in results.',
    fix: 'Remove or nofollow links to URLs you keep blocked, or allow the URL in robots.txt if it should be crawled.',
    run: (graph) => {
      const issues: Issue[] = [];
      for (const links of internalLinksByTarget(graph).values()) {
        const target = links[0]!.to;
        if (!isBlockedUrl(graph, target)) continue;
        const sources = distinctSources(links);
        issues.push({
          url: findPage(graph, target)?.url ?? target,
          message: `Blocked by robots.txt but linked from ${plural(sources.length, 'page')}: ${describeSources(graph, links)}`,
          details: { sources: sourceDetails(links), linkCount: links.length },
        });
      }
      return issues;
    },
  },
  {
    id: 'internal-nofollow-to-indexable',
    scope: 'site',
    category: 'links',
    severity: 'low',
    title: 'Indexable pages receiving nofollow internal links',
    why: 'rel="nofollow" on a link to your own indexable page tells search engines not to pass signals to it, weakening a page you want ranked; when other pages link to it normally, the mixed signals usually come from one template adding the rel by mistake.',
    fix: 'Remove rel="nofollow" from internal links to pages you want indexed; use noindex on the target instead if it should not rank.',
    run: (graph) => {
      const internal = graph.links.filter((link) => link.internal);
      const nofollowed = internal.filter((link) => hasRel(link, 'nofollow'));
      if (nofollowed.length === 0) return [];
      // Mixed signals (followed from some pages, nofollow from others) usually mean one template adds the rel.
      const followedSources = new Map<string, Set<string>>();
      for (const link of internal) {
        if (hasRel(link, 'nofollow')) continue;
        const key = normalizeUrl(link.to);
        let set = followedSources.get(key);
        if (!set) followedSources.set(key, (set = new Set()));
        set.add(link.from);
      }
      const issues: Issue[] = [];
      for (const [key, links] of groupBy(nofollowed, (link) => normalizeUrl(link.to))) {
        const target = resolveLinkTarget(graph, links[0]!.to);
        if (!target || !isIndexable(target)) continue;
        const sources = distinctSources(links);
        const followedFrom = followedSources.get(key)?.size ?? 0;
        issues.push({
          url: target.url,
          message: `Indexable page receives rel="nofollow" internal links from ${plural(sources.length, 'page')}: ${describeSources(graph, links)}${followedFrom > 0 ? `; ${plural(followedFrom, 'page')} ${followedFrom === 1 ? 'links' : 'link'} to it without nofollow` : ''}`,
          details: { sources: sourceDetails(links), linkCount: links.length, followedFrom },
        });
      }
      return issues;
    },
  },
  {
    id: 'orphan-page',
    scope: 'site',
    category: 'links',
    severity: 'medium',
    title: 'Orphan pages (no internal links)',
    why: 'A page no other page links to is hard for crawlers to discover, gets no internal link equity and is usually invisible to visitors.',
    fix: 'Link to the page from relevant pages (navigation, hubs, related content), or remove it and its sitemap entry if it is no longer needed.',
    run: (graph) =>
      [...graph.pages.values()]
        .filter((page) => isIndexable(page) && !isStartPage(graph, page) && inlinkSources(graph, page).length === 0)
        .map((page) => ({
          url: page.url,
          message: isInSitemap(graph, page)
            ? 'No crawled page links here; it was found only through the XML sitemap'
            : 'No crawled page links here',
          details: { inSitemap: isInSitemap(graph, page), depth: page.depth },
        })),
  },
  {
    id: 'weakly-linked-page',
    scope: 'site',
    category: 'links',
    severity: 'low',
    title: 'Pages with a single internal inlink',
    why: 'Internal links are how search engines judge a page’s importance within a site; a page reached from only one other page gets little equity and is one broken link away from being orphaned.',
    fix: 'Add contextual links from related pages, hubs or navigation to pages that matter.',
    run: (graph) =>
      [...graph.pages.values()].flatMap((page) => {
        if (!isIndexable(page) || isStartPage(graph, page)) return [];
        const sources = inlinkSources(graph, page);
        if (sources.length === 0 || sources.length > SITE_THRESHOLDS.weakInlinkSources) return [];
        return [
          {
            url: page.url,
            message: `Only linked from ${plural(sources.length, 'page')}: ${listUrls(graph, sources)}`,
            details: { sources },
          },
        ];
      }),
  },
  {
    id: 'no-internal-outlinks',
    scope: 'site',
    category: 'links',
    severity: 'low',
    title: 'Dead-end pages (no internal links out)',
    why: 'A page without links to the rest of the site stops crawlers and visitors; internal link equity that reaches it goes nowhere.',
    fix: 'Add navigation and contextual links to related pages.',
    run: (graph) =>
      [...graph.pages.values()]
        .filter(
          (page) =>
            isOk(page) &&
            isHtml(page) &&
            internalOutlinks(graph, page.url).every((link) => sameUrl(link.to, page.url)),
        )
        .map((page) => ({ url: page.url, message: 'Page has no links to other pages on this site' })),
  },
  {
    id: 'internal-link-empty-anchor',
    scope: 'site',
    category: 'links',
    severity: 'low',
    title: 'Internal links with empty anchor text',
    why: 'Anchor text tells search engines and screen-reader users what the target is about; links with no text (e.g. images without alt) waste that signal for the target page.',
    fix: 'Give every link visible text, or alt text on a linked image, that describes the target page.',
    run: (graph) => {
      const issues: Issue[] = [];
      for (const links of internalLinksByTarget(graph).values()) {
        const empty = links.filter((link) => link.text.trim() === '');
        if (empty.length === 0) continue;
        const target = links[0]!.to;
        const sources = distinctSources(empty);
        issues.push({
          url: findPage(graph, target)?.url ?? target,
          message: `${empty.length} of ${plural(links.length, 'internal link')} to this URL have no anchor text, from ${plural(sources.length, 'page')}: ${listUrls(graph, sources)}`,
          details: { sources: capList(sources), emptyLinks: empty.length, totalLinks: links.length },
        });
      }
      return issues;
    },
  },
  {
    id: 'deep-page',
    scope: 'site',
    category: 'links',
    severity: 'low',
    title: 'Pages too many clicks from the start page',
    why: `Pages buried deep in the click path are crawled less often and treated as less important; keep important pages within ${SITE_THRESHOLDS.maxClickDepth} clicks.`,
    fix: 'Link to deep pages from higher-level pages (hubs, categories, navigation) or flatten pagination.',
    run: (graph) =>
      [...graph.pages.values()]
        .filter((page) => isIndexable(page) && page.depth !== null && page.depth > SITE_THRESHOLDS.maxClickDepth)
        .map((page) => ({
          url: page.url,
          message: `Page is ${plural(page.depth!, 'click')} from the start page (max ${SITE_THRESHOLDS.maxClickDepth})`,
          details: { depth: page.depth, max: SITE_THRESHOLDS.maxClickDepth },
        })),
  },
  {
    id: 'internal-links-mixed-protocol',
    scope: 'site',
    category: 'links',
    severity: 'medium',
    title: 'Internal links to http:// on an https site',
    why: 'Linking to the http:// version of your own pages forces a redirect (or serves an insecure duplicate) and mixes two URL versions in the link graph.',
    fix: 'Change internal links to the https:// URLs (relative or protocol-correct absolute links).',
    run: (graph) => {
      const site = tryParseUrl(landingPage(graph)?.url ?? graph.startUrl);
      if (site?.protocol !== 'https:') return [];
      const insecure = graph.links.filter((link) => tryParseUrl(link.to)?.protocol === 'http:' && isSiteHost(graph, link.to));
      return [...groupBy(insecure, (link) => normalizeUrl(link.from)).values()].map((links) => {
        const targets = [...new Set(links.map((link) => link.to))];
        return {
          url: links[0]!.from,
          message: `Links to ${plural(targets.length, 'http:// URL')} on this site: ${targets.slice(0, SITE_THRESHOLDS.maxUrlsInMessage).join(', ')}${targets.length > SITE_THRESHOLDS.maxUrlsInMessage ? ` and ${targets.length - SITE_THRESHOLDS.maxUrlsInMessage} more` : ''}`,
          details: { targets: capList(targets) },
        };
      });
    },
  },
] satisfies SiteCheck[];
