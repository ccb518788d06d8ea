// Document-level metadata: doctype, lang, <title> and the <meta> tags (charset, description,
// robots, viewport, refresh, Open Graph, Twitter…). Most of it only counts inside the head: a tag
// after whatever closed the head is body content to browsers and to Google.
import type { Element } from 'domhandler';
import type { MetaRobots, PageFacts } from '@/lib/crawler/page-facts';
import type { Collector, WalkContext } from '@/lib/analysis/extract-dom-walk';
import type { PageContext } from '@/lib/analysis/extract-page-context';
import { readRawText } from '@/lib/analysis/extract-read-text';
import { splitDirectives } from '@/lib/analysis/robots-directives';
import { collapseWhitespace } from '@/lib/analysis/text-utils';

export type HeadMetaFacts = Required<
  Pick<
    PageFacts,
    | 'doctype' | 'lang' | 'titles' | 'title' | 'titleInBody' | 'metaDescriptions' | 'metaDescription' | 'metaKeywords'
    | 'robots' | 'robotsInBody' | 'viewport' | 'viewportCount' | 'metaRefresh' | 'declaredCharset' | 'declaredCharsetOffset'
    | 'cspMeta' | 'metaReferrer' | 'openGraph' | 'twitter'
  >
>;

/** Bots whose bot-specific robots meta Lighthouse's is-crawlable honours, plus common majors. */
const OTHER_BOTS = new Set(['bingbot', 'duckduckbot', 'archive.org_bot', 'yandex', 'yandexbot', 'baiduspider', 'slurp', 'applebot']);

/**
 * headerRobots: X-Robots-Tag sources, merged into `robots`. ignoredHeadElements: shared with the
 * head-link collector so both report, in document order, the tags a broken head made ineffective.
 */
export function createHeadMetaCollector(page: PageContext, headerRobots: MetaRobots['sources'], ignoredHeadElements: string[]): Collector<HeadMetaFacts> {
  let doctype: string | null = null;
  let lang: string | null = null;
  const titles: string[] = [];
  let titleInBody = false;
  const metaDescriptions: string[] = [];
  let metaKeywords: string | null = null;
  const robotsSources: MetaRobots['sources'] = [];
  const robotsInBody: string[] = [];
  let viewport: string | null = null;
  let viewportCount = 0;
  let metaRefresh: string | null = null;
  let declaredCharset: string | null = null;
  let declaredCharsetOffset: number | null = null;
  let cspMeta: string | null = null;
  let metaReferrer: string | null = null;
  const openGraph: Record<string, string> = {};
  const twitter: Record<string, string> = {};

  const declareCharset = (charset: string, el: Element) => {
    if (declaredCharset !== null) return;
    declaredCharset = charset;
    declaredCharsetOffset = byteOffset(page.html, el.startIndex);
  };

  const readMeta = (el: Element, at: WalkContext, inHead: boolean) => {
    const a = el.attribs;
    const name = (a['name'] ?? '').trim().toLowerCase();
    const property = (a['property'] ?? '').trim().toLowerCase();
    const content = a['content'] ?? '';
    const httpEquiv = (a['http-equiv'] ?? '').trim().toLowerCase();
    if (!inHead && at.inHeadTag && (name || httpEquiv)) ignoredHeadElements.push(describeMeta(name, httpEquiv));
    if (a['charset'] !== undefined) {
      declareCharset(a['charset'].trim().toLowerCase(), el);
    } else if (httpEquiv === 'content-type') {
      const m = /charset\s*=\s*["']?([\w-]+)/i.exec(content);
      if (m) declareCharset((m[1] ?? '').toLowerCase(), el);
    } else if (httpEquiv === 'refresh') {
      if (metaRefresh === null) metaRefresh = content.trim();
    } else if (httpEquiv === 'content-security-policy') {
      if (cspMeta === null) cspMeta = content.trim();
    }
    if (name === 'referrer' && metaReferrer === null) metaReferrer = content.trim();
    if (name === 'robots' || name === 'googlebot' || OTHER_BOTS.has(name)) {
      if (inHead) {
        if (name === 'robots') robotsSources.push({ source: 'meta-robots', value: content.trim() });
        else if (name === 'googlebot') robotsSources.push({ source: 'meta-googlebot', value: content.trim(), bot: 'googlebot' });
        else robotsSources.push({ source: 'meta-bot', value: content.trim(), bot: name });
      } else if (name === 'robots' || name === 'googlebot') {
        robotsInBody.push(content.trim());
      }
    } else if (name === 'description') {
      if (inHead) metaDescriptions.push(collapseWhitespace(content));
    } else if (name === 'keywords') {
      if (metaKeywords === null) metaKeywords = collapseWhitespace(content);
    } else if (name === 'viewport') {
      viewportCount++;
      if (viewport === null) viewport = content.trim();
    }
    const key = property || name;
    // article:* (published_time, author…) belongs to the Open Graph protocol too.
    if ((key.startsWith('og:') || key.startsWith('article:')) && openGraph[key] === undefined) openGraph[key] = content.trim();
    if (key.startsWith('twitter:') && twitter[key] === undefined) twitter[key] = content.trim();
  };

  return {
    tags: ['html', 'title', 'meta'],
    directive(data) {
      if (doctype !== null) return;
      const m = /^!doctype\s*(.*)$/i.exec(data);
      if (m) doctype = collapseWhitespace(m[1] ?? '');
    },
    element(el, at, inHead) {
      switch (el.name) {
        case 'html':
          if (lang === null && el.attribs['lang'] !== undefined) lang = el.attribs['lang'].trim();
          if (lang === null && el.attribs['xml:lang'] !== undefined) lang = el.attribs['xml:lang'].trim();
          break;
        case 'title':
          if (!inHead) titleInBody = true;
          titles.push(collapseWhitespace(readRawText(el)));
          break;
        case 'meta':
          readMeta(el, at, inHead);
          break;
        default:
          break;
      }
    },
    finish: () => ({
      doctype,
      lang,
      titles,
      title: titles[0] ?? null,
      titleInBody,
      metaDescriptions,
      metaDescription: metaDescriptions[0] ?? null,
      metaKeywords,
      robots: buildRobots(robotsSources, headerRobots),
      robotsInBody,
      viewport,
      viewportCount,
      metaRefresh,
      declaredCharset,
      declaredCharsetOffset,
      cspMeta,
      metaReferrer,
      openGraph,
      twitter,
    }),
  };
}

/** Directives that apply to Google: generic ones plus those scoped to googlebot. */
export function buildRobots(metaSources: MetaRobots['sources'], headerSources: MetaRobots['sources']): MetaRobots {
  const sources = [...metaSources, ...headerSources];
  const directives: string[] = [];
  for (const s of sources) {
    if (s.source === 'meta-bot') continue;
    if (s.source === 'x-robots-tag' && s.bot && s.bot !== 'googlebot') continue;
    for (const d of splitDirectives(s.value)) if (!directives.includes(d)) directives.push(d);
  }
  return {
    directives,
    noindex: directives.includes('noindex') || directives.includes('none'),
    nofollow: directives.includes('nofollow') || directives.includes('none'),
    sources,
  };
}

function describeMeta(name: string, httpEquiv: string): string {
  return name ? `<meta name="${name}">` : `<meta http-equiv="${httpEquiv}">`;
}

// The charset check needs bytes (a <meta charset> must sit in the first 1024 bytes), the parser counts UTF-16 units.
function byteOffset(html: string, index: number | null): number | null {
  if (index === null || index < 0) return null;
  return Buffer.byteLength(html.slice(0, index));
}
