// HTTP failures that only the site graph records: a URL whose fetch never produced a response has
// no PageFacts, so no page check can report it. And the HTTP version the site's server speaks,
// which one TLS handshake after the crawl asks (SiteGraph.alpn).

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
  {
    id: 'http2-missing',
    scope: 'site',
    category: 'performance',
    severity: 'info',
    title: 'Server speaks HTTP/1.1 only (no HTTP/2)',
    why: 'Over HTTP/1.1 a browser opens several connections and loads a page’s many files a few at a time; HTTP/2 (and HTTP/3) sends them all over one connection at once, which makes pages with many images, stylesheets and scripts load faster (CHECKS.md row 141: SQ http2; Lighthouse uses-http2). Checked with one TLS handshake offering h2 and http/1.1 (ALPN) to the https origin the crawl landed on; an http-only site is not reported here.',
    fix: 'Turn on HTTP/2 in the web server, load balancer or CDN (nginx: "listen 443 ssl; http2 on;", Apache: "Protocols h2 http/1.1"); most CDNs offer it (and HTTP/3) by default.',
    run: (graph) => {
      const alpn = graph.alpn;
      if (!alpn || alpn.error !== undefined || alpn.protocol === undefined || alpn.protocol === 'h2') return [];
      const answer = alpn.protocol === null ? 'negotiated no protocol through ALPN, so browsers speak HTTP/1.1' : `chose ${alpn.protocol} when offered h2 and http/1.1`;
      return [{ url: alpn.url, message: `The server ${answer}: no HTTP/2`, details: { protocol: alpn.protocol } }];
    },
  },
] satisfies SiteCheck[];
