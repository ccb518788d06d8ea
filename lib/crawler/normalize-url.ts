// URL identity for the crawl: two spellings of the same resource must map to one key, but URLs an
// SEO audit treats as distinct (trailing slash, path case, meaningful query params) must stay apart.

/**
 * Query parameters dropped because they only carry attribution/click tracking and never change
 * the page. Deliberately NOT here: `ref`, `source`, `s`, `id`, `page`, `lang` — they are real
 * parameters on many sites (`?ref=main` on GitHub, `?s=` WordPress search, pagination).
 */
export const TRACKING_PARAMS: readonly string[] = [
  'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', // Google Ads
  'fbclid', // Facebook
  'msclkid', // Microsoft Ads
  'twclid', // X/Twitter
  'ttclid', // TikTok
  'yclid', // Yandex
  'igshid', // Instagram share
  'li_fat_id', // LinkedIn
  'mc_cid', 'mc_eid', // Mailchimp
  '_ga', '_gl', // Google Analytics cross-domain linker
  '_hsenc', '_hsmi', // HubSpot
  'mkt_tok', // Marketo
  'oly_anon_id', 'oly_enc_id', // Omeda
  'vero_id', 'vero_conv', // Vero
];

/**
 * Session ids: a site that puts one in its links hands every visit new URLs for the same pages,
 * and a crawl would take each for a new page until maxPages. `sid` stays: it is a real parameter
 * on too many sites.
 */
export const SESSION_PARAMS: readonly string[] = ['phpsessid', 'jsessionid', 'aspsessionid', 'sessionid', 'session_id', 'cfid', 'cftoken'];

/** Any parameter starting with one of these is tracking (utm_source, utm_medium, utm_id, …). */
export const TRACKING_PARAM_PREFIXES: readonly string[] = ['utm_'];

export type NormalizeUrlOptions = {
  /** Drop TRACKING_PARAMS / TRACKING_PARAM_PREFIXES / SESSION_PARAMS (default true). */
  stripTracking?: boolean;
  /** More parameter names to drop (exact, case-insensitive), e.g. a site's session id. */
  stripParams?: string[];
  /** Sort query parameters by name (default true). Values of a repeated name keep their order. */
  sortQuery?: boolean;
};

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * RFC 3986 §6.2.2: upper-case the hex of percent-escapes and decode the ones that encode
 * unreserved characters (`%7E` → `~`), so `/a%7eb` and `/a~b` are one URL.
 */
