// Canonicalization, with Lighthouse canonical's rules (multiple conflicting, invalid, relative,
// points to root, points to an hreflang alternate) plus header/HTML mismatch and cross-domain.
import type { PageFacts } from '@/lib/crawler/page-facts';
import { formatList, isAnalyzable, isIndexable, parseUrl, sameUrl } from '@/lib/checks/page-check-helpers';
import type { Issue, PageCheck } from '@/lib/checks/types';

function unique(urls: readonly string[]): string[] {
  const out: string[] = [];
  for (const u of urls) if (!out.some((o) => sameUrl(o, u))) out.push(u);
  return out;
}

/** The single canonical Google would consider (HTML first, then Link header), if unambiguous. */
function singleCanonical(page: PageFacts): string | null {
  const all = unique([...page.canonicals, ...page.canonicalFromHeader]);
  return all.length === 1 ? (all[0] ?? null) : null;
}

function isSuccess(page: PageFacts): boolean {
  return page.status >= 200 && page.status < 300;
}

const ABSOLUTE_HTTP = /^https?:\/\/[^/\s]/i;

function resolvesAsRelative(href: string): boolean {
  try {
    new URL(href, 'https://placeholder.invalid/');
    return true;
  } catch {
    return false;
  }
}

export const canonicalChecks = [
  {
    id: 'canonical-missing',
    scope: 'page',
    category: 'canonical',
    severity: 'medium',
    title: 'No canonical URL',
    why: 'Without rel=canonical, URL variants (tracking parameters, trailing slashes, http/https) compete as duplicates and Google picks the canonical on its own.',
    fix: 'Add <link rel="canonical" href="https://…"> with the absolute preferred URL to <head> (self-referencing on the preferred URL).',
    run: (page): Issue[] => {
      if (!isIndexable(page)) return [];
      if (page.canonicals.length || page.canonicalFromHeader.length || page.canonicalHrefs.length || page.canonicalInBody) return [];
      return [{ message: 'The page has no <link rel="canonical"> in <head> and no canonical Link header' }];
    },
  },
  {
    id: 'canonical-multiple',
    scope: 'page',
    category: 'canonical',
    severity: 'high',
    title: 'Multiple conflicting canonical URLs',
    why: 'With several different canonicals Google ignores them all (Lighthouse: "Multiple conflicting URLs").',
    fix: 'Keep exactly one rel=canonical (often a plugin and the theme both add one).',
    run: (page): Issue[] => {
      if (!isSuccess(page)) return [];
      const issues: Issue[] = [];
      const html = unique(page.canonicals);
      if (html.length > 1) issues.push({ message: `${html.length} different <link rel="canonical"> URLs: ${formatList(html)}`, details: { urls: html } });
      const header = unique(page.canonicalFromHeader);
      if (header.length > 1) issues.push({ message: `${header.length} different canonical URLs in the Link header: ${formatList(header)}`, details: { urls: header } });
      return issues;
    },
  },
  {
    id: 'canonical-relative',
    scope: 'page',
    category: 'canonical',
    severity: 'medium',
    title: 'Canonical URL is relative',
    why: 'Relative canonicals are resolved against whatever URL was crawled (or a <base>), which easily points to the wrong host or protocol; Lighthouse fails them.',
    fix: 'Use an absolute URL including https:// and the host.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      return page.canonicalHrefs
        .map((h) => h.trim())
        .filter((h) => h !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(h))
        .map((h) => ({ message: h.startsWith('//') ? `Canonical "${h}" is protocol-relative` : `Canonical "${h}" is a relative URL` }));
    },
  },
  {
    id: 'canonical-invalid',
    scope: 'page',
    category: 'canonical',
    severity: 'high',
    title: 'Canonical URL is invalid',
    why: 'An empty, malformed or non-HTTP canonical is ignored, leaving Google to choose.',
    fix: 'Set href to the full, valid https:// URL of the preferred page.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const issues: Issue[] = [];
      for (const raw of page.canonicalHrefs) {
        const h = raw.trim();
        if (h === '') {
          issues.push({ message: '<link rel="canonical"> has an empty href' });
          continue;
        }
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(h)?.[1]?.toLowerCase();
        if (!scheme) {
          if (!resolvesAsRelative(h)) issues.push({ message: `Canonical "${h}" is not a valid URL` });
          // otherwise it is relative: reported by canonical-relative
        } else if (scheme !== 'http' && scheme !== 'https') {
          issues.push({ message: `Canonical "${h}" uses the "${scheme}:" scheme instead of https:` });
        } else if (!ABSOLUTE_HTTP.test(h) || !parseUrl(h)) {
          issues.push({ message: `Canonical "${h}" is malformed (expected "${scheme}://host/path")` });
        }
      }
      return issues;
    },
  },
  {
    id: 'canonical-other-domain',
    scope: 'page',
    category: 'canonical',
    severity: 'medium',
    title: 'Canonical points to a different domain',
    why: 'A cross-domain canonical hands this page’s ranking to another site; it is right only for syndicated copies.',
    fix: 'If this is the original content, point the canonical to this domain’s URL.',
    run: (page): Issue[] => {
      const c = parseUrl(singleCanonical(page));
      const self = parseUrl(page.finalUrl);
      if (!isSuccess(page) || !c || !self) return [];
      const host = (h: string) => h.replace(/^www\./, '');
      return host(c.hostname) !== host(self.hostname) ? [{ message: `Canonical ${c.href} is on ${c.hostname}, not ${self.hostname}` }] : [];
    },
  },
  {
    id: 'canonical-to-root',
    scope: 'page',
    category: 'canonical',
    severity: 'medium',
    title: 'Canonical points to the homepage from a deeper page',
    why: 'A common template bug: every page declares the homepage as canonical, so Google may drop all inner pages (Lighthouse canonical).',
    fix: 'Make each page’s canonical its own URL (self-referencing).',
    run: (page): Issue[] => {
      const c = parseUrl(singleCanonical(page));
      const self = parseUrl(page.finalUrl);
      if (!isSuccess(page) || !c || !self) return [];
      return c.origin === self.origin && c.pathname === '/' && self.pathname !== '/' ? [{ message: `Canonical of ${self.pathname} points to the site root ${c.href}` }] : [];
    },
  },
  {
    id: 'canonical-in-body',
    scope: 'page',
    category: 'canonical',
    severity: 'medium',
    title: 'Canonical link outside <head>',
    why: 'rel=canonical is only honoured in <head>; one in <body> (or after an element that closed the head) is ignored.',
    fix: 'Move the <link rel="canonical"> into <head>, before any body element.',
    run: (page): Issue[] =>
      isAnalyzable(page) && page.canonicalInBody ? [{ message: `A <link rel="canonical"> is outside <head>${page.headBrokenBy ? ` (the head was closed early by ${page.headBrokenBy})` : ''} and is ignored` }] : [],
  },
  {
    id: 'canonical-header-mismatch',
    scope: 'page',
    category: 'canonical',
    severity: 'high',
    title: 'Canonical in HTML differs from the Link header',
    why: 'Two different canonical signals conflict, so Google may ignore both.',
    fix: 'Declare the canonical once (HTML or header), or make both identical.',
    run: (page): Issue[] => {
      const html = unique(page.canonicals);
      const header = unique(page.canonicalFromHeader);
      if (!isSuccess(page) || html.length === 0 || header.length === 0) return [];
      const agree = html.every((h) => header.some((x) => sameUrl(h, x)));
      return agree ? [] : [{ message: `HTML canonical ${formatList(html)} differs from Link header canonical ${formatList(header)}` }];
    },
  },
  {
    id: 'canonical-to-hreflang-alternate',
    scope: 'page',
    category: 'canonical',
    severity: 'medium',
    title: 'Canonical points to another language version',
    why: 'Canonicalising one language version to another tells Google to drop this version, which breaks hreflang (Lighthouse canonical).',
    fix: 'Each language version should be canonical to itself and list the others with hreflang.',
    run: (page): Issue[] => {
      const c = singleCanonical(page);
      if (!isSuccess(page) || !c) return [];
      const alternates = page.hreflang.map((h) => h.url).filter((u): u is string => !!u);
      const selfListed = alternates.some((u) => sameUrl(u, page.finalUrl));
      const canonicalListed = page.hreflang.find((h) => h.url && sameUrl(h.url, c));
      if (!selfListed || !canonicalListed || sameUrl(c, page.finalUrl)) return [];
      return [{ message: `Canonical ${c} is the hreflang="${canonicalListed.lang}" alternate, not this page` }];
    },
  },
  {
    id: 'canonical-points-elsewhere',
    scope: 'page',
    category: 'canonical',
    severity: 'info',
    title: 'Page is canonicalised to another URL',
    why: 'Google will usually index the canonical URL instead of this one — expected for variants, a problem for pages that should rank themselves.',
    fix: 'Nothing to do if this URL is a variant; otherwise make the canonical self-referencing.',
    run: (page): Issue[] => {
      const c = singleCanonical(page);
      if (!isSuccess(page) || !c || sameUrl(c, page.finalUrl)) return [];
      return [{ message: `Canonical points to ${c}; Google will likely index that URL instead of ${page.finalUrl}` }];
    },
  },
  {
    id: 'canonical-insecure',
    scope: 'page',
    category: 'canonical',
    severity: 'medium',
    title: 'HTTPS page declares an http:// canonical',
    why: 'Pointing the canonical at the insecure version asks Google to index the http:// URL.',
    fix: 'Use the https:// URL in the canonical.',
    run: (page): Issue[] => {
      if (!isSuccess(page) || !page.finalUrl.startsWith('https:')) return [];
      return unique([...page.canonicals, ...page.canonicalFromHeader])
        .filter((u) => u.startsWith('http:'))
        .map((u) => ({ message: `Canonical ${u} uses http:// on an https:// page` }));
    },
  },
  {
    id: 'canonical-noindex-conflict',
    scope: 'page',
    category: 'canonical',
    severity: 'low',
    title: 'noindex combined with a canonical to another URL',
    why: 'Google advises against mixing noindex and rel=canonical: noindex says "drop this", canonical says "merge into that"; the noindex can be transferred to the canonical target.',
    fix: 'Use one signal: either canonical to the preferred URL (and remove noindex) or noindex without a cross-URL canonical.',
    run: (page): Issue[] => {
      const c = singleCanonical(page);
      if (!isSuccess(page) || !page.robots.noindex || !c || sameUrl(c, page.finalUrl)) return [];
      return [{ message: `The page is noindex and canonicalised to ${c}` }];
    },
  },
] satisfies PageCheck[];
