// Technical / HTTP: status codes (Lighthouse http-status-code), redirects, soft 404s, response
// speed, content type, charset, doctype and markup integrity.
import type { PageFacts } from '@/lib/crawler/page-facts';
import { formatList, getHeader, isAnalyzable, parseUrl, plural, sameUrl } from '@/lib/checks/page-check-helpers';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  408: 'Request Timeout', 410: 'Gone', 429: 'Too Many Requests', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function statusLabel(status: number): string {
  return STATUS_TEXT[status] ? `${status} ${STATUS_TEXT[status]}` : String(status);
}

// Findings of the redirect checks below carry page.url, the URL that was asked for and redirects;
// every other finding is about the document it landed on (page.finalUrl, the default).

/** Page checks about the requested URL's own redirects. */
export const REDIRECT_CHECK_IDS: ReadonlySet<string> = new Set(['redirect-loop', 'redirect-too-many', 'redirect-chain', 'redirect-temporary', 'redirected-url']);

/**
 * Of those, the ones an audit's site checks already report for the same URL (internal-redirect-loop
 * and internal-redirect-chain in site-redirects.ts; internal-link-to-redirect and
 * sitemap-redirect-url for a URL that redirects at all): an audit keeps only the others.
 */
export const REDIRECT_CHECKS_REPEATED_BY_SITE_CHECKS: ReadonlySet<string> = new Set(['redirect-loop', 'redirect-too-many', 'redirect-chain', 'redirected-url']);

function redirectPath(page: PageFacts): string {
  const urls = page.redirects.map((r) => r.url);
  urls.push(page.finalUrl);
  return urls.join(' → ');
}

