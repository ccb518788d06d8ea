// Site-wide content norms: pages that break the site's own title template, pages far thinner than
// the site's usual page, the trust pages (about, contact, legal) every business site needs, and
// links to the business's social profiles.
// Only indexable pages set the norm: noindex, redirected and canonicalised URLs are not what
// search engines judge the site by.

import { SITE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, SiteCheck, SiteGraph, SitePage } from '@/lib/checks/types';
import { bareHost, isHtml, isIndexable, isOk, siteLevelUrl, tryParseUrl } from '@/lib/checks/site-graph-query';
import { truncate } from '@/lib/analysis/text-utils';

/** Title separators between the page part and the brand ("Roof Repair | Acme"). */
const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' · ', ' • ', ' :: ', ' » '];
const MAX_BRAND_CHARS = 60;

function collapse(value: string): string {
  return value.split(/\s+/).filter(Boolean).join(' ');
}

/** The first and last separator-delimited segments of a title (candidates for the brand). */
function edgeSegments(title: string): string[] {
  let first = -1;
  let last = -1;
  let lastLength = 0;
  for (const separator of TITLE_SEPARATORS) {
    const start = title.indexOf(separator);
    if (start >= 0 && (first < 0 || start < first)) first = start;
    const end = title.lastIndexOf(separator);
    if (end > last) {
      last = end;
      lastLength = separator.length;
    }
  }
  if (first < 0) return [];
  const segments = [title.slice(0, first).trim(), title.slice(last + lastLength).trim()];
  return segments.filter((segment) => segment.length >= 2 && segment.length <= MAX_BRAND_CHARS);
}

type Brand = { text: string; pages: number; titled: number };

