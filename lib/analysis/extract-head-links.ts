// The page's <link rel> relations to other URLs: canonical, hreflang alternates, icon, AMP, prev/next.
// Canonical and hreflang only count in the head; in the body search engines ignore them, so they
// are reported apart.
import type { Element } from 'domhandler';
import type { HreflangFact, PageFacts } from '@/lib/crawler/page-facts';
import type { Collector, WalkContext } from '@/lib/analysis/extract-dom-walk';
import type { PageContext } from '@/lib/analysis/extract-page-context';
import { resolveUrl } from '@/lib/analysis/extract-urls';

export type HeadLinkFacts = Required<
  Pick<PageFacts, 'canonicals' | 'canonicalHrefs' | 'canonicalInBody' | 'hreflang' | 'hreflangInBody' | 'favicon' | 'ampHtml' | 'prevNext'>
>;

/**
 * headerHreflang: alternates from the Link header, listed after the HTML ones. ignoredHeadElements:
 * shared with the head-meta collector (see there).
 */
export function createHeadLinkCollector(page: PageContext, headerHreflang: HreflangFact[], ignoredHeadElements: string[]): Collector<HeadLinkFacts> {
  const canonicals: string[] = [];
  const canonicalHrefs: string[] = [];
  let canonicalInBody = false;
  const hreflang: HreflangFact[] = [];
  const hreflangInBody: { lang: string; href: string }[] = [];
  let favicon: string | null = null;
  let ampHtml: string | null = null;
  const prevNext: PageFacts['prevNext'] = { prev: null, next: null };

  const readLink = (el: Element, at: WalkContext, inHead: boolean) => {
    const a = el.attribs;
    const rels = (a['rel'] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const hrefRaw = a['href'];
    const href = hrefRaw !== undefined ? hrefRaw.trim() : undefined;
    const resolved = href !== undefined && href !== '' ? resolveUrl(href, page.baseUrl) : null;
    if (rels.includes('canonical')) {
      if (inHead) {
        if (href !== undefined) {
          canonicalHrefs.push(hrefRaw ?? '');
          if (resolved && /^https?:/.test(resolved)) canonicals.push(resolved);
        }
      } else {
        canonicalInBody = true;
        if (at.inHeadTag) ignoredHeadElements.push('<link rel="canonical">');
      }
    }
    if (rels.includes('alternate') && a['hreflang'] !== undefined) {
      if (inHead) hreflang.push({ lang: a['hreflang'], url: resolved, href: hrefRaw ?? '', source: 'html' });
      else {
        hreflangInBody.push({ lang: a['hreflang'], href: hrefRaw ?? '' });
        if (at.inHeadTag) ignoredHeadElements.push(`<link rel="alternate" hreflang="${a['hreflang']}">`);
      }
    }
    if (rels.includes('icon') && favicon === null && resolved) favicon = resolved;
    if (rels.includes('amphtml') && ampHtml === null && resolved) ampHtml = resolved;
    if (rels.includes('prev') && prevNext.prev === null) prevNext.prev = resolved ?? href ?? null;
    if (rels.includes('next') && prevNext.next === null) prevNext.next = resolved ?? href ?? null;
  };

  return {
    tags: ['link'],
    element: readLink,
    finish: () => ({
      canonicals,
      canonicalHrefs,
      canonicalInBody,
      hreflang: [...hreflang, ...headerHreflang],
      hreflangInBody,
      favicon,
      ampHtml,
      prevNext,
    }),
  };
}
