// XML sitemap discovery and parsing (sitemaps.org protocol, plus the text/RSS/Atom forms Google
// accepts). Sitemaps are fetched as raw bytes, not through fetchPage, because a `.xml.gz` file is
// usually served as application/x-gzip without Content-Encoding, and a text fetcher drops it.
import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { load } from 'cheerio';
import { normalizeUrl } from '@/lib/crawler/normalize-url';
import type { LookupFunction } from '@/lib/fetch/dns-cache';
import { createPinnedLookup } from '@/lib/fetch/ssrf-guard';

const gunzip = promisify(zlib.gunzip);

/** Paths tried, in order, when robots.txt names no sitemap. */
export const COMMON_SITEMAP_PATHS: readonly string[] = ['/sitemap.xml', '/sitemap_index.xml', '/sitemap-index.xml'];

/** sitemaps.org limits per file. */
export const SITEMAP_MAX_URLS_PER_FILE = 50_000;
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;

export type BytesResponse = { status: number; body: Buffer; contentType: string; finalUrl?: string };
/** Fetch a URL as raw bytes (redirects followed). Throws on network failure or size overflow. */
export type FetchBytes = (url: string, signal?: AbortSignal) => Promise<BytesResponse>;

export type SitemapKind = 'urlset' | 'sitemapindex' | 'text' | 'rss' | 'atom' | 'unknown';

export type SitemapEntry = { loc: string; lastmod: string | null };

export type ParsedSitemap = {
  kind: SitemapKind;
  /** <url><loc> (urlset/text/rss/atom) or <sitemap><loc> (sitemapindex) values, trimmed, as written. */
  entries: SitemapEntry[];
};

function localName(name: string): string {
  const colon = name.indexOf(':');
  return (colon === -1 ? name : name.slice(colon + 1)).toLowerCase();
}

/**
 * Parse sitemap text. Namespace prefixes are ignored, and only <loc> that is a direct child of
 * <url>/<sitemap> counts, so image:loc / video:loc / xhtml:link extensions are never taken as pages.
 */
export function parseSitemap(text: string): ParsedSitemap {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { kind: 'unknown', entries: [] };
  if (!trimmed.startsWith('<')) {
    // sitemaps.org "text file" form: one absolute URL per line, nothing else.
    const lines = trimmed.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    const isText = lines.every((line) => /^https?:\/\/\S+$/i.test(line));
    return isText ? { kind: 'text', entries: lines.map((loc) => ({ loc, lastmod: null })) } : { kind: 'unknown', entries: [] };
  }
  const $ = load(trimmed, { xml: true });
  const root = $.root()
    .children()
    .toArray()
    .find((node) => node.type === 'tag');
  if (!root) return { kind: 'unknown', entries: [] };
  const rootName = localName(root.name);

  const childText = (parent: typeof root, name: string): string | null => {
    const child = $(parent)
      .children()
      .toArray()
      .find((node) => localName(node.name) === name);
    return child ? $(child).text().trim() : null;
  };
  const collect = (container: typeof root, itemName: string, locName: string): SitemapEntry[] =>
    $(container)
      .children()
      .toArray()
      .filter((node) => localName(node.name) === itemName)
      .map((item) => ({ loc: childText(item, locName) ?? '', lastmod: childText(item, 'lastmod') }))
      .filter((entry) => entry.loc !== '');

  if (rootName === 'urlset') return { kind: 'urlset', entries: collect(root, 'url', 'loc') };
  if (rootName === 'sitemapindex') return { kind: 'sitemapindex', entries: collect(root, 'sitemap', 'loc') };
  if (rootName === 'rss') {
    const channel = $(root)
      .children()
      .toArray()
      .find((node) => localName(node.name) === 'channel');
    const items = channel
      ? $(channel)
          .children()
          .toArray()
          .filter((node) => localName(node.name) === 'item')
      : [];
    return {
      kind: 'rss',
      entries: items
        .map((item) => ({ loc: childText(item, 'link') ?? '', lastmod: childText(item, 'pubdate') }))
        .filter((entry) => entry.loc !== ''),
    };
  }
  if (rootName === 'feed') {
    const entries = $(root)
      .children()
      .toArray()
      .filter((node) => localName(node.name) === 'entry')
      .map((entry) => {
        const links = $(entry)
          .children()
          .toArray()
          .filter((node) => localName(node.name) === 'link');
        const link = links.find((node) => ($(node).attr('rel') ?? 'alternate') === 'alternate') ?? links[0];
        return { loc: link ? ($(link).attr('href') ?? '').trim() : '', lastmod: childText(entry, 'updated') };
      })
      .filter((entry) => entry.loc !== '');
    return { kind: 'atom', entries };
  }
  return { kind: 'unknown', entries: [] };
}

