// Fakes for crawl unit tests: an in-memory site behind a fetchPage-compatible function and a tiny
// regex "extractor", so crawl logic is tested without sockets or the real HTML parser.
import type { LinkFact, PageFacts } from '@/lib/crawler/page-facts';
import type { CrawlDeps } from '@/lib/crawler/crawl-types';
import type { FetchPageFn } from '@/lib/crawler/follow-redirects';
import type { SitemapLoadResult } from '@/lib/crawler/sitemaps';
import { FetchError } from '@/lib/fetch/fetch-error';
import type { FetchErrorCode, FetchResult } from '@/lib/fetch/types';

export type FakeRoute =
  | string
  | {
      status?: number;
      body?: string;
      contentType?: string;
      headers?: Record<string, string>;
      /** Redirect to this Location. */
      location?: string;
      /** Throw a FetchError with this code instead of answering. */
      error?: FetchErrorCode;
      delayMs?: number;
    };

export type FakeSite = {
  fetchPage: FetchPageFn & { calls: string[]; maxConcurrent: number };
  requested: () => string[];
};

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Aborted', 'AbortError');
}

/** A fetchPage over a route table (absolute URL → route). Unknown URLs answer 404. */
export function createFakeSite(routes: Record<string, FakeRoute>): FakeSite {
  const calls: string[] = [];
  let active = 0;
  const fetchPage = (async (url, options) => {
    calls.push(url);
    active++;
    fetchPage.maxConcurrent = Math.max(fetchPage.maxConcurrent, active);
    try {
      const signal = options?.signal;
      signal?.throwIfAborted();
      const raw = routes[url] ?? { status: 404, body: '<html><title>Not found</title></html>' };
      const route = typeof raw === 'string' ? { body: raw } : raw;
      if (route.delayMs) {
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => {
            clearTimeout(timer);
            reject(abortError(signal!));
          };
          const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }, route.delayMs);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
      }
      if (route.error) throw new FetchError(route.error, url, `${route.error} for ${url}`);
      const status = route.status ?? (route.location ? 301 : 200);
      const headers: Record<string, string> = { ...route.headers };
      const base: FetchResult = {
        requestedUrl: url,
        finalUrl: url,
        status,
        headers,
        redirects: [],
        body: route.body ?? '',
        contentType: route.contentType ?? (url.endsWith('.txt') ? 'text/plain' : 'text/html'),
        charset: 'utf-8',
        transferBytes: (route.body ?? '').length,
        bodyBytes: (route.body ?? '').length,
        truncated: false,
        timings: { ttfbMs: 1, totalMs: 2 },
      };
      if (route.location) {
        headers.location = route.location;
        if (options?.maxRedirects === 0) {
          return { ...base, redirects: [{ url, status, location: route.location }], redirectError: 'too-many' as const };
        }
        // A fake that follows (robots.txt is fetched that way).
        const target = new URL(route.location, url).href;
        const next = await fetchPage(target, options);
        return { ...next, requestedUrl: url, redirects: [{ url, status, location: route.location }, ...next.redirects] };
      }
      return base;
    } finally {
      active--;
    }
  }) as FakeSite['fetchPage'];
  fetchPage.calls = calls;
  fetchPage.maxConcurrent = 0;
  return { fetchPage, requested: () => [...calls] };
}

/** HTML page with links; `links` entries are hrefs, optionally "href|rel". */
export function page(title: string, links: string[] = [], extraHead = ''): string {
  const anchors = links
    .map((link) => {
      const [href, rel] = link.split('|');
      return `<a href="${href}"${rel ? ` rel="${rel}"` : ''}>${href}</a>`;
    })
    .join('\n');
  return `<html><head><title>${title}</title>${extraHead}</head><body>${anchors}</body></html>`;
}

/** Regex-level stand-in for extractPageFacts: title, links (with rel), canonical, meta robots. */
export function fakeExtractPageFacts(input: { fetch: FetchResult; rendered?: { html: string; finalUrl: string } }): PageFacts {
  const { fetch, rendered } = input;
  const html = rendered?.html ?? fetch.body;
  const base = rendered?.finalUrl ?? fetch.finalUrl;
  const rawHrefs = new Set([...fetch.body.matchAll(/<a\s+href="([^"]*)"/g)].map((m) => m[1]));
  const links: LinkFact[] = [...html.matchAll(/<a\s+href="([^"]*)"(?:\s+rel="([^"]*)")?>([^<]*)<\/a>/g)].map((m) => {
    let url: string | null = null;
    try {
      const resolved = new URL(m[1]!, base);
      url = resolved.protocol.startsWith('http') ? resolved.href : null;
    } catch {
      url = null;
    }
    return {
      url,
      href: m[1]!,
      text: m[3]!,
      rel: m[2] ? m[2].split(/\s+/) : [],
      internal: url !== null && new URL(url).host === new URL(base).host,
      position: 'content',
      ...(rendered && !rawHrefs.has(m[1]) ? { renderedOnly: true } : {}),
    };
  });
  const canonical = /<link rel="canonical" href="([^"]*)"/.exec(html)?.[1];
  const robots = /<meta name="robots" content="([^"]*)"/.exec(html)?.[1] ?? '';
  const directives = robots.split(',').map((d) => d.trim()).filter(Boolean);
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? null;
  return {
    url: fetch.requestedUrl,
    finalUrl: fetch.finalUrl,
    status: fetch.status,
    headers: fetch.headers,
    redirects: fetch.redirects,
    redirectError: fetch.redirectError,
    title,
    h1s: [],
    metaDescription: null,
    textHash: title ? `hash:${title}` : '',
    wordCount: html.length,
    canonicals: canonical ? [new URL(canonical, base).href] : [],
    canonicalFromHeader: [],
    robots: { directives, noindex: directives.includes('noindex'), nofollow: directives.includes('nofollow'), sources: [] },
    hreflang: [],
    prevNext: { prev: null, next: null },
    links,
  } as unknown as PageFacts;
}

export function fakeSitemaps(urls: string[]): CrawlDeps['loadSitemaps'] {
  return async () =>
    ({ urls, entries: urls.map((url) => ({ url, lastmod: null, sitemap: 'fake' })), files: [], truncated: false, skippedFiles: [] }) satisfies SitemapLoadResult;
}