function normalizePercentEncoding(part: string): string {
  return part.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

function decodeParamName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

function isTrackingParam(name: string, extra: Set<string>): boolean {
  if (extra.has(name)) return true;
  if (TRACKING_PARAMS.includes(name) || SESSION_PARAMS.includes(name)) return true;
  return TRACKING_PARAM_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/**
 * Normalise a URL for crawl identity; resolves relative `input` against `base`.
 * Returns null for anything that is not an http(s) URL.
 *
 * Done: drop fragment, lower-case scheme and host (punycode), drop default port and a trailing
 * dot on the host, resolve `.`/`..`, normalise percent-escapes, drop tracking params and an
 * empty `?`, drop session ids (query or `;jsessionid=` in the path), sort params. Kept as is: trailing slash, path case, credentials.
 * The query is rebuilt from its raw pieces, not via URLSearchParams, because re-serialising
 * would re-encode values (`a=b/c` → `a=b%2Fc`) and could change what the server sees.
 */
export function normalizeUrl(input: string, base?: string, options: NormalizeUrlOptions = {}): string | null {
  let url: URL;
  try {
    url = base === undefined ? new URL(input.trim()) : new URL(input.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;

  url.hash = '';
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/\.+$/, '');
  // Java servlets put the session in the path: /shop;jsessionid=1A2B?x=1.
  url.pathname = normalizePercentEncoding(url.pathname.replace(/;jsessionid=[^/;]*/gi, ''));

  const stripTracking = options.stripTracking ?? true;
  const extra = new Set((options.stripParams ?? []).map((p) => p.toLowerCase()));
  const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  const pieces = rawQuery
    .split('&')
    .filter((piece) => piece !== '')
    .map((piece) => {
      const eq = piece.indexOf('=');
      const rawName = eq === -1 ? piece : piece.slice(0, eq);
      return { piece: normalizePercentEncoding(piece), name: decodeParamName(rawName) };
    })
    .filter(({ name }) => (stripTracking ? !isTrackingParam(name, extra) : !extra.has(name)));

  if (options.sortQuery ?? true) {
    // Array.prototype.sort is stable, so repeated names (a=2&a=1) keep their relative order.
    pieces.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  const query = pieces.map((p) => p.piece).join('&');
  // Setting url.search would re-encode; build the string by hand instead.
  url.search = '';
  return query ? `${url.href}?${query}` : url.href;
}

/** Host with a leading "www." removed, for same-site comparison. */
function stripWww(hostname: string): string {
  return hostname.startsWith('www.') ? hostname.slice(4) : hostname;
}

export type SameSiteOptions = {
  /** Treat www.example.com and example.com as one site (default true). */
  wwwIsSameSite?: boolean;
};

/**
 * Whether `url` belongs to the site being crawled from `startUrl`: same host (and same explicit
 * port), ignoring the scheme so an http→https move stays internal.
 */
export function isSameSite(url: string, startUrl: string, options: SameSiteOptions = {}): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(url);
    b = new URL(startUrl);
  } catch {
    return false;
  }
  if (a.protocol !== 'http:' && a.protocol !== 'https:') return false;
  if (a.port !== b.port) return false;
  const hostA = a.hostname.replace(/\.+$/, '');
  const hostB = b.hostname.replace(/\.+$/, '');
  if (hostA === hostB) return true;
  return (options.wwwIsSameSite ?? true) && stripWww(hostA) === stripWww(hostB);
}

export const CRAWL_SCOPES = ['folder', 'host', 'subdomains'] as const;
/** What an audit covers: the start URL's folder, its host (www. included), or every subdomain too. */
export type CrawlScope = (typeof CRAWL_SCOPES)[number];

/** The folder a start URL sits in: "/blog/" for /blog/ and /blog/post; "/" for the home page. */
function folderOf(pathname: string): string {
  return pathname.slice(0, pathname.lastIndexOf('/') + 1) || '/';
}

/** Whether `url` is within the crawl's scope around `startUrl` (see CrawlScope). */
export function isInScope(url: string, startUrl: string, scope: CrawlScope, options: SameSiteOptions = {}): boolean {
  if (scope === 'host') return isSameSite(url, startUrl, options);
  let a: URL;
  let b: URL;
  try {
    a = new URL(url);
    b = new URL(startUrl);
  } catch {
    return false;
  }
  if (scope === 'folder') return isSameSite(url, startUrl, options) && a.pathname.startsWith(folderOf(b.pathname));
  if ((a.protocol !== 'http:' && a.protocol !== 'https:') || a.port !== b.port) return false;
  const host = a.hostname.replace(/\.+$/, '');
  const base = stripWww(b.hostname.replace(/\.+$/, ''));
  return host === base || host.endsWith(`.${base}`);
}

export type UrlFilterOptions = {
  include?: string[];
  exclude?: string[];
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type CompiledPattern = { test: (url: URL) => boolean };

/**
 * Pattern syntax:
 * - `re:<regex>` — JavaScript regex (case-insensitive), tested unanchored against the full URL.
 * - glob starting with `/` — matched against path + query, anchored at both ends; `*` matches
 *   any run of characters including `/` (so `/blog/*` covers the whole folder).
 * - any other glob — matched against the full URL, same rules (`https://shop.example.com/*`).
 */
function compilePattern(pattern: string): CompiledPattern {
  if (pattern.startsWith('re:')) {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern.slice(3), 'i');
    } catch (error) {
      // SyntaxError says "Invalid regular expression: /(/i: Unterminated group"; keep only the why.
      const why = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
      throw new Error(`Invalid URL pattern "${pattern}": not a valid regular expression (${why}). Use re:<regex>, /path/* or a full-URL glob.`);
    }
    return { test: (url) => regex.test(url.href) };
  }
  const source = pattern.split('*').map(escapeRegExp).join('.*');
  const regex = new RegExp(`^${source}$`, 'i');
  if (pattern.startsWith('/')) return { test: (url) => regex.test(url.pathname + url.search) };
  return { test: (url) => regex.test(url.href) };
}

/**
 * Why a URL pattern cannot be used (a `re:` pattern that is not a valid regex), or null when it
 * compiles: the input schemas call this so a bad pattern is refused at the boundary, not mid-crawl.
 */
export function findUrlPatternError(pattern: string): string | null {
  try {
    compilePattern(pattern);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Build a predicate from include/exclude patterns: a URL passes when it matches any include
 * (or there are none) and no exclude. Throws on an invalid regex so bad input fails at
 * validation, not mid-crawl.
 */
export function createUrlFilter(options: UrlFilterOptions = {}): (url: string) => boolean {
  const include = (options.include ?? []).filter((p) => p.trim() !== '').map(compilePattern);
  const exclude = (options.exclude ?? []).filter((p) => p.trim() !== '').map(compilePattern);
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (include.length > 0 && !include.some((p) => p.test(url))) return false;
    return !exclude.some((p) => p.test(url));
  };
}
