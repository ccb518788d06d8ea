// Facts the HTTP response headers state about the page: Link canonical / hreflang and X-Robots-Tag.
// They are read before (and without) the HTML, so a non-HTML response still has them.
import type { HreflangFact, MetaRobots } from '@/lib/crawler/page-facts';
import { parseXRobotsTag } from '@/lib/analysis/robots-directives';
import { resolveUrl } from '@/lib/analysis/extract-urls';

export type HeaderFacts = {
  canonicals: string[];
  hreflang: HreflangFact[];
  robotsSources: MetaRobots['sources'];
};

export function parseHeaderFacts(headers: Record<string, string>, finalUrl: string): HeaderFacts {
  const canonicals: string[] = [];
  const hreflang: HreflangFact[] = [];
  for (const link of parseLinkHeader(headers['link'] ?? '')) {
    const rels = (link.params['rel'] ?? '').toLowerCase().split(/\s+/);
    const url = resolveUrl(link.target, finalUrl);
    if (rels.includes('canonical') && url) canonicals.push(url);
    if (rels.includes('alternate') && link.params['hreflang'] !== undefined) {
      hreflang.push({ lang: link.params['hreflang'], url, href: link.target, source: 'header' });
    }
  }
  return { canonicals, hreflang, robotsSources: parseXRobotsTag(headers['x-robots-tag'] ?? '') };
}

/** Parses an RFC 8288 Link header into targets and (lower-cased) parameters. */
export function parseLinkHeader(value: string): { target: string; params: Record<string, string> }[] {
  const out: { target: string; params: Record<string, string> }[] = [];
  const re = /<([^>]*)>((?:\s*;\s*[^;,=\s]+(?:\s*=\s*(?:"[^"]*"|[^;,]*))?)*)/g;
  for (const m of value.matchAll(re)) {
    const params: Record<string, string> = {};
    for (const p of (m[2] ?? '').matchAll(/;\s*([^;,=\s]+)(?:\s*=\s*(?:"([^"]*)"|([^;,]*)))?/g)) {
      const key = (p[1] ?? '').toLowerCase();
      params[key] = (p[2] ?? p[3] ?? '').trim();
    }
    out.push({ target: (m[1] ?? '').trim(), params });
  }
  return out;
}