// Browsers decode iso-8859-1 and us-ascii as windows-1252, and "utf8" is an alias of "utf-8".
function normalizeCharset(charset: string): string {
  const c = charset.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (c === 'utf8' || c === 'unicode-1-1-utf-8') return 'utf-8';
  if (['iso-8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'cp1252', 'windows-1252', 'iso8859-1', 'iso_8859-1'].includes(c)) return 'windows-1252';
  return c;
}

function headerCharset(page: PageFacts): string | null {
  const m = /charset\s*=\s*["']?([\w:.-]+)/i.exec(getHeader(page, 'content-type') ?? '');
  return m?.[1] ? m[1].toLowerCase() : null;
}

// "Not found" wording in common languages; matched against the title and H1.
const NOT_FOUND = /\bpage\s+not\s+found\b|\bnot\s+found\b|\b404\b.*\b(?:error|page|not)\b|\b(?:error|page)\b.*\b404\b|^\s*404\s*$|\bno\s+longer\s+(?:available|exists)\b|\bdoes(?:n['’]t|\s+not)\s+exist\b|\bnicht\s+gefunden\b|\bno\s+encontrada\b|\bintrouvable\b|\bnon\s+trovata\b|\bniet\s+gevonden\b|\bnão\s+encontrada\b/i;
const LOGIN_PATH = /\/(?:log-?in|sign-?in|signin|auth|account|my-account|wp-login\.php|user|admin)(?:\/|$|\.|\?)/i;

/** A timing taken while this process's event loop was stalled measures us, not the server. */
function timingIsReliable(page: PageFacts): boolean {
  return (page.timings.loopLagMs ?? 0) <= PAGE_THRESHOLDS.maxTimingLoopLagMs;
}

export const httpChecks = [
  {
    id: 'http-4xx',
    scope: 'page',
    category: 'http',
    severity: 'critical',
    title: 'Page returns a 4xx client error',
    why: 'Search engines don’t index pages that return 4xx codes, and visitors see an error instead of content (Lighthouse http-status-code).',
    fix: 'Restore the page, or 301-redirect the URL to its replacement and update links pointing to it.',
    run: (page): Issue[] => {
      if (page.status < 400 || page.status >= 500) return [];
      const hint = page.status === 429 ? ' — the server rate-limited our crawler, so results may be incomplete' : page.status === 401 || page.status === 403 ? ' — the page requires authentication or blocks crawlers' : '';
      return [{ message: `Page returns HTTP ${statusLabel(page.status)}${hint}`, details: { status: page.status } }];
    },
  },
  {
    id: 'http-5xx',
    scope: 'page',
    category: 'http',
    severity: 'critical',
    title: 'Page returns a 5xx server error',
    why: 'Server errors stop indexing; if they persist Google drops the URL and slows crawling of the whole site.',
    fix: 'Check the server/application logs for this URL and fix the error; use 503 with Retry-After only for planned maintenance.',
    run: (page): Issue[] => (page.status >= 500 && page.status < 600 ? [{ message: `Page returns HTTP ${statusLabel(page.status)}`, details: { status: page.status } }] : []),
  },
  {
    id: 'redirect-loop',
    scope: 'page',
    category: 'http',
    severity: 'critical',
    title: 'Redirect loop',
    why: 'The URL never resolves: browsers show an error and crawlers give up.',
    fix: 'Fix the redirect rules so the chain ends at a 200 page.',
    run: (page): Issue[] => (page.redirectError === 'loop' ? [{ url: page.url, message: `Redirects loop: ${redirectPath(page)}`, details: { redirects: page.redirects } }] : []),
  },
  {
    id: 'redirect-too-many',
    scope: 'page',
    category: 'http',
    severity: 'critical',
    title: 'Too many redirects',
    why: 'Googlebot follows at most 10 hops; longer chains are never indexed.',
    fix: 'Redirect the original URL straight to the final destination.',
    run: (page): Issue[] => (page.redirectError === 'too-many' ? [{ url: page.url, message: `Gave up after ${plural(page.redirects.length, 'redirect')}: ${redirectPath(page)}` }] : []),
  },
  {
    id: 'redirect-chain',
    scope: 'page',
    category: 'http',
    severity: 'medium',
    title: 'Redirect chain',
    why: 'Every hop adds latency and can lose link equity; Google stops after a few hops.',
    fix: 'Point the first URL (and your links) directly at the final URL.',
    run: (page): Issue[] => {
      if (page.redirectError || page.redirects.length <= PAGE_THRESHOLDS.maxRedirectHops) return [];
      return [{ url: page.url, message: `${page.redirects.length} redirect hops: ${redirectPath(page)}`, details: { hops: page.redirects.length } }];
    },
  },
  {
    id: 'redirect-temporary',
    scope: 'page',
    category: 'http',
    severity: 'low',
    title: 'Temporary redirect (302/307)',
    why: 'A temporary redirect tells search engines to keep the old URL indexed; for a permanent move use 301/308 so signals consolidate on the new URL.',
    fix: 'Use 301 or 308 if the move is permanent.',
    run: (page): Issue[] =>
      page.redirects
        .filter((r) => r.status === 302 || r.status === 307)
        .map((r) => ({ url: page.url, message: `${r.url} redirects with ${r.status} (temporary) to ${r.location}` })),
  },
  {
    id: 'redirected-url',
    scope: 'page',
    category: 'http',
    severity: 'info',
    title: 'Requested URL redirects',
    why: 'Links and sitemaps should point at the final URL to avoid an extra hop.',
    fix: 'Update internal links, canonical tags and sitemaps to use the final URL.',
    run: (page): Issue[] => {
      if (page.redirects.length === 0 || page.redirectError) return [];
      const first = page.redirects[0];
      return [{ url: page.url, message: `${page.url} redirects${first ? ` (${first.status})` : ''} to ${page.finalUrl}` }];
    },
  },
  {
    id: 'meta-refresh-redirect',
    scope: 'page',
    category: 'http',
    severity: 'medium',
    title: 'Meta refresh redirect',
    why: 'Meta refresh redirects are slow, break the back button and are a weaker signal than a server-side 301.',
    fix: 'Replace the <meta http-equiv="refresh"> with a 301 redirect on the server.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || !page.metaRefresh) return [];
      const m = /^\s*(\d+(?:\.\d+)?)?\s*[;,]?\s*(?:url\s*=\s*)?["']?([^"']*)["']?\s*$/i.exec(page.metaRefresh);
      const target = m?.[2]?.trim() ?? '';
      if (!/url\s*=/i.test(page.metaRefresh) || !target) return [];
      return [{ message: `<meta http-equiv="refresh" content="${page.metaRefresh}"> redirects to ${target} after ${m?.[1] ?? '0'} s` }];
    },
  },
  {
    id: 'js-redirect',
    scope: 'page',
    category: 'http',
    severity: 'medium',
    title: 'JavaScript redirect',
    why: 'JavaScript redirects only work after rendering; crawlers that don’t run JS never follow them and Google treats them as a weaker signal than a 301.',
    fix: 'Use a server-side 301/308 redirect instead of setting window.location.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || !page.jsRedirect) return [];
      let target: string | null = null;
      try {
        target = new URL(page.jsRedirect, page.finalUrl).href;
      } catch {
        // unparseable target: still a redirect attempt worth reporting
      }
      if (target && sameUrl(target, page.finalUrl)) return [];
      return [{ message: `An inline script redirects to "${page.jsRedirect}"` }];
    },
  },
  {
    id: 'soft-404',
    scope: 'page',
    category: 'http',
    severity: 'high',
    title: 'Soft 404: error page returns 200',
    why: 'A "not found" page that answers 200 OK wastes crawl budget and may get indexed as a thin duplicate; Google reports it as a soft 404.',
    fix: 'Return a real 404 (or 410) status for missing content, or 301 to a relevant replacement.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || page.status !== 200 || page.wordCount >= PAGE_THRESHOLDS.soft404MaxWords) return [];
      const candidates = [page.title, ...page.h1s].filter((t): t is string => !!t);
      const hit = candidates.find((t) => NOT_FOUND.test(t));
      return hit ? [{ message: `Status is 200 but the page says "${hit}" (${plural(page.wordCount, 'word')})` }] : [];
    },
  },
  {
    id: 'slow-ttfb',
    scope: 'page',
    category: 'http',
    severity: 'medium',
    title: 'Slow server response (TTFB)',
    why: 'A slow time to first byte delays every other metric (LCP) and reduces how much Google crawls.',
    fix: 'Cache rendered HTML (CDN/full-page cache), speed up database queries and avoid blocking work before sending headers.',
    timing: true,
    run: (page): Issue[] =>
      timingIsReliable(page) && page.timings.ttfbMs > PAGE_THRESHOLDS.maxTtfbMs ? [{ message: `Time to first byte was ${Math.round(page.timings.ttfbMs)} ms (max ${PAGE_THRESHOLDS.maxTtfbMs} ms)` }] : [],
  },
  {
    id: 'slow-response',
    scope: 'page',
    category: 'http',
    severity: 'medium',
    title: 'Slow full HTML response',
    why: 'Users and crawlers wait for the whole document; slow responses hurt LCP and crawl rate.',
    fix: 'Reduce HTML size, stream the response and cache it at the edge.',
    timing: true,
    run: (page): Issue[] =>
      timingIsReliable(page) && page.timings.totalMs > PAGE_THRESHOLDS.maxResponseMs ? [{ message: `Downloading the HTML took ${(page.timings.totalMs / 1000).toFixed(1)} s (max ${PAGE_THRESHOLDS.maxResponseMs / 1000} s)` }] : [],
  },
  {
    id: 'content-type-mismatch',
    scope: 'page',
    category: 'http',
    severity: 'low',
    title: 'Missing or wrong Content-Type for HTML',
    why: 'Without "Content-Type: text/html" browsers and crawlers have to guess; served as text/plain the page is shown as source code and not indexed as HTML.',
    fix: 'Send "Content-Type: text/html; charset=utf-8" for HTML pages.',
    run: (page): Issue[] => {
      if (page.status < 200 || page.status >= 300) return [];
      const ct = getHeader(page, 'content-type');
      if (!ct || ct.trim() === '') return page.sniffedHtml ? [{ message: 'The response has no Content-Type header (body is HTML)' }] : [];
      if (!page.isHtml && page.sniffedHtml && /^(?:text\/plain|application\/octet-stream)/i.test(ct)) {
        return [{ message: `HTML is served as "${ct}"` }];
      }
      return [];
    },
  },
  {
    id: 'charset-missing',
    scope: 'page',
    category: 'http',
    severity: 'low',
    title: 'Character encoding not declared',
    why: 'Without a declared charset browsers guess (often windows-1252), which garbles accented characters and emoji.',
    fix: 'Add "charset=utf-8" to the Content-Type header and <meta charset="utf-8"> as the first element in <head>.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || headerCharset(page) || page.declaredCharset || page.hasBom) return [];
      return [{ message: 'Neither the Content-Type header nor a <meta charset> declares the encoding' }];
    },
  },
  {
    id: 'charset-mismatch',
    scope: 'page',
    category: 'http',
    severity: 'low',
    title: 'HTTP and HTML declare different charsets',
    why: 'The HTTP header wins over <meta charset>; if they disagree, one of them is wrong and text may be garbled.',
    fix: 'Make the Content-Type header and <meta charset> declare the same encoding (UTF-8).',
    run: (page): Issue[] => {
      const fromHeader = headerCharset(page);
      if (!isAnalyzable(page) || !fromHeader || !page.declaredCharset) return [];
      if (normalizeCharset(fromHeader) === normalizeCharset(page.declaredCharset)) return [];
      return [{ message: `Content-Type header says charset "${fromHeader}" but the HTML declares "${page.declaredCharset}" (the header wins)` }];
    },
  },
  {
    id: 'charset-declared-late',
    scope: 'page',
    category: 'http',
    severity: 'low',
    title: '<meta charset> is not within the first 1024 bytes',
    why: 'Browsers only look for the charset in the first 1024 bytes; a later declaration forces a re-parse or is ignored.',
    fix: 'Make <meta charset="utf-8"> the first element inside <head>.',
    run: (page): Issue[] => {
      const offset = page.declaredCharsetOffset;
      if (!isAnalyzable(page) || headerCharset(page) || offset == null || offset <= PAGE_THRESHOLDS.maxCharsetOffsetBytes) return [];
      return [{ message: `<meta charset="${page.declaredCharset ?? ''}"> starts at byte ${offset} (must be within the first ${PAGE_THRESHOLDS.maxCharsetOffsetBytes})` }];
    },
  },
  {
    id: 'doctype-missing',
    scope: 'page',
    category: 'http',
    severity: 'low',
    title: 'Missing <!DOCTYPE html>',
    why: 'Without a doctype browsers render in quirks mode, which changes layout and can break mobile rendering.',
    fix: 'Start the document with <!DOCTYPE html>.',
    run: (page): Issue[] => (isAnalyzable(page) && page.doctype === null ? [{ message: 'The document has no <!DOCTYPE html>, so browsers use quirks mode' }] : []),
  },
  {
    id: 'html-structure-broken',
    scope: 'page',
    category: 'http',
    severity: 'low',
    title: 'Duplicate <html>, <head> or <body> elements',
    why: 'Broken document structure makes parsers disagree about what is in <head>, so metadata may be missed.',
    fix: 'Fix the templates so the page has exactly one <html>, <head> and <body>.',
    run: (page): Issue[] => {
      const s = page.structure;
      if (!isAnalyzable(page) || !s) return [];
      const dupes = (['html', 'head', 'body'] as const).filter((k) => s[k] > 1).map((k) => `${s[k]} <${k}> elements`);
      return dupes.length ? [{ message: `The document has ${dupes.join(', ')}` }] : [];
    },
  },
  {
    id: 'duplicate-ids',
    scope: 'page',
    category: 'http',
    severity: 'low',
    title: 'Duplicate id attributes',
    why: 'ids must be unique; duplicates break #fragment links, label/aria references and scripts.',
    fix: 'Give each element a unique id.',
    run: (page): Issue[] => {
      const ids = page.duplicateIds ?? [];
      if (!isAnalyzable(page) || ids.length === 0) return [];
      return [{ message: `${plural(ids.length, 'id is', 'ids are')} used more than once: ${formatList(ids)}`, details: { ids: ids.slice(0, 100) } }];
    },
  },
  {
    id: 'auth-gate',
    scope: 'page',
    category: 'http',
    severity: 'medium',
    title: 'Page shows a login wall instead of content',
    why: 'Crawlers can’t log in; a public URL that answers with a sign-in form gets indexed as a thin login page or not at all.',
    fix: 'Show the public content (or a teaser) without login, or return 401/403 and keep such URLs out of links and sitemaps.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || page.wordCount >= PAGE_THRESHOLDS.authGateMaxWords) return [];
      const path = parseUrl(page.finalUrl)?.pathname ?? '';
      if (LOGIN_PATH.test(path) || LOGIN_PATH.test(parseUrl(page.url)?.pathname ?? '')) return [];
      if (!page.forms.some((f) => f.hasPassword)) return [];
      return [{ message: `A password form is the main content (only ${plural(page.wordCount, 'word')}) on ${path || '/'}` }];
    },
  },
  {
    id: 'non-html-response',
    scope: 'page',
    category: 'http',
    severity: 'info',
    title: 'Response is not HTML',
    why: 'HTML checks (title, headings, content) don’t apply to this content type, so they were skipped.',
    fix: 'Nothing to fix if this URL is meant to serve a file; otherwise send Content-Type: text/html.',
    run: (page): Issue[] =>
      !page.isHtml && page.status >= 200 && page.status < 300 ? [{ message: `Content-Type is "${page.contentType || 'missing'}"; HTML checks were skipped` }] : [],
  },
  {
    id: 'html-truncated',
    scope: 'page',
    category: 'http',
    severity: 'info',
    title: 'HTML was cut at the download limit',
    why: 'Only the first part of the document was analysed; very large HTML is also cut by Googlebot (15 MB).',
    fix: 'Reduce the HTML size (inline data, repeated markup).',
    run: (page): Issue[] => (page.truncated ? [{ message: `Only the first ${Math.round(page.htmlBytes / 1024)} KB of the HTML were analysed` }] : []),
  },
] satisfies PageCheck[];
