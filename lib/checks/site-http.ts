// HTTP failures that only the site graph records: a URL whose fetch never produced a response has
// no PageFacts, so no page check can report it.

import type { SiteCheck } from '@/lib/checks/types';
import { isSiteHost } from '@/lib/checks/site-graph-query';

export const siteHttpChecks = [
  {
    id: 'fetch-failed',
    scope: 'site',
    category: 'http',
    severity: 'critical',
    title: 'URL could not be fetched',
    why: 'A URL that times out, refuses the connection or fails DNS or TLS returns no page at all: visitors see a browser error, and if it keeps failing Google drops the URL and slows crawling of the host.',
    fix: 'Open the URL yourself and check the server, CDN and DNS for it (firewall or bot-protection rules, TLS certificate, slow application code). If it was a one-off outage, re-run the audit to confirm.',
    run: (graph) =>
      [...graph.pages.values()]
        // Robots-blocked URLs were never requested; redirect loops have their own checks.
        .filter((page) => page.status === 0 && !page.blockedByRobots && !page.redirectError && isSiteHost(graph, page.url))
        .map((page) => ({
          url: page.url,
          message: `No response: ${page.error ?? 'fetch failed'}${page.depth === null && page.inSitemap ? ' (found through the XML sitemap)' : ''}`,
          details: { error: page.error ?? null, depth: page.depth, inSitemap: page.inSitemap },
        })),
  },
] satisfies SiteCheck[];
