// Test helper: builds a SiteGraph from a compact description so site-check tests stay short.
// Every default is chosen so that an unremarkable page passes every site check: unique title,
// description, H1 and text hash, 500 words, listed in the sitemap, robots.txt allowing all.

import type { HostVariant, Issue, SiteCheck, SiteGraph, SiteLink, SitemapFile, SitePage } from '@/lib/checks/types';

export type LinkSpec = { to: string; text?: string; rel?: string[]; internal?: boolean };

export type PageSpec = Partial<Omit<SitePage, 'url' | 'hreflang'>> & {
  /** Outgoing links: a path/URL (followed, with anchor text) or a full spec. */
  links?: (string | LinkSpec)[];
  /** `{ en: '/en/', de: '/de/' }` or the SitePage array form; URLs may be paths. */
  hreflang?: Record<string, string> | { lang: string; url: string }[];
};

export type GraphSpec = {
  /** Defaults to https://example.com/. */
  start?: string;
  /** Keyed by path or absolute URL. */
  pages: Record<string, PageSpec>;
  /** Sitemap URLs; defaults to every page that is 200, indexable and self-canonical. */
  sitemap?: string[];
  /** robots.txt body (served 200), a full record, or null for "not fetched". Defaults to allow-all + Sitemap line. */
  robots?: string | { status: number; body?: string | null; contentType?: string } | null;
  /** URLs skipped because robots.txt disallows them. */
  blocked?: string[];
  /** Sitemap files; defaults to /sitemap.xml (from robots.txt) when the sitemap is non-empty. */
  sitemaps?: (Omit<SitemapFile, 'source'> & { source?: SitemapFile['source'] })[];
  hostVariants?: HostVariant[];
};

export const FIXTURE_START = 'https://example.com/';

export function buildSiteGraph(spec: GraphSpec): SiteGraph {
  const start = spec.start ?? FIXTURE_START;
  const origin = new URL(start).origin;
  const abs = (url: string): string => new URL(url, start).href;

  const blocked = (spec.blocked ?? []).map(abs);
  const links: SiteLink[] = [];
  const drafts: SitePage[] = [];

  for (const [key, page] of Object.entries(spec.pages)) {
    const url = abs(key);
    const path = new URL(url).pathname + new URL(url).search;
    const redirectTo = page.redirectTo !== undefined ? abs(page.redirectTo) : undefined;
    const status = page.status ?? 200;
    const hasContent = status >= 200 && status < 300 && !redirectTo && !page.redirectError;
    const hreflang = Array.isArray(page.hreflang)
      ? page.hreflang.map((entry) => ({ lang: entry.lang, url: abs(entry.url) }))
      : Object.entries(page.hreflang ?? {}).map(([lang, target]) => ({ lang, url: abs(target) }));

    for (const link of page.links ?? []) {
      const linkSpec = typeof link === 'string' ? { to: link } : link;
      const to = abs(linkSpec.to);
      links.push({
        from: url,
        to,
        text: linkSpec.text ?? `Go to ${new URL(to).pathname}`,
        rel: linkSpec.rel ?? [],
        internal: linkSpec.internal ?? bare(new URL(to).hostname) === bare(new URL(start).hostname),
      });
    }

    drafts.push({
      url,
      status,
      error: page.error,
      depth: page.depth ?? null,
      redirectTo,
      redirectHops: page.redirectHops ?? (redirectTo ? 1 : undefined),
      redirectError: page.redirectError,
      title: page.title !== undefined ? page.title : hasContent ? `Page ${path}` : null,
      metaDescription:
        page.metaDescription !== undefined ? page.metaDescription : hasContent ? `Description of ${path}` : null,
      h1: page.h1 !== undefined ? page.h1 : hasContent ? `Heading ${path}` : null,
      textHash: page.textHash !== undefined ? page.textHash : hasContent ? `hash-${path}` : null,
      wordCount: page.wordCount ?? (hasContent ? 500 : 0),
      canonical: page.canonical ? abs(page.canonical) : (page.canonical ?? null),
      noindex: page.noindex ?? false,
      hreflang,
      inSitemap: false,
      blockedByRobots: page.blockedByRobots ?? blocked.includes(url),
      contentType: page.contentType ?? (hasContent ? 'text/html; charset=utf-8' : undefined),
      ...(page.signals ? { signals: page.signals } : {}),
      ...(page.images ? { images: page.images } : {}),
      ...(page.stylesheets ? { stylesheets: page.stylesheets } : {}),
      ...(page.scripts ? { scripts: page.scripts } : {}),
      ...(page.htmlBytes !== undefined ? { htmlBytes: page.htmlBytes } : {}),
    });
  }

  const sitemapUrls = spec.sitemap
    ? spec.sitemap.map(abs)
    : drafts
        .filter(
          (p) =>
            p.status === 200 &&
            !p.redirectTo &&
            !p.redirectError &&
            !p.noindex &&
            !p.blockedByRobots &&
            (p.canonical === null || p.canonical === p.url),
        )
        .map((p) => p.url);

  const pages = new Map<string, SitePage>();
  for (const page of drafts) pages.set(page.url, { ...page, inSitemap: sitemapUrls.includes(page.url) });
  computeDepths(start, pages, links, spec.pages, abs);

  const robotsUrl = `${origin}/robots.txt`;
  const robotsTxt =
    spec.robots === null
      ? null
      : spec.robots === undefined
        ? { url: robotsUrl, status: 200, body: `User-agent: *\nDisallow:\n\nSitemap: ${origin}/sitemap.xml\n` }
        : typeof spec.robots === 'string'
          ? { url: robotsUrl, status: 200, body: spec.robots }
          : {
              url: robotsUrl,
              status: spec.robots.status,
              body: spec.robots.body ?? null,
              ...(spec.robots.contentType !== undefined ? { contentType: spec.robots.contentType } : {}),
            };

  const sitemaps: SitemapFile[] = spec.sitemaps
    ? spec.sitemaps.map((s) => ({ ...s, url: abs(s.url), source: s.source ?? 'robots' }))
    : sitemapUrls.length > 0
      ? [{ url: `${origin}/sitemap.xml`, status: 200, source: 'robots', urlCount: sitemapUrls.length }]
      : [];

  return {
    startUrl: abs(start),
    pages,
    links,
    sitemapUrls,
    robotsTxt,
    blockedByRobots: blocked,
    sitemaps,
    ...(spec.hostVariants ? { hostVariants: spec.hostVariants.map((v) => ({ ...v, url: abs(v.url) })) } : {}),
  };
}

