// Canonical checks that need the target page: where rel="canonical" points and whether that
// target can actually be the canonical (200, indexable, self-canonical), plus form drift.
// Malformed/relative/multiple canonicals are page-scope checks.

import type { Issue, SiteCheck, SiteGraph, SitePage } from '@/lib/checks/types';
import {
  bareHost,
  canonicalElsewhere,
  describeStatus,
  displayUrl,
  findPage,
  isBlockedUrl,
  isError,
  isHtml,
  isOk,
  isRedirect,
  isSiteHost,
  landingPage,
  resolveRedirects,
  tryParseUrl,
} from '@/lib/checks/site-graph-query';

type CanonicalLink = { page: SitePage; canonical: string; target: SitePage | undefined };

/** OK HTML pages whose canonical points to another URL, with the crawled target if any. */
function canonicalLinks(graph: SiteGraph): CanonicalLink[] {
  return [...graph.pages.values()].flatMap((page) => {
    if (!isOk(page) || !isHtml(page)) return [];
    const canonical = canonicalElsewhere(page);
    return canonical ? [{ page, canonical, target: findPage(graph, canonical) }] : [];
  });
}

function targetEndsInError(graph: SiteGraph, target: SitePage): boolean {
  if (!isRedirect(target)) return isError(target);
  const r = resolveRedirects(graph, target);
  return r.loop || r.tooMany || (r.finalStatus !== null && (r.finalStatus === 0 || r.finalStatus >= 400));
}

type Form = { protocol: string; www: boolean; slash: boolean | null };

function formOf(url: string): Form | null {
  const parsed = tryParseUrl(url);
  if (!parsed) return null;
  const path = parsed.pathname;
  // Root and file-like paths (/a.html) say nothing about the trailing-slash convention.
  const slash = path === '/' || /\.[a-z0-9]{1,5}$/i.test(path) ? null : path.endsWith('/');
  return { protocol: parsed.protocol, www: parsed.hostname.startsWith('www.'), slash };
}

/** The most common value; on a tie, the preferred value if it is among the leaders, else undefined. */
function majority<T>(values: readonly T[], preferred?: T): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const max = Math.max(0, ...counts.values());
  const leaders = [...counts].filter(([, count]) => count === max).map(([value]) => value);
  if (leaders.length === 1) return leaders[0];
  return preferred !== undefined && leaders.includes(preferred) ? preferred : undefined;
}

