// Redirect checks that need more than one URL: chains, loops and redirects into errors.
// They accept both ways a crawler may record redirects: every hop as its own page
// (A→B, B→C) or only the final destination with redirectHops (A→C, hops 2).

import { SITE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { SiteCheck, SiteGraph, SitePage } from '@/lib/checks/types';
import { displayUrl, isRedirect, resolveRedirects, type RedirectResolution } from '@/lib/checks/site-graph-query';

function redirects(graph: SiteGraph): { page: SitePage; resolution: RedirectResolution }[] {
  return [...graph.pages.values()]
    .filter(isRedirect)
    .map((page) => ({ page, resolution: resolveRedirects(graph, page) }));
}

function describePath(graph: SiteGraph, resolution: RedirectResolution): string {
  const shown = resolution.path.map((url) => displayUrl(graph, url));
  // When the crawler stored only the final target, the intermediate hops are unknown.
  if (resolution.hops > shown.length - 1 && shown.length >= 2) shown.splice(shown.length - 1, 0, '…');
  return shown.join(' → ');
}

export const siteRedirectChecks = [
  {
    id: 'internal-redirect-chain',
    scope: 'site',
    category: 'http',
    severity: 'medium',
    title: 'Redirect chains',
    why: 'Each extra hop adds latency for users and crawlers; Google follows only a limited number of hops (10) and signals may be lost along the way.',
    fix: 'Redirect the first URL straight to the final destination and update links to point at it.',
    run: (graph) =>
      redirects(graph)
        .filter(({ resolution: r }) => !r.loop && (r.tooMany || r.hops > SITE_THRESHOLDS.maxRedirectHops))
        .map(({ page, resolution: r }) => ({
          url: page.url,
          message: r.tooMany
            ? `Redirects stopped at the crawler's hop limit after ${r.hops} hops: ${describePath(graph, r)}`
            : `Redirect chain of ${r.hops} hops: ${describePath(graph, r)}`,
          details: { hops: r.hops, path: r.path, finalUrl: r.finalUrl },
        })),
  },
  {
    id: 'internal-redirect-loop',
    scope: 'site',
    category: 'http',
    severity: 'critical',
    title: 'Redirect loops',
    why: 'A URL that redirects back to itself never loads: browsers show an error and search engines drop the URL.',
    fix: 'Fix the redirect rules so the URL ends at a page that returns 200.',
    run: (graph) =>
      redirects(graph)
        .filter(({ resolution }) => resolution.loop)
        .map(({ page, resolution: r }) => ({
          url: page.url,
          message: r.path.length > 1 ? `Redirect loop: ${describePath(graph, r)}` : 'Redirects loop back to an earlier URL',
          details: { path: r.path },
        })),
  },
  {
    id: 'internal-redirect-to-error',
    scope: 'site',
    category: 'http',
    severity: 'high',
    title: 'Redirects ending in an error',
    why: 'A redirect whose destination returns 4xx/5xx (or fails) behaves like a broken page, and any links or rankings the old URL had are lost.',
    fix: 'Point the redirect at a live, relevant page, or restore the destination.',
    run: (graph) =>
      redirects(graph)
        .filter(({ resolution: r }) => !r.loop && !r.tooMany && r.finalStatus !== null && (r.finalStatus === 0 || r.finalStatus >= 400))
        .map(({ page, resolution: r }) => ({
          url: page.url,
          message: `Redirects to ${displayUrl(graph, r.finalUrl)}, which ${r.finalStatus === 0 ? 'failed to load' : `returns ${r.finalStatus}`}`,
          details: { finalUrl: r.finalUrl, finalStatus: r.finalStatus, path: r.path },
        })),
  },
] satisfies SiteCheck[];