export class SitemapTooLargeError extends Error {
  constructor(limit: number) {
    super(`Sitemap larger than ${limit} bytes`);
    this.name = 'SitemapTooLargeError';
  }
}

function isGzip(body: Buffer): boolean {
  return body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;
}

/**
 * Turn fetched bytes into text, gunzipping by magic number (not by name or header: servers lie
 * both ways). Loops once more for a .gz served with Content-Encoding: gzip by a fetcher that did
 * not decode it. The decompressed size is capped so a gzip bomb cannot exhaust memory.
 */
export async function decodeSitemapBody(body: Buffer, maxBytes = SITEMAP_MAX_BYTES): Promise<{ text: string; gzip: boolean }> {
  let bytes = body;
  let gzip = false;
  for (let round = 0; round < 2 && isGzip(bytes); round++) {
    gzip = true;
    try {
      bytes = await gunzip(bytes, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw new SitemapTooLargeError(maxBytes);
      }
      throw error;
    }
  }
  if (bytes.length > maxBytes) throw new SitemapTooLargeError(maxBytes);
  return { text: bytes.toString('utf8'), gzip };
}

/** An address a guard approved; the request then connects only there (no second DNS answer). */
export type PinnedAddress = { address: string; family: number };

export type BytesFetcherOptions = {
  userAgent?: string;
  /** Extra headers for one URL (each redirect hop is asked again), e.g. a login-protected site's cookies. */
  headersFor?: (url: string) => Record<string, string> | undefined;
  /**
   * Called with every URL before it is requested (each redirect hop too); throw to refuse it.
   * Returning addresses pins the connection to them, which closes the DNS-rebinding gap between
   * check and connect (lib/fetch/ssrf-guard's resolveAllowedAddresses fits as is).
   */
  guard?: (url: URL) => void | readonly PinnedAddress[] | Promise<void | readonly PinnedAddress[]>;
  /** Custom DNS lookup (e.g. a cached or private-address-filtering one). */
  lookup?: LookupFunction;
  /** Whole-request deadline (default 30 s). */
  timeoutMs?: number;
  /** Raw bytes accepted (default 50 MiB). */
  maxBytes?: number;
  maxRedirects?: number;
};