export const siteCanonicalChecks = [
  {
    id: 'canonical-to-error',
    scope: 'site',
    category: 'canonical',
    severity: 'high',
    title: 'Canonical points to a broken URL',
    why: 'A canonical that points to a 4xx/5xx URL names a page that cannot be indexed, so search engines ignore the hint and may pick an unintended URL — or drop both.',
    fix: 'Point rel="canonical" at the live, preferred URL (usually the page itself).',
    run: (graph) =>
      canonicalLinks(graph)
        .filter(({ target }) => target && targetEndsInError(graph, target))
        .map(({ page, canonical, target }) => ({
          url: page.url,
          message: `Canonical ${displayUrl(graph, canonical)} is broken (${describeStatus(graph, target!)})`,
          details: { canonical, status: target!.status },
        })),
  },
  {
    id: 'canonical-to-redirect',
    scope: 'site',
    category: 'canonical',
    severity: 'medium',
    title: 'Canonical points to a redirect',
    why: 'A canonical should name the final URL; pointing at a redirect sends mixed signals and search engines may ignore it.',
    fix: 'Update rel="canonical" to the URL the redirect ends at.',
    run: (graph) =>
      canonicalLinks(graph)
        .filter(({ target }) => target && isRedirect(target) && !targetEndsInError(graph, target))
        .map(({ page, canonical, target }) => {
          const finalUrl = resolveRedirects(graph, target!).finalUrl;
          return {
            url: page.url,
            message: `Canonical ${displayUrl(graph, canonical)} redirects to ${displayUrl(graph, finalUrl)}`,
            details: { canonical, finalUrl },
          };
        }),
  },
  {
    id: 'canonical-to-non-indexable',
    scope: 'site',
    category: 'canonical',
    severity: 'high',
    title: 'Canonical points to a noindex or blocked URL',
    why: 'Canonicalising to a page that is noindex or blocked by robots.txt asks search engines to index a URL they are told not to index or cannot read; they will likely ignore the canonical.',
    fix: 'Point the canonical at an indexable URL, or remove noindex / the robots.txt block from the target.',
    run: (graph) =>
      canonicalLinks(graph).flatMap(({ page, canonical, target }): Issue[] => {
        if (isBlockedUrl(graph, canonical)) {
          return [{ url: page.url, message: `Canonical ${displayUrl(graph, canonical)} is blocked by robots.txt`, details: { canonical, reason: 'blocked' } }];
        }
        if (target && isOk(target) && target.noindex) {
          return [{ url: page.url, message: `Canonical ${displayUrl(graph, canonical)} is marked noindex`, details: { canonical, reason: 'noindex' } }];
        }
        return [];
      }),
  },
  {
    id: 'canonical-chain',
    scope: 'site',
    category: 'canonical',
    severity: 'medium',
    title: 'Canonical points to a page that is not canonical itself',
    why: 'When the canonical target names yet another URL as canonical, search engines must follow a chain and may stop or choose differently from what you intended.',
    fix: 'Point every page’s canonical directly at the final canonical URL.',
    run: (graph) =>
      canonicalLinks(graph).flatMap(({ page, canonical, target }): Issue[] => {
        if (!target || !isOk(target)) return [];
        const next = canonicalElsewhere(target);
        if (!next) return [];
        return [
          {
            url: page.url,
            message: `Canonical chain: ${displayUrl(graph, page.url)} → ${displayUrl(graph, canonical)} → ${displayUrl(graph, next)}`,
            details: { canonical, targetCanonical: next },
          },
        ];
      }),
  },
  {
    id: 'canonical-target-not-crawled',
    scope: 'site',
    category: 'canonical',
    severity: 'low',
    title: 'Canonical target was not found on the site',
    why: 'The canonical names a URL on this site that the crawl never reached through links or the sitemap, so it is likely unlinked, mistyped or outdated.',
    fix: 'Check the canonical URL is correct and that the canonical page is linked internally.',
    run: (graph) =>
      canonicalLinks(graph)
        .filter(({ canonical, target }) => !target && isSiteHost(graph, canonical) && !isBlockedUrl(graph, canonical))
        .map(({ page, canonical }) => ({
          url: page.url,
          message: `Canonical ${displayUrl(graph, canonical)} was not found while crawling the site`,
          details: { canonical },
        })),
  },
  {
    id: 'canonical-form-drift',
    scope: 'site',
    category: 'canonical',
    severity: 'low',
    title: 'Canonical URLs use inconsistent forms',
    why: 'Canonicals that mix http/https, www/non-www or trailing-slash styles point to different URL versions of the same site, splitting signals and confusing canonicalisation.',
    fix: 'Use one URL form for every canonical (scheme, host and trailing-slash convention) that matches the URLs that actually serve content.',
    run: (graph) => {
      const withCanonical = [...graph.pages.values()].flatMap((page) => {
        const form = isOk(page) && isHtml(page) && page.canonical && isSiteHost(graph, page.canonical) ? formOf(page.canonical) : null;
        return form ? [{ page, canonical: page.canonical!, form }] : [];
      });
      const preferred = formOf(landingPage(graph)?.url ?? graph.startUrl);
      const protocol = majority(withCanonical.map((c) => c.form.protocol), preferred?.protocol);
      const www = majority(withCanonical.map((c) => c.form.www), preferred?.www);
      const slashes = withCanonical.flatMap((c) => (c.form.slash === null ? [] : [c.form.slash]));
      const slash = majority(slashes);
      const host = (w: boolean | undefined): string => {
        const start = tryParseUrl(graph.startUrl);
        const bare = start ? bareHost(start.hostname) : '';
        return w ? `www.${bare}` : bare;
      };
      return withCanonical.flatMap(({ page, canonical, form }): Issue[] => {
        const drift: string[] = [];
        if (protocol !== undefined && form.protocol !== protocol) drift.push(`uses ${form.protocol}// while most canonicals use ${protocol}//`);
        if (www !== undefined && form.www !== www) drift.push(`uses host ${host(form.www)} while most canonicals use ${host(www)}`);
        if (slash !== undefined && form.slash !== null && form.slash !== slash)
          drift.push(form.slash ? 'ends with a slash while most canonicals do not' : 'has no trailing slash while most canonicals do');
        if (drift.length === 0) return [];
        return [{ url: page.url, message: `Canonical ${canonical} ${drift.join('; ')}`, details: { canonical, drift } }];
      });
    },
  },
] satisfies SiteCheck[];