function bare(host: string): string {
  return host.replace(/^www\./, '');
}

/** Breadth-first click depth from the start URL, following links and redirects (explicit depths win). */
function computeDepths(
  start: string,
  pages: Map<string, SitePage>,
  links: SiteLink[],
  specs: Record<string, PageSpec>,
  abs: (url: string) => string,
): void {
  const explicit = new Set(
    Object.entries(specs)
      .filter(([, spec]) => spec.depth !== undefined)
      .map(([key]) => abs(key)),
  );
  const depth = new Map<string, number>([[start, 0]]);
  const queue = [start];
  while (queue.length > 0) {
    const url = queue.shift()!;
    const page = pages.get(url);
    const next = [
      ...links.filter((l) => l.from === url && l.internal).map((l) => l.to),
      ...(page?.redirectTo ? [page.redirectTo] : []),
    ];
    for (const to of next) {
      if (depth.has(to) || !pages.has(to)) continue;
      depth.set(to, depth.get(url)! + 1);
      queue.push(to);
    }
  }
  for (const page of pages.values()) {
    if (!explicit.has(page.url)) page.depth = depth.get(page.url) ?? null;
  }
}

/** A small healthy site: every site check passes on it (used as the base of passing graphs). */
export function healthySiteSpec(): GraphSpec {
  return {
    pages: {
      '/': { links: ['/about', '/blog', '/contact'] },
      '/about': { links: ['/', '/blog', '/contact'] },
      '/blog': { links: ['/', '/about', '/contact'] },
      '/contact': { links: ['/', '/about', '/blog'] },
    },
  };
}

/** Absolute fixture URL for a path ("/a" → "https://example.com/a"). */
export function fixtureUrl(path: string, start = FIXTURE_START): string {
  return new URL(path, start).href;
}

/** Runs one check (by id) from a list over a graph or spec; throws when the id is unknown. */
export function runSiteCheck(checks: readonly SiteCheck[], id: string, graph: SiteGraph | GraphSpec): Issue[] {
  const check = checks.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`No site check "${id}"`);
  return check.run('startUrl' in graph ? graph : buildSiteGraph(graph));
}

/** Sorted URLs a check fired on. */
export function firedUrls(checks: readonly SiteCheck[], id: string, graph: SiteGraph | GraphSpec): string[] {
  return runSiteCheck(checks, id, graph)
    .map((issue) => issue.url ?? '')
    .sort();
}

/** Sorted absolute URLs for paths, to compare with firedUrls. */
export function urlsOf(...paths: string[]): string[] {
  return paths.map((path) => fixtureUrl(path)).sort();
}

/** healthySiteSpec() with extra pages merged in (and the given overrides). */
export function healthyWith(pages: Record<string, PageSpec>, overrides: Omit<Partial<GraphSpec>, 'pages'> = {}): GraphSpec {
  const base = healthySiteSpec();
  return { ...base, ...overrides, pages: { ...base.pages, ...pages } };
}