/** A small node:http(s) GET returning raw bytes; the default `fetchBytes` of loadSitemaps. */
export function createBytesFetcher(options: BytesFetcherOptions = {}): FetchBytes {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxBytes ?? SITEMAP_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? 5;

  const getOnce = (url: URL, signal: AbortSignal, pinned: readonly PinnedAddress[] | undefined) =>
    new Promise<{ status: number; body: Buffer; contentType: string; location?: string }>((resolve, reject) => {
      const client = url.protocol === 'https:' ? https : http;
      const request = client.get(
        url,
        {
          signal,
          headers: {
            'user-agent': options.userAgent ?? 'RivalOutrankerBot',
            accept: 'application/xml,text/xml;q=0.9,*/*;q=0.8',
            'accept-encoding': 'gzip',
            ...options.headersFor?.(url.href),
          },
          ...(pinned && pinned.length > 0
            ? { lookup: createPinnedLookup(pinned) }
            : options.lookup
              ? { lookup: options.lookup }
              : {}),
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const contentType = String(response.headers['content-type'] ?? '');
          if (status >= 300 && status < 400 && response.headers.location) {
            response.resume();
            resolve({ status, body: Buffer.alloc(0), contentType, location: response.headers.location });
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              request.destroy(new SitemapTooLargeError(maxBytes));
              return;
            }
            chunks.push(chunk);
          });
          response.on('end', () => resolve({ status, body: Buffer.concat(chunks), contentType }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
    });

  return async (rawUrl, signal) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let url = new URL(rawUrl);
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Unsupported protocol ${url.protocol}`);
      const pinned = (await options.guard?.(url)) ?? undefined;
      const response = await getOnce(url, combined, pinned);
      if (response.location === undefined) return { ...response, finalUrl: url.href };
      if (hop >= maxRedirects) throw new Error(`Too many redirects fetching ${rawUrl}`);
      url = new URL(response.location, url);
    }
  };
}

/** How a urlset's <lastmod> values look: search engines use lastmod only when it is present and trustworthy. */
export type LastmodStats = {
  /** Entries with no <lastmod>. */
  missing: number;
  /** Not a W3C Datetime (sitemaps.org), e.g. "01/02/2024" or "yesterday". */
  invalid: number;
  /** More than a day after the read (a generator stamping wrong dates). */
  future: number;
  /** Valid values, and whether they all share one value (the generation time stamped on every URL). */
  valid: number;
  allSame: boolean;
  /** Up to 3 offending values, as written (capped at 40 characters). */
  samples: string[];
};

// W3C Datetime profile the protocol requires: YYYY, YYYY-MM, YYYY-MM-DD, or a date-time with a zone.
// Anchored, no nested quantifiers; inputs longer than 40 characters are rejected before matching.
const W3C_DATETIME = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;
const LASTMOD_MAX_CHARS = 40;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Parse a sitemap <lastmod>: epoch ms, or null when it is not a valid W3C Datetime. */
export function parseLastmod(value: string): number | null {
  const text = value.trim();
  if (text.length > LASTMOD_MAX_CHARS || !W3C_DATETIME.test(text)) return null;
  const [y, m = 1, d = 1] = text.slice(0, 10).split('-').map(Number) as [number, number?, number?];
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  const ms = Date.parse(text.length <= 7 ? `${text.length === 4 ? `${text}-01` : text}-01` : text);
  return Number.isNaN(ms) ? null : ms;
}

/** Tally a urlset's <lastmod> values against `now` (a date more than a day ahead is in the future). */
export function lastmodStats(entries: readonly SitemapEntry[], now: number): LastmodStats {
  const stats: LastmodStats = { missing: 0, invalid: 0, future: 0, valid: 0, allSame: false, samples: [] };
  let first: string | null = null;
  let same = true;
  const sample = (value: string) => {
    if (stats.samples.length < 3) stats.samples.push(value.slice(0, LASTMOD_MAX_CHARS));
  };
  for (const entry of entries) {
    if (entry.lastmod === null || entry.lastmod === '') {
      stats.missing++;
      continue;
    }
    const ms = parseLastmod(entry.lastmod);
    if (ms === null) {
      stats.invalid++;
      sample(entry.lastmod);
      continue;
    }
    if (ms > now + DAY_MS) {
      stats.future++;
      sample(entry.lastmod);
    }
    stats.valid++;
    if (first === null) first = entry.lastmod.trim();
    else if (same && entry.lastmod.trim() !== first) same = false;
  }
  stats.allSame = stats.valid > 1 && same;
  return stats;
}

export type SitemapSource = 'robots' | 'common-path' | 'index' | 'given';

export type SitemapErrorCode =
  | 'FETCH_FAILED'
  | 'HTTP_ERROR'
  | 'TOO_LARGE'
  | 'GZIP_ERROR'
  | 'NOT_A_SITEMAP'
  | 'TOO_MANY_URLS'
  | 'DEPTH_LIMIT';

export type SitemapFileReport = {
  url: string;
  source: SitemapSource;
  /** Index that listed this file. */
  parent?: string;
  /** 0 for top-level files, 1 for children of an index, … */
  depth: number;
  /** HTTP status; 0 when the request failed or was not made. */
  status: number;
  kind: SitemapKind;
  gzip: boolean;
  /** Page URLs listed (urlset/text/rss/atom), before de-duplication and caps. */
  urlCount: number;
  /** Child sitemaps listed (sitemapindex). */
  sitemapCount: number;
  /** <loc> values that are not absolute http(s) URLs. */
  invalidCount: number;
  /** <lastmod> quality of a urlset's entries (absent for other kinds). */
  lastmod?: LastmodStats;
  error?: SitemapErrorCode;
  message?: string;
};

export type SitemapLoadResult = {
  /** Normalised, de-duplicated page URLs, in discovery order, at most maxUrls. */
  urls: string[];
  /** Same URLs with their lastmod and the file that listed them first. */
  entries: { url: string; lastmod: string | null; sitemap: string }[];
  /** Every sitemap file considered, including failed ones and unsuccessful common-path probes. */
  files: SitemapFileReport[];
  /** True when maxUrls cut the list short. */
  truncated: boolean;
  /** Files listed but not fetched because maxFiles was reached. */
  skippedFiles: string[];
};

export type LoadSitemapsOptions = {
  /** Any URL of the site; common paths are resolved against its origin. */
  startUrl: string;
  /** Sitemap: lines from robots.txt. */
  robotsSitemaps?: string[];
  /** Extra sitemap URLs given by the user. */
  sitemapUrls?: string[];
  /** Try COMMON_SITEMAP_PATHS when no sitemap is declared (default true). */
  probeCommonPaths?: boolean;
  fetchBytes?: FetchBytes;
  /** Total page URLs kept (default 10,000). */
  maxUrls?: number;
  /** Page URLs taken from one file (default and protocol maximum 50,000). */
  maxUrlsPerFile?: number;
  /** Index nesting followed below the top-level files (default 2: index → index → urlset). */
  maxDepth?: number;
  /** Files fetched in total (default 100). */
  maxFiles?: number;
  /** Bytes per file, after decompression (default 50 MiB). */
  maxBytes?: number;
  /** Clock for the "lastmod in the future" tally (default Date.now). */
  now?: () => number;
  signal?: AbortSignal;
};

type QueuedFile = { url: string; source: SitemapSource; depth: number; parent?: string };

function emptyReport(file: QueuedFile): SitemapFileReport {
  return {
    url: file.url,
    source: file.source,
    parent: file.parent,
    depth: file.depth,
    status: 0,
    kind: 'unknown',
    gzip: false,
    urlCount: 0,
    sitemapCount: 0,
    invalidCount: 0,
  };
}

/** Discover and read the site's sitemaps (recursively through indexes), within the limits. */
export async function loadSitemaps(options: LoadSitemapsOptions): Promise<SitemapLoadResult> {
  const fetchBytes = options.fetchBytes ?? createBytesFetcher();
  const maxUrls = options.maxUrls ?? 10_000;
  const maxUrlsPerFile = Math.min(options.maxUrlsPerFile ?? SITEMAP_MAX_URLS_PER_FILE, SITEMAP_MAX_URLS_PER_FILE);
  const maxDepth = options.maxDepth ?? 2;
  const maxFiles = options.maxFiles ?? 100;
  const maxBytes = options.maxBytes ?? SITEMAP_MAX_BYTES;
  const origin = new URL(options.startUrl).origin;

  const result: SitemapLoadResult = { urls: [], entries: [], files: [], truncated: false, skippedFiles: [] };
  const seenUrls = new Set<string>();
  const seenFiles = new Set<string>();
  const queue: QueuedFile[] = [];
  let fetched = 0;

  const enqueue = (raw: string, file: Omit<QueuedFile, 'url'>): boolean => {
    const url = normalizeUrl(raw);
    if (!url || seenFiles.has(url)) return false;
    seenFiles.add(url);
    queue.push({ url, ...file });
    return true;
  };
  for (const url of options.sitemapUrls ?? []) enqueue(url, { source: 'given', depth: 0 });
  for (const url of options.robotsSitemaps ?? []) enqueue(url, { source: 'robots', depth: 0 });
  const probes =
    queue.length === 0 && (options.probeCommonPaths ?? true)
      ? COMMON_SITEMAP_PATHS.map((path) => normalizeUrl(path, origin)!).filter((url) => !seenFiles.has(url))
      : [];

  // Children refused for depth are reported right after the index that listed them.
  const overDepth: SitemapFileReport[] = [];
  const readFile = async (file: QueuedFile): Promise<SitemapFileReport> => {
    const report = emptyReport(file);
    let response: BytesResponse;
    try {
      response = await fetchBytes(file.url, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const tooLarge = error instanceof SitemapTooLargeError;
      return { ...report, error: tooLarge ? 'TOO_LARGE' : 'FETCH_FAILED', message: (error as Error).message };
    }
    report.status = response.status;
    if (response.status < 200 || response.status >= 300) {
      return { ...report, error: 'HTTP_ERROR', message: `HTTP ${response.status}` };
    }
    let text: string;
    try {
      const decoded = await decodeSitemapBody(response.body, maxBytes);
      text = decoded.text;
      report.gzip = decoded.gzip;
    } catch (error) {
      const tooLarge = error instanceof SitemapTooLargeError;
      return { ...report, error: tooLarge ? 'TOO_LARGE' : 'GZIP_ERROR', message: (error as Error).message };
    }
    const parsed = parseSitemap(text);
    report.kind = parsed.kind;
    if (parsed.kind === 'unknown') {
      return { ...report, error: 'NOT_A_SITEMAP', message: `Not a sitemap (content-type ${response.contentType || 'none'})` };
    }
    const base = response.finalUrl ?? file.url;

    if (parsed.kind === 'sitemapindex') {
      report.sitemapCount = parsed.entries.length;
      for (const entry of parsed.entries) {
        const child = normalizeUrl(entry.loc, base);
        if (!child) {
          report.invalidCount++;
          continue;
        }
        if (file.depth + 1 > maxDepth) {
          if (!seenFiles.has(child)) {
            seenFiles.add(child);
            overDepth.push({
              ...emptyReport({ url: child, source: 'index', depth: file.depth + 1, parent: file.url }),
              error: 'DEPTH_LIMIT',
              message: `Index nesting deeper than ${maxDepth}`,
            });
          }
          continue;
        }
        enqueue(child, { source: 'index', depth: file.depth + 1, parent: file.url });
      }
      return report;
    }

    report.urlCount = parsed.entries.length;
    if (parsed.kind === 'urlset') report.lastmod = lastmodStats(parsed.entries, (options.now ?? Date.now)());
    if (parsed.entries.length > maxUrlsPerFile) {
      report.error = 'TOO_MANY_URLS';
      report.message = `${parsed.entries.length} URLs; only the first ${maxUrlsPerFile} were read`;
    }
    for (const entry of parsed.entries.slice(0, maxUrlsPerFile)) {
      // The protocol requires absolute URLs (Google rejects relative ones), so no base here.
      const url = normalizeUrl(entry.loc);
      if (!url) {
        report.invalidCount++;
        continue;
      }
      if (seenUrls.has(url)) continue;
      if (result.urls.length >= maxUrls) {
        result.truncated = true;
        break;
      }
      seenUrls.add(url);
      result.urls.push(url);
      result.entries.push({ url, lastmod: entry.lastmod, sitemap: file.url });
    }
    return report;
  };

  // Common paths: stop at the first that is really a sitemap; the rest are never requested.
  for (const url of probes) {
    if (options.signal?.aborted || fetched >= maxFiles) break;
    seenFiles.add(url);
    fetched++;
    const report = await readFile({ url, source: 'common-path', depth: 0 });
    result.files.push(report, ...overDepth.splice(0));
    if (!report.error || report.error === 'TOO_MANY_URLS') break;
  }

  while (queue.length > 0) {
    options.signal?.throwIfAborted();
    const file = queue.shift()!;
    if (fetched >= maxFiles) {
      result.skippedFiles.push(file.url);
      continue;
    }
    if (result.urls.length >= maxUrls) {
      // Enough URLs: more files could only add to the skipped count, not to the crawl.
      result.truncated = true;
      result.skippedFiles.push(file.url);
      continue;
    }
    fetched++;
    result.files.push(await readFile(file), ...overDepth.splice(0));
  }
  return result;
}