/** The segment most titles share at their start or end, when enough of them do. */
function inferTitleBrand(pages: readonly SitePage[]): Brand | null {
  const counts = new Map<string, { text: string; pages: number }>();
  for (const page of pages) {
    const seen = new Set<string>();
    for (const segment of edgeSegments(collapse(page.title ?? ''))) {
      const key = segment.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = counts.get(key);
      if (entry) entry.pages++;
      else counts.set(key, { text: segment, pages: 1 });
    }
  }
  let best: { text: string; pages: number } | null = null;
  for (const entry of counts.values()) if (!best || entry.pages > best.pages) best = entry;
  if (!best || best.pages < pages.length * SITE_THRESHOLDS.titleBrandMinShare) return null;
  return { ...best, titled: pages.length };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

type TrustPageKind = { label: string; pathTokens: readonly string[]; anchorTokens: readonly string[] };

// Lower-case substrings of a URL path or anchor text; several languages, since a missing match is a finding.
const TRUST_PAGES: readonly TrustPageKind[] = [
  {
    label: 'about page',
    pathTokens: ['about', 'who-we-are', 'our-story', 'our-team', 'company', 'a-propos', 'uber-uns', 'ueber-uns', 'über-uns', 'nosotros', 'chi-siamo', 'over-ons', 'quem-somos'],
    anchorTokens: ['about', 'who we are', 'our story', 'our team', 'à propos', 'a propos', 'über uns', 'nosotros', 'chi siamo', 'over ons', 'quem somos'],
  },
  {
    label: 'contact page',
    pathTokens: ['contact', 'kontakt', 'contacto', 'contatti', 'contato', 'get-in-touch'],
    anchorTokens: ['contact', 'kontakt', 'contacto', 'contatti', 'contato', 'get in touch', 'reach us'],
  },
  {
    label: 'privacy policy, terms or legal notice',
    pathTokens: ['privacy', 'terms', 'legal', 'imprint', 'impressum', 'datenschutz', 'mentions-legales', 'aviso-legal', 'cookie', 'gdpr', 'conditions', 'agb'],
    anchorTokens: ['privacy', 'terms', 'legal', 'imprint', 'impressum', 'datenschutz', 'mentions légales', 'aviso legal', 'cookie', 'gdpr', 'conditions', 'agb'],
  },
];

function decodedPath(url: string): string {
  const parsed = tryParseUrl(url);
  if (!parsed) return '';
  try {
    return decodeURIComponent(parsed.pathname).toLowerCase();
  } catch {
    return parsed.pathname.toLowerCase();
  }
}

/** Which trust pages the site has: a crawled URL or an internal link (by path or anchor text). */
function findTrustPages(graph: SiteGraph): boolean[] {
  const found = TRUST_PAGES.map(() => false);
  const matchPath = (path: string) => {
    TRUST_PAGES.forEach((kind, i) => {
      if (!found[i] && kind.pathTokens.some((token) => path.includes(token))) found[i] = true;
    });
  };
  for (const page of graph.pages.values()) if (!page.blockedByRobots && !page.error) matchPath(decodedPath(page.url));
  for (const link of graph.links) {
    if (!link.internal) continue;
    matchPath(decodedPath(link.to));
    const text = link.text.toLowerCase();
    TRUST_PAGES.forEach((kind, i) => {
      if (!found[i] && kind.anchorTokens.some((token) => text.includes(token))) found[i] = true;
    });
  }
  return found;
}

/** Social networks whose profile pages count as "the business is findable elsewhere". */
const SOCIAL_HOSTS = [
  'facebook.com', 'instagram.com', 'twitter.com', 'x.com', 'linkedin.com', 'youtube.com', 'tiktok.com',
  'pinterest.com', 'threads.net', 'threads.com', 'bsky.app', 'mastodon.social', 'tumblr.com', 'vimeo.com',
];
/** Share buttons link to the network too, but not to the business's own profile. */
const SHARE_PATH = /\/(?:sharer|share|intent|sharearticle|pin\/create)\b/i;

function isSocialProfileUrl(url: string): boolean {
  const parsed = tryParseUrl(url);
  if (!parsed) return false;
  const host = bareHost(parsed.hostname);
  if (!SOCIAL_HOSTS.some((social) => host === social || host.endsWith(`.${social}`))) return false;
  return parsed.pathname.length > 1 && !SHARE_PATH.test(parsed.pathname);
}

export const siteContentChecks = [
  {
    id: 'title-brand-missing',
    scope: 'site',
    category: 'on-page',
    severity: 'low',
    title: 'Title breaks the site’s title pattern',
    why: 'When most titles end (or start) with the brand, the pages that do not look like strays in the results: searchers lose the brand cue, and the odd title often marks a page built outside the template or left with a default title.',
    fix: 'Give the page a title in the site’s pattern ("Topic | Brand"), or check why its template does not add the brand.',
    run: (graph) => {
      const titled = [...graph.pages.values()].filter((page) => isIndexable(page) && page.title && page.title.trim() !== '');
      if (titled.length < SITE_THRESHOLDS.titleBrandMinPages) return [];
      const brand = inferTitleBrand(titled);
      if (!brand) return [];
      const needle = brand.text.toLowerCase();
      const issues: Issue[] = [];
      for (const page of titled) {
        const title = collapse(page.title ?? '');
        if (title.toLowerCase().includes(needle)) continue;
        issues.push({
          url: page.url,
          message: `Title "${truncate(title, 80)}" lacks "${brand.text}", which ${brand.pages} of ${brand.titled} page titles carry`,
          details: { title, brand: brand.text, pagesWithBrand: brand.pages, titledPages: brand.titled },
        });
      }
      return issues;
    },
  },
  {
    id: 'thin-vs-site-norm',
    scope: 'site',
    category: 'content',
    severity: 'low',
    title: 'Page is much thinner than the site’s usual page',
    why: 'A page with a fraction of the text the site’s other pages have is often a stub, a template left half-filled or content that failed to load, and it is the weakest page search engines see.',
    fix: 'Bring the page up to the depth of comparable pages on the site, merge it into a stronger page, or noindex it if it only exists for navigation.',
    run: (graph) => {
      const indexable = [...graph.pages.values()].filter(isIndexable);
      if (indexable.length < SITE_THRESHOLDS.thinVsNormMinPages) return [];
      const norm = median(indexable.map((page) => page.wordCount));
      const limit = norm * SITE_THRESHOLDS.thinVsNormMaxShareOfMedian;
      const percent = Math.round(SITE_THRESHOLDS.thinVsNormMaxShareOfMedian * 100);
      // Pages under the absolute thin-content line are reported by thin-content already.
      return indexable
        .filter((page) => page.wordCount >= SITE_THRESHOLDS.thinContentWords && page.wordCount < limit)
        .map((page) => ({
          url: page.url,
          message: `${page.wordCount} words, under ${percent}% of the site’s median of ${Math.round(norm)} words per page`,
          details: { wordCount: page.wordCount, siteMedianWords: norm, indexablePages: indexable.length },
        }));
    },
  },
  {
    id: 'trust-pages-missing',
    scope: 'site',
    category: 'local-eeat',
    severity: 'medium',
    title: 'No about, contact or legal pages',
    why: 'Visitors and search quality raters look for who runs a site, how to reach them and its privacy terms before they trust it (Google’s quality rater guidelines); many jurisdictions require a privacy policy or legal notice.',
    fix: 'Publish the missing pages and link them from the footer of every page.',
    run: (graph) => {
      const crawled = [...graph.pages.values()].filter((page) => isOk(page) && isHtml(page));
      if (crawled.length < SITE_THRESHOLDS.trustPagesMinPages) return [];
      const found = findTrustPages(graph);
      const missing = TRUST_PAGES.filter((_, i) => !found[i]).map((kind) => kind.label);
      if (missing.length === 0) return [];
      return [
        {
          url: siteLevelUrl(graph),
          message: `No ${missing.join(', no ')} found: none of ${crawled.length} crawled pages is one or links to one`,
          details: { missing, crawledPages: crawled.length },
        },
      ];
    },
  },
  {
    id: 'social-profile-links-missing',
    scope: 'site',
    category: 'social',
    severity: 'info',
    title: 'No links to social profiles',
    why: 'Links from your site to your own social profiles (and the same URLs in Organization sameAs) help search engines tie those profiles to your business for the knowledge panel, and show visitors the business is active.',
    fix: 'Link your main social profiles from the footer or contact page, and list the same URLs in the sameAs property of your Organization or LocalBusiness markup. Ignore this if the business has no social profiles.',
    run: (graph) => {
      const crawled = [...graph.pages.values()].filter((page) => isOk(page) && isHtml(page));
      if (crawled.length < SITE_THRESHOLDS.trustPagesMinPages) return [];
      if (graph.links.some((link) => !link.internal && isSocialProfileUrl(link.to))) return [];
      return [
        {
          url: siteLevelUrl(graph),
          message: `None of ${crawled.length} crawled pages links to a social profile (Facebook, Instagram, LinkedIn, X, YouTube…)`,
          details: { crawledPages: crawled.length },
        },
      ];
    },
  },
] satisfies SiteCheck[];
