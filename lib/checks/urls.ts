// URL structure of the page's own (final) URL.
import type { PageFacts } from '@/lib/crawler/page-facts';
import { isIndexable, parseUrl, sameUrl } from '@/lib/checks/page-check-helpers';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';

const SESSION_PARAMS = /^(?:sid|sessionid|session_id|session|phpsessid|jsessionid|sessid|aspsessionid\w*|cfid|cftoken|zenid|osCsid)$/i;
const TRACKING_PARAMS = /^(?:utm_[a-z]+|gclid|gbraid|wbraid|dclid|fbclid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok)$/i;

function urlOf(page: PageFacts): URL | null {
  return parseUrl(page.finalUrl);
}

/** Path without percent-escapes, so "%C3%A9" isn't mistaken for uppercase letters. */
function pathWithoutEscapes(path: string): string {
  return path.replace(/%[0-9A-Fa-f]{2}/g, '');
}

function decodePath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** Each URL check looks at one indexable page's own URL. */
function urlCheck(fn: (url: URL, page: PageFacts) => Issue[]): (page: PageFacts) => Issue[] {
  return (page) => {
    const url = urlOf(page);
    return url && isIndexable(page) ? fn(url, page) : [];
  };
}

export const urlChecks = [
  {
    id: 'url-underscores',
    scope: 'page',
    category: 'urls',
    severity: 'low',
    title: 'URL uses underscores',
    why: 'Google treats hyphens as word separators but underscores as joiners, so "roof_repair" reads as one word.',
    fix: 'Use hyphens in new URLs; 301-redirect old ones only if you are restructuring anyway.',
    run: urlCheck((url) => (url.pathname.includes('_') ? [{ message: `URL path "${decodePath(url.pathname)}" contains underscores` }] : [])),
  },
  {
    id: 'url-spaces',
    scope: 'page',
    category: 'urls',
    severity: 'medium',
    title: 'URL contains spaces',
    why: 'Spaces become %20 in links and are often broken when copied or shared.',
    fix: 'Replace spaces with hyphens and redirect the old URL.',
    run: urlCheck((url) => (/%20|\s/.test(url.pathname) ? [{ message: `URL path "${decodePath(url.pathname)}" contains spaces (%20)` }] : [])),
  },
  {
    id: 'url-double-slash',
    scope: 'page',
    category: 'urls',
    severity: 'low',
    title: 'URL has consecutive slashes',
    why: '"//" in a path usually comes from a template bug and creates duplicate URLs for the same content.',
    fix: 'Fix the link generation and redirect the double-slash variant.',
    run: urlCheck((url) => (url.pathname.includes('//') ? [{ message: `URL path "${url.pathname}" contains "//"` }] : [])),
  },
  {
    id: 'url-uppercase',
    scope: 'page',
    category: 'urls',
    severity: 'low',
    title: 'URL contains uppercase letters',
    why: 'URL paths are case-sensitive: /Page and /page can become duplicates, and mixed case is easy to mistype.',
    fix: 'Use lowercase URLs and redirect uppercase variants.',
    run: urlCheck((url) => (/[A-Z]/.test(pathWithoutEscapes(url.pathname)) ? [{ message: `URL path "${decodePath(url.pathname)}" contains uppercase letters` }] : [])),
  },
  {
    id: 'url-non-ascii',
    scope: 'page',
    category: 'urls',
    severity: 'info',
    title: 'URL contains non-ASCII characters',
    why: 'Non-ASCII URLs work (they must be UTF-8 encoded) but appear percent-encoded when shared and are easy to break; fine for non-English sites if used consistently.',
    fix: 'Prefer transliterated ASCII slugs for shareable URLs, or make sure every link uses the same UTF-8 encoding.',
    run: urlCheck((url) => (/%[89A-Fa-f][0-9A-Fa-f]/.test(url.pathname) ? [{ message: `URL path "${decodePath(url.pathname)}" contains non-ASCII characters (shared as "${url.pathname.slice(0, 80)}")` }] : [])),
  },
  {
    id: 'url-too-long',
    scope: 'page',
    category: 'urls',
    severity: 'low',
    title: 'URL is very long',
    why: 'Long URLs are truncated in results, hard to share and often signal deep or parameter-heavy structures.',
    fix: `Keep path and query under ${PAGE_THRESHOLDS.maxUrlLength} characters with short, descriptive slugs.`,
    run: urlCheck((url) => {
      const n = (url.pathname + url.search).length;
      return n > PAGE_THRESHOLDS.maxUrlLength ? [{ message: `URL path and query are ${n} characters (max ${PAGE_THRESHOLDS.maxUrlLength}): "${(url.pathname + url.search).slice(0, 120)}"` }] : [];
    }),
  },
  {
    id: 'url-too-many-params',
    scope: 'page',
    category: 'urls',
    severity: 'low',
    title: 'URL has many query parameters',
    why: 'Parameter combinations create near-infinite duplicate URLs that waste crawl budget.',
    fix: 'Use clean paths for indexable content and canonicalise parameter variants.',
    run: urlCheck((url) => {
      const keys = [...new Set([...url.searchParams.keys()])];
      return keys.length > PAGE_THRESHOLDS.maxQueryParams ? [{ message: `URL has ${keys.length} query parameters (max ${PAGE_THRESHOLDS.maxQueryParams}): ${keys.join(', ')}` }] : [];
    }),
  },
  {
    id: 'url-session-id',
    scope: 'page',
    category: 'urls',
    severity: 'low',
    title: 'Session ID in the URL',
    why: 'Session IDs give every visit a new URL, creating endless duplicates and leaking sessions when shared.',
    fix: 'Keep sessions in cookies, never in URLs.',
    run: urlCheck((url) => {
      const key = [...url.searchParams.keys()].find((k) => SESSION_PARAMS.test(k));
      if (key) return [{ message: `URL carries a session parameter "${key}"` }];
      return /;jsessionid=/i.test(url.pathname) ? [{ message: 'URL path carries ";jsessionid="' }] : [];
    }),
  },
  {
    id: 'url-tracking-params',
    scope: 'page',
    category: 'urls',
    severity: 'low',
    title: 'Tracking parameters without a clean canonical',
    why: 'utm_/gclid/fbclid variants get indexed as duplicates unless the canonical points to the clean URL.',
    fix: 'Add a self-referencing canonical without tracking parameters (and don’t use tracking parameters on internal links).',
    run: urlCheck((url, page) => {
      const keys = [...url.searchParams.keys()].filter((k) => TRACKING_PARAMS.test(k));
      if (keys.length === 0) return [];
      const canonical = page.canonicals[0] ?? page.canonicalFromHeader[0];
      const canonicalUrl = parseUrl(canonical);
      const canonicalClean = canonicalUrl && ![...canonicalUrl.searchParams.keys()].some((k) => TRACKING_PARAMS.test(k));
      if (canonicalClean && canonical && !sameUrl(canonical, page.finalUrl)) return [];
      return [{ message: `URL has tracking parameters (${keys.join(', ')}) and ${canonical ? `the canonical keeps them (${canonical})` : 'no canonical'}` }];
    }),
  },
  {
    id: 'url-repeated-segments',
    scope: 'page',
    category: 'urls',
    severity: 'low',
    title: 'Repeating path segments (possible crawler trap)',
    why: 'Paths like /blog/blog/blog/ come from relative links that stack up and create infinite URL spaces.',
    fix: 'Use root-relative or absolute links and return 404 for impossible paths.',
    run: urlCheck((url) => {
      const counts = new Map<string, number>();
      for (const seg of url.pathname.split('/').filter(Boolean)) counts.set(seg, (counts.get(seg) ?? 0) + 1);
      const hit = [...counts].find(([, n]) => n >= PAGE_THRESHOLDS.repeatedPathSegmentMin);
      return hit ? [{ message: `Path segment "${hit[0]}" repeats ${hit[1]} times in "${url.pathname}"` }] : [];
    }),
  },
] satisfies PageCheck[];
