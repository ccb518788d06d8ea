// What every collector needs to know about the page besides the node in hand: the HTML it came
// from, where relative URLs resolve, and where to report resources loaded over plain http.
import type { CheerioAPI } from 'cheerio';
import { resolveUrl } from '@/lib/analysis/extract-urls';

export type PageContext = {
  readonly html: string;
  readonly pageUrl: string;
  /** What relative URLs resolve against: the first <base href>, else the page URL. */
  readonly baseUrl: string;
  /** Reports a resource URL as written in an attribute; http:// ones on an https page are mixed content. */
  noteResource(raw: string | undefined): void;
};

/**
 * The page context for one parsed document, plus what it found on the way: the <base href> (null
 * when absent) and, once the walk is done, the mixed-content URLs in document order.
 */
export function createPageContext(html: string, $: CheerioAPI, pageUrl: string): { page: PageContext; baseHref: string | null; mixedContent(): string[] } {
  const baseHref = readBaseHref(html, $, pageUrl);
  const baseUrl = baseHref ?? pageUrl;
  const mixed = new Set<string>();
  const pageIsHttps = pageUrl.startsWith('https:');
  const noteResource = (raw: string | undefined) => {
    if (!pageIsHttps || !raw) return;
    const url = resolveUrl(raw.trim(), baseUrl);
    if (url && url.startsWith('http:')) mixed.add(url);
  };
  return { page: { html, pageUrl, baseUrl, noteResource }, baseHref, mixedContent: () => [...mixed] };
}

function readBaseHref(html: string, $: CheerioAPI, pageUrl: string): string | null {
  // The selector walks the whole tree (recursively: deep pages hurt), so skip it when there is no <base.
  if (!/<base[\s>\/]/i.test(html)) return null;
  const baseEl = $('base[href]').first();
  const raw = baseEl.length ? (baseEl.attr('href') ?? '').trim() : '';
  return raw ? resolveUrl(raw, pageUrl) : null;
}
