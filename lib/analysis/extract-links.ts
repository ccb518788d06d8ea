// Every <a> on the page: its resolved URL (http(s) only), anchor text and the landmark it sits in.
import type { AnyNode, Element } from 'domhandler';
import type { LinkFact, PageFacts } from '@/lib/crawler/page-facts';
import type { Collector, Landmark } from '@/lib/analysis/extract-dom-walk';
import type { PageContext } from '@/lib/analysis/extract-page-context';
import { readText, TEXT_READ_MAX_CHARS, TEXT_READ_MAX_NODES } from '@/lib/analysis/extract-read-text';
import { parseUrl, siteOf } from '@/lib/analysis/extract-urls';
import { collapseWhitespace } from '@/lib/analysis/text-utils';

export type LinkFacts = Pick<PageFacts, 'links'>;

export function createLinkCollector(page: PageContext): Collector<LinkFacts> {
  const links: LinkFact[] = [];
  // Parsed once, not once per link: URL parsing is a large share of extraction time.
  const pageSite = siteOf(page.pageUrl);
  return {
    tags: ['a'],
    element(el, at) {
      links.push(buildLink(el, page.baseUrl, pageSite, at.landmark));
    },
    finish: () => ({ links }),
  };
}

/** pageSite: siteOf(the page URL); a link to the same site is internal. */
export function buildLink(el: Element, baseUrl: string, pageSite: string | null, position: Landmark): LinkFact {
  const a = el.attribs;
  const href = a['href'] !== undefined ? a['href'] : null;
  const trimmed = href?.trim() ?? '';
  let url: string | null = null;
  let internal = false;
  if (href !== null) {
    // Browsers strip tabs and newlines from URLs before parsing.
    const compact = trimmed.replace(/[\t\n\r]/g, '');
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
    if (!scheme || scheme === 'http' || scheme === 'https') {
      const resolved = parseUrl(compact, baseUrl);
      if (resolved && /^https?:/.test(resolved.href)) {
        url = resolved.href;
        internal = siteOf(resolved) === pageSite;
      }
    }
  }
  let text = collapseWhitespace(readText(el));
  if (!text) {
    const alts: string[] = [];
    for (const img of findDescendants(el, 'img')) if (img.attribs['alt']) alts.push(img.attribs['alt']);
    // Attributes are as long as a stranger makes them: capped like the text read from the link itself.
    text = (collapseWhitespace(alts.join(' ')) || collapseWhitespace(a['aria-label'] ?? '') || collapseWhitespace(a['title'] ?? '')).slice(0, TEXT_READ_MAX_CHARS);
  }
  const link: LinkFact = {
    url,
    href,
    text,
    rel: (a['rel'] ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    internal,
    position,
  };
  if (a['target'] !== undefined) link.target = a['target'];
  if (a['onclick'] !== undefined) link.hasOnclick = true;
  if (a['id'] !== undefined) link.id = a['id'];
  if (a['name'] !== undefined) link.name = a['name'];
  if (a['role'] !== undefined) link.role = a['role'];
  if (a['aria-current'] !== undefined) link.ariaCurrent = a['aria-current'];
  if (a['title'] !== undefined) link.title = a['title'];
  return link;
}

/** Bounded like readText: it runs once per link. */
function findDescendants(el: Element, tag: string): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [...el.children];
  let nodes = 0;
  while (stack.length && nodes++ < TEXT_READ_MAX_NODES) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'tag') {
      const child = node as Element;
      if (child.name === tag) out.push(child);
      stack.push(...child.children);
    }
  }
  return out;
}
