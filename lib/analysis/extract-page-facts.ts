// Turns one fetched (and optionally rendered) HTML document into PageFacts in a single DOM walk.
//
// Parser choice: cheerio with the htmlparser2 backend (`xml: { xmlMode: false }`). In cheerio 1.2
// that flag flips `_useHtmlParser2` on while keeping HTML semantics (lower-cased tags, void
// elements, raw-text <script>/<style>/<title>); it is ~2× faster than the default parse5 backend
// on a 2 MB page. htmlparser2 doesn't build the spec tree, so two spec behaviours are re-created
// here by hand: (1) an element that may not live in <head> (e.g. <img>, <div>, stray text) closes
// the head — Google documents that it stops reading head metadata at that point — and (2) a
// leading BOM is stripped so it can't turn into body text.
import { createHash } from 'node:crypto';
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type {
  HeadingFact,
  HreflangFact,
  ImageFact,
  LinkFact,
  MetaRobots,
  PageFacts,
  StructuredDataFact,
} from '@/lib/crawler/page-facts';
import { parseXRobotsTag, splitDirectives } from '@/lib/analysis/robots-directives';
import { computeTextMinhash } from '@/lib/analysis/text-minhash';
import { collapseWhitespace, countWords } from '@/lib/analysis/text-utils';
import { looksClientRenderedFromFacts } from '@/lib/fetch/looks-client-rendered';
import type { FetchResult, RenderResult } from '@/lib/fetch/types';

export type ExtractPageFactsInput = {
  fetch: FetchResult;
  rendered?: RenderResult;
  /** Caller's verdict on the raw HTML; when omitted we apply our own heuristic. */
  looksClientRendered?: boolean;
};

// Elements the HTML parser keeps in <head>; anything else implicitly opens <body>.
const HEAD_ELEMENTS = new Set(['title', 'meta', 'link', 'base', 'script', 'style', 'noscript', 'template', 'html', 'head', 'basefont', 'bgsound']);
const INLINE_ELEMENTS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'label', 'mark', 'q', 's',
  'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'abbr', 'big', 'tt', 'strike', 'ins', 'del',
]);
const SKIP_TEXT_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'head', 'title', 'iframe', 'object', 'canvas']);
const REPLACED_ELEMENTS = new Set(['img', 'video', 'iframe', 'canvas', 'svg', 'embed', 'object', 'picture', 'source', 'audio']);
const JS_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/ecmascript', 'application/ecmascript', 'application/x-javascript', 'text/jscript']);
/** Bots whose bot-specific robots meta Lighthouse's is-crawlable honours, plus common majors. */
const OTHER_BOTS = new Set(['bingbot', 'duckduckbot', 'archive.org_bot', 'yandex', 'yandexbot', 'baiduspider', 'slurp', 'applebot']);

/** Pure: extracts every PageFacts field from a fetch result (and the rendered DOM, when given). */
export function extractPageFacts(input: ExtractPageFactsInput): PageFacts {
  const { fetch, rendered } = input;
  const rawBody = fetch.body;
  const bomInBody = rawBody.charCodeAt(0) === 0xfeff;
  const hasBom = bomInBody || (fetch as FetchResult & { hasBom?: boolean }).hasBom === true;
  const rawHtml = bomInBody ? rawBody.slice(1) : rawBody;
  const finalUrl = fetch.finalUrl || fetch.requestedUrl;
  const isHtml = detectHtml(fetch.contentType, rawHtml);
  const header = parseHeaderFacts(fetch.headers, finalUrl);

  const base: PageFacts = {
    url: fetch.requestedUrl,
    finalUrl,
    status: fetch.status,
    headers: fetch.headers,
    redirects: fetch.redirects.map((r) => ({ url: r.url, status: r.status, location: r.location })),
    ...(fetch.redirectError ? { redirectError: fetch.redirectError } : {}),
    contentType: fetch.contentType,
    charset: fetch.charset,
    declaredCharset: null,
    hasBom,
    isHtml,
    doctype: null,
    lang: null,
    titles: [],
    title: null,
    titleInBody: false,
    metaDescriptions: [],
    metaDescription: null,
    metaKeywords: null,
    robots: buildRobots([], header.robotsSources),
    canonicals: [],
    canonicalInBody: false,
    canonicalFromHeader: header.canonicals,
    canonicalHrefs: [],
    hreflang: header.hreflang,
    viewport: null,
    metaRefresh: null,
    favicon: null,
    ampHtml: null,
    prevNext: { prev: null, next: null },
    headings: [],
    h1s: [],
    text: '',
    wordCount: 0,
    textHash: hashText(''),
    textMinhash: null,
    textRatio: 0,
    paragraphs: 0,
    links: [],
    images: [],
    scripts: [],
    stylesheets: [],
    iframes: 0,
    forms: [],
    mixedContent: [],
    inlineStyleBytes: 0,
    inlineScriptBytes: 0,
    domNodes: 0,
    hasNoscript: false,
    usesPlugins: false,
    fontSizesPx: [],
    structuredData: [],
    openGraph: {},
    twitter: {},
    htmlBytes: fetch.bodyBytes || Buffer.byteLength(rawBody),
    transferBytes: fetch.transferBytes,
    truncated: fetch.truncated,
    timings: { ttfbMs: fetch.timings.ttfbMs, totalMs: fetch.timings.totalMs, loopLagMs: fetch.timings.loopLagMs },
    sniffedHtml: sniffHtml(rawHtml),
  };
  if (!isHtml) return base;

  const raw = extractDocument(rawHtml, finalUrl, header);
  if (!rendered) {
    const looks = input.looksClientRendered ?? detectClientRendered(raw);
    return {
      ...base,
      ...raw.facts,
      textRatio: ratio(raw.textBytes, base.htmlBytes),
      ...(input.looksClientRendered !== undefined || looks
        ? {
            rendering: {
              mode: 'raw' as const,
              looksClientRendered: looks,
              rawTitle: raw.facts.title,
              rawH1s: raw.facts.h1s,
              rawWordCount: raw.facts.wordCount,
              rawCanonicals: raw.facts.canonicals,
              rawMetaDescription: raw.facts.metaDescription,
              rawRobots: raw.facts.robots.directives,
              renderedOnlyLinks: 0,
            },
          }
        : {}),
    };
  }

  const renderedHtml = rendered.html.charCodeAt(0) === 0xfeff ? rendered.html.slice(1) : rendered.html;
  const dom = extractDocument(renderedHtml, finalUrl, header);
  const rawLinkKeys = new Set(raw.facts.links.map(linkKey));
  let renderedOnlyLinks = 0;
  const links = dom.facts.links.map((l) => {
    if (rawLinkKeys.has(linkKey(l))) return l;
    renderedOnlyLinks++;
    return { ...l, renderedOnly: true };
  });
  const renderedBytes = Buffer.byteLength(renderedHtml);
  return {
    ...base,
    ...dom.facts,
    links,
    textRatio: ratio(dom.textBytes, renderedBytes),
    rendering: {
      mode: 'rendered',
      looksClientRendered: input.looksClientRendered ?? detectClientRendered(raw),
      rawTitle: raw.facts.title,
      rawH1s: raw.facts.h1s,
      rawWordCount: raw.facts.wordCount,
      rawCanonicals: raw.facts.canonicals,
      rawMetaDescription: raw.facts.metaDescription,
      rawRobots: raw.facts.robots.directives,
      renderedOnlyLinks,
      // Copied field by field: facts are structured-cloned out of the analysis thread, keep them plain.
      ...(rendered.blockedResources ? { blockedResources: rendered.blockedResources.map(({ url, type }) => ({ url, type })) } : {}),
    },
  };
}

/** Stable hash of the normalised visible text (duplicate detection across pages). */
export function hashText(text: string): string {
  const normalised = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha1').update(normalised).digest('hex');
}

function linkKey(l: LinkFact): string {
  return l.url ?? `raw:${l.href ?? ''}`;
}

function ratio(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.min(1, Math.round((part / whole) * 10000) / 10000);
}

function detectHtml(contentType: string, body: string): boolean {
  const ct = contentType.toLowerCase();
  if (ct.includes('text/html') || ct.includes('application/xhtml+xml')) return true;
  // No content-type at all: sniff like a browser would.
  if (ct.trim() === '') return sniffHtml(body);
  return false;
}

function sniffHtml(body: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b/i.test(body.slice(0, 4096));
}

// A raw HTML that is (nearly) empty but ships scripts and an app mount point (#root, #__next…) was
// built client-side. Without the mount point a short page is just short ("Coming soon").
function detectClientRendered(raw: DocumentResult): boolean {
  return looksClientRenderedFromFacts({ wordCount: raw.facts.wordCount, hasAppRoot: raw.hasAppRoot, hasExternalScript: raw.facts.scripts.some((s) => s.src !== null) });
}

// ---------------------------------------------------------------------------------------------
// HTTP header facts

type HeaderFacts = {
  canonicals: string[];
  hreflang: HreflangFact[];
  robotsSources: MetaRobots['sources'];
};

function parseHeaderFacts(headers: Record<string, string>, finalUrl: string): HeaderFacts {
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

/** Directives that apply to Google: generic ones plus those scoped to googlebot. */
function buildRobots(metaSources: MetaRobots['sources'], headerSources: MetaRobots['sources']): MetaRobots {
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

// ---------------------------------------------------------------------------------------------
// Document walk

type DocFacts = Omit<
  PageFacts,
  | 'url' | 'finalUrl' | 'status' | 'headers' | 'redirects' | 'redirectError' | 'contentType' | 'charset' | 'hasBom'
  | 'isHtml' | 'canonicalFromHeader' | 'htmlBytes' | 'transferBytes' | 'truncated' | 'timings' | 'textRatio' | 'rendering'
>;
type DocumentResult = { facts: DocFacts; textBytes: number; hasAppRoot: boolean };

type Landmark = LinkFact['position'];
type Ctx = {
  landmark: Landmark;
  hidden: boolean;
  link: boolean;
  picture: { hasImg: boolean } | null;
  form: number | null;
  code: boolean;
  /** Inside an explicit <head> element (used to report head tags the parser moved to body). */
  inHeadTag: boolean;
};

type Frame = { node: AnyNode; ctx: Ctx } | { exit: Element; ctx: Ctx };

function extractDocument(html: string, pageUrl: string, header: HeaderFacts): DocumentResult {
  const $ = cheerio.load(html, { xml: { xmlMode: false, withStartIndices: true } });
  const root = $.root()[0] as AnyNode;

  let headZone = true;
  let headBrokenBy: string | null = null;
  const ignoredHeadElements: string[] = [];

  // Document base URL: first <base href> wins (resolved against the page URL).
  // The selector walks the whole tree (recursively, deep pages hurt): skip it when there is no <base.
  const baseEl = /<base[\s>\/]/i.test(html) ? $('base[href]').first() : $([]);
  const baseHrefRaw = baseEl.length ? (baseEl.attr('href') ?? '').trim() : null;
  const baseHref = baseHrefRaw ? resolveUrl(baseHrefRaw, pageUrl) : null;
  const baseUrl = baseHref ?? pageUrl;
  const pageIsHttps = pageUrl.startsWith('https:');

  let doctype: string | null = null;
  let lang: string | null = null;
  const titles: string[] = [];
  let titleInBody = false;
  const metaDescriptions: string[] = [];
  let metaKeywords: string | null = null;
  const metaRobotsSources: MetaRobots['sources'] = [];
  const robotsInBody: string[] = [];
  const canonicals: string[] = [];
  const canonicalHrefs: string[] = [];
  let canonicalInBody = false;
  const hreflang: HreflangFact[] = [];
  const hreflangInBody: { lang: string; href: string }[] = [];
  let viewport: string | null = null;
  let viewportCount = 0;
  let metaRefresh: string | null = null;
  let favicon: string | null = null;
  let ampHtml: string | null = null;
  const prevNext: PageFacts['prevNext'] = { prev: null, next: null };
  let declaredCharset: string | null = null;
  let declaredCharsetOffset: number | null = null;
  let metaAuthor: string | null = null;
  let cspMeta: string | null = null;
  let metaReferrer: string | null = null;
  const authorSignals = new Set<string>();

  const headings: HeadingFact[] = [];
  const textParts: string[] = [];
  const proseParts: string[] = [];
  const pushSpace = () => {
    textParts.push(' ');
    proseParts.push(' ');
  };
  let paragraphs = 0;
  const links: LinkFact[] = [];
  const images: ImageFact[] = [];
  const scripts: PageFacts['scripts'] = [];
  const stylesheets: PageFacts['stylesheets'] = [];
  let iframes = 0;
  const forms: PageFacts['forms'] = [];
  const mixedContent = new Set<string>();
  let inlineStyleBytes = 0;
  let inlineScriptBytes = 0;
  let domNodes = 0;
  let hasNoscript = false;
  let usesPlugins = false;
  const fontSizesPx: number[] = [];
  const structuredData: StructuredDataFact[] = [];
  const microdataRoots: Element[] = [];
  const openGraph: Record<string, string> = {};
  const twitter: Record<string, string> = {};
  const idCounts = new Map<string, number>();
  const fragmentTargets = new Set<string>();
  let timeElements = 0;
  let jsRedirect: string | null = null;
  let usesDocumentWrite = false;
  let picturesWithoutImg = 0;
  const fixedWidthElements: { tag: string; widthPx: number }[] = [];
  let baseFontSizePx: number | null = null;
  let fontFacesWithoutDisplay = 0;
  const templateTokens = new Set<string>();
  const buttons: string[] = [];
  let structure = { html: 0, head: 0, body: 0 };
  let hasAppRoot = false;

  const noteMixed = (value: string | undefined) => {
    if (!pageIsHttps || !value) return;
    const url = resolveUrl(value.trim(), baseUrl);
    if (url && url.startsWith('http:')) mixedContent.add(url);
  };
  const breakHead = (what: string) => {
    if (headZone) {
      headZone = false;
      headBrokenBy = what;
    }
  };

  const stack: Frame[] = [];
  const rootCtx: Ctx = { landmark: 'content', hidden: false, link: false, picture: null, form: null, code: false, inHeadTag: false };
  const rootChildren = (root as unknown as { children: AnyNode[] }).children;
  for (let i = rootChildren.length - 1; i >= 0; i--) stack.push({ node: rootChildren[i] as AnyNode, ctx: rootCtx });

  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if ('exit' in frame) {
      const el = frame.exit;
      if (!INLINE_ELEMENTS.has(el.name)) pushSpace();
      if (el.name === 'picture' && frame.ctx.picture && !frame.ctx.picture.hasImg) picturesWithoutImg++;
      continue;
    }
    const { node, ctx } = frame;

    if (node.type === 'directive') {
      const data = (node as unknown as { data: string }).data;
      const m = /^!doctype\s*(.*)$/i.exec(data);
      if (m && doctype === null) doctype = collapseWhitespace(m[1] ?? '');
      continue;
    }
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      if (data.trim() === '') {
        if (!ctx.hidden) pushSpace();
        continue;
      }
      if (headZone) breakHead(`text "${collapseWhitespace(data).slice(0, 40)}"`);
      if (!ctx.hidden) {
        textParts.push(data);
        if (!ctx.code) {
          proseParts.push(data);
          collectTemplateTokens(data, templateTokens);
        }
      }
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;

    const el = node as Element;
    const name = el.name;
    const a = el.attribs;
    domNodes++;

    if (name === 'body') {
      structure = { ...structure, body: structure.body + 1 };
      headZone = false;
    } else if (name === 'html') {
      structure = { ...structure, html: structure.html + 1 };
      if (lang === null && a['lang'] !== undefined) lang = a['lang'].trim();
      if (lang === null && a['xml:lang'] !== undefined) lang = a['xml:lang'].trim();
    } else if (name === 'head') {
      structure = { ...structure, head: structure.head + 1 };
    } else if (headZone && !HEAD_ELEMENTS.has(name)) {
      breakHead(`<${name}>`);
    }
    const inHead = headZone;

    if (a['id'] !== undefined && a['id'] !== '') {
      idCounts.set(a['id'], (idCounts.get(a['id']) ?? 0) + 1);
      fragmentTargets.add(a['id']);
      if (/^(?:root|app|__next|__nuxt|___gatsby|svelte|ember-app)$/.test(a['id'])) hasAppRoot = true;
    }
    if (a['style'] !== undefined) collectStyleAttr(name, a['style'], fontSizesPx, fixedWidthElements);
    if (a['itemscope'] !== undefined && a['itemprop'] === undefined) microdataRoots.push(el);
    if (a['typeof'] !== undefined && a['typeof'].trim() !== '') {
      structuredData.push({ format: 'rdfa', types: a['typeof'].trim().split(/\s+/).map(stripSchemaPrefix), data: null });
    }
    if (a['itemprop'] !== undefined && /\bauthor\b/.test(a['itemprop'])) authorSignals.add('itemprop=author');
    if (a['class'] !== undefined && /(?:^|[\s_-])(?:author|byline)(?:$|[\s_-])/i.test(a['class'])) authorSignals.add('class:author');
    if (a['rel'] !== undefined && /\bauthor\b/i.test(a['rel'])) authorSignals.add('rel=author');
    if (a['role'] === 'button' && name !== 'button') {
      buttons.push(collapseWhitespace(readText(el)));
    }

    // Elements whose content is not part of the visible text flow.
    switch (name) {
      case 'title': {
        if (!inHead) titleInBody = true;
        titles.push(collapseWhitespace(readRawText(el)));
        continue;
      }
      case 'script': {
        const type = (a['type'] ?? '').trim().toLowerCase();
        const src = a['src'] !== undefined ? resolveUrl(a['src'].trim(), baseUrl) ?? a['src'] : null;
        scripts.push({ src, async: a['async'] !== undefined, defer: a['defer'] !== undefined, inHead, type: a['type'] ?? null });
        if (src) noteMixed(a['src']);
        const content = readRawText(el);
        if (type === 'application/ld+json') {
          structuredData.push(parseJsonLd(content));
        } else if (src === null && JS_TYPES.has(type)) {
          inlineScriptBytes += Buffer.byteLength(content);
          if (jsRedirect === null) jsRedirect = findJsRedirect(content);
          if (/\bdocument\.write(?:ln)?\s*\(/.test(content)) usesDocumentWrite = true;
        }
        continue;
      }
      case 'style': {
        const css = readRawText(el);
        inlineStyleBytes += Buffer.byteLength(css);
        for (const m of css.matchAll(/font-size\s*:\s*(\d+(?:\.\d+)?)px/gi)) fontSizesPx.push(Number(m[1]));
        for (const m of css.matchAll(/@font-face\s*\{([^}]*)\}/gi)) if (!/font-display\s*:/i.test(m[1] ?? '')) fontFacesWithoutDisplay++;
        for (const m of css.matchAll(/(?:^|[}\s,])body\s*(?:,[^{]*)?\{([^}]*)\}/gi)) {
          const fs = /font-size\s*:\s*(\d+(?:\.\d+)?)px/i.exec(m[1] ?? '');
          if (fs) baseFontSizePx = Number(fs[1]);
        }
        continue;
      }
      case 'noscript':
        // Googlebot renders with JavaScript on, so <noscript> content is inert text to it.
        hasNoscript = true;
        domNodes += countElements(el);
        continue;
      case 'template':
        domNodes += countElements(el);
        continue;
      case 'svg':
      case 'math':
        domNodes += countElements(el);
        continue;
      default:
        break;
    }

    switch (name) {
      case 'meta': {
        const metaName = (a['name'] ?? '').trim().toLowerCase();
        const property = (a['property'] ?? '').trim().toLowerCase();
        const content = a['content'] ?? '';
        const httpEquiv = (a['http-equiv'] ?? '').trim().toLowerCase();
        if (!inHead && ctx.inHeadTag && (metaName || httpEquiv)) ignoredHeadElements.push(describeMeta(metaName, httpEquiv));
        if (a['charset'] !== undefined) {
          if (declaredCharset === null) {
            declaredCharset = a['charset'].trim().toLowerCase();
            declaredCharsetOffset = byteOffset(html, el.startIndex);
          }
        } else if (httpEquiv === 'content-type') {
          const m = /charset\s*=\s*["']?([\w-]+)/i.exec(content);
          if (m && declaredCharset === null) {
            declaredCharset = (m[1] ?? '').toLowerCase();
            declaredCharsetOffset = byteOffset(html, el.startIndex);
          }
        } else if (httpEquiv === 'refresh') {
          if (metaRefresh === null) metaRefresh = content.trim();
        } else if (httpEquiv === 'content-security-policy') {
          if (cspMeta === null) cspMeta = content.trim();
        }
        if (metaName === 'referrer' && metaReferrer === null) metaReferrer = content.trim();
        if (metaName === 'robots' || metaName === 'googlebot' || OTHER_BOTS.has(metaName)) {
          if (inHead) {
            if (metaName === 'robots') metaRobotsSources.push({ source: 'meta-robots', value: content.trim() });
            else if (metaName === 'googlebot') metaRobotsSources.push({ source: 'meta-googlebot', value: content.trim(), bot: 'googlebot' });
            else metaRobotsSources.push({ source: 'meta-bot', value: content.trim(), bot: metaName });
          } else if (metaName === 'robots' || metaName === 'googlebot') {
            robotsInBody.push(content.trim());
          }
        } else if (metaName === 'description') {
          if (inHead) metaDescriptions.push(collapseWhitespace(content));
        } else if (metaName === 'keywords') {
          if (metaKeywords === null) metaKeywords = collapseWhitespace(content);
        } else if (metaName === 'viewport') {
          viewportCount++;
          if (viewport === null) viewport = content.trim();
        } else if (metaName === 'author') {
          if (metaAuthor === null && content.trim()) metaAuthor = collapseWhitespace(content);
          authorSignals.add('meta:author');
        }
        const key = property || metaName;
        // article:* (published_time, author…) belongs to the Open Graph protocol too.
        if ((key.startsWith('og:') || key.startsWith('article:')) && openGraph[key] === undefined) openGraph[key] = content.trim();
        if (key.startsWith('twitter:') && twitter[key] === undefined) twitter[key] = content.trim();
        break;
      }
      case 'link': {
        const rels = (a['rel'] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        const hrefRaw = a['href'];
        const href = hrefRaw !== undefined ? hrefRaw.trim() : undefined;
        const resolved = href !== undefined && href !== '' ? resolveUrl(href, baseUrl) : null;
        if (rels.includes('canonical')) {
          if (inHead) {
            if (href !== undefined) {
              canonicalHrefs.push(hrefRaw ?? '');
              if (resolved && /^https?:/.test(resolved)) canonicals.push(resolved);
            }
          } else {
            canonicalInBody = true;
            if (ctx.inHeadTag) ignoredHeadElements.push('<link rel="canonical">');
          }
        }
        if (rels.includes('alternate') && a['hreflang'] !== undefined) {
          if (inHead) hreflang.push({ lang: a['hreflang'], url: resolved, href: hrefRaw ?? '', source: 'html' });
          else {
            hreflangInBody.push({ lang: a['hreflang'], href: hrefRaw ?? '' });
            if (ctx.inHeadTag) ignoredHeadElements.push(`<link rel="alternate" hreflang="${a['hreflang']}">`);
          }
        }
        if (rels.includes('stylesheet') && href) {
          stylesheets.push({ href: resolved ?? href, inHead, media: a['media'] ?? null });
          noteMixed(href);
        }
        if (rels.includes('icon') && favicon === null && resolved) favicon = resolved;
        if (rels.includes('amphtml') && ampHtml === null && resolved) ampHtml = resolved;
        if (rels.includes('prev') && prevNext.prev === null) prevNext.prev = resolved ?? href ?? null;
        if (rels.includes('next') && prevNext.next === null) prevNext.next = resolved ?? href ?? null;
        break;
      }
      case 'a': {
        links.push(buildLink(el, baseUrl, pageUrl, ctx.landmark));
        if (a['name'] !== undefined && a['name'] !== '') fragmentTargets.add(a['name']);
        break;
      }
      case 'img': {
        images.push(buildImage(el, baseUrl, ctx));
        if (ctx.picture) ctx.picture.hasImg = true;
        noteMixed(a['src']);
        if (a['srcset']) for (const c of a['srcset'].split(',')) noteMixed(c.trim().split(/\s+/)[0]);
        break;
      }
      case 'iframe':
        iframes++;
        noteMixed(a['src']);
        break;
      case 'video':
      case 'audio':
      case 'source':
      case 'track':
        noteMixed(a['src']);
        break;
      case 'embed':
      case 'object':
      case 'applet': {
        const ref = `${a['type'] ?? ''} ${a['src'] ?? ''} ${a['data'] ?? ''} ${a['classid'] ?? ''}`.toLowerCase();
        if (name === 'applet' || /shockwave|flash|x-java|silverlight|\.swf\b|\.flv\b|\.class\b|\.xap\b|\.jar\b|clsid:/.test(ref)) usesPlugins = true;
        noteMixed(a['src'] ?? a['data']);
        break;
      }
      case 'form': {
        const action = a['action'] !== undefined && a['action'].trim() !== '' ? resolveUrl(a['action'].trim(), baseUrl) ?? a['action'] : null;
        forms.push({ action, method: (a['method'] ?? 'get').trim().toLowerCase() || 'get', hasPassword: false });
        break;
      }
      case 'input': {
        const type = (a['type'] ?? '').toLowerCase();
        if (type === 'password' && ctx.form !== null) {
          const form = forms[ctx.form];
          if (form) form.hasPassword = true;
        }
        if ((type === 'submit' || type === 'button') && a['value']) buttons.push(collapseWhitespace(a['value']));
        break;
      }
      case 'button':
        buttons.push(collapseWhitespace(readText(el)));
        break;
      case 'p':
        if (!ctx.hidden && readText(el).trim() !== '') paragraphs++;
        break;
      case 'time':
        timeElements++;
        break;
      case 'table':
      case 'td':
      case 'th':
      case 'div': {
        const w = a['width'];
        if (w && /^\d+$/.test(w.trim()) && Number(w) >= 320) fixedWidthElements.push({ tag: name, widthPx: Number(w) });
        break;
      }
      default:
        if (/^h[1-6]$/.test(name)) {
          const level = Number(name[1]) as HeadingFact['level'];
          headings.push({ level, text: collapseWhitespace(readText(el, true)) });
        }
    }
    if (name === 'body' && a['style']) {
      const fs = /font-size\s*:\s*(\d+(?:\.\d+)?)px/i.exec(a['style']);
      if (fs) baseFontSizePx = Number(fs[1]);
    }

    // Fallback content of these is not rendered when the element works.
    if (name === 'iframe' || name === 'object' || name === 'canvas' || name === 'video' || name === 'audio') continue;

    // Descend.
    const hidden = ctx.hidden || a['hidden'] !== undefined || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a['style'] ?? '');
    const role = (a['role'] ?? '').toLowerCase();
    const landmark: Landmark =
      name === 'nav' || role === 'navigation'
        ? 'nav'
        : name === 'header' || role === 'banner'
          ? 'header'
          : name === 'footer' || role === 'contentinfo'
            ? 'footer'
            : name === 'aside' || role === 'complementary'
              ? 'aside'
              : name === 'main' || role === 'main'
                ? 'content'
                : ctx.landmark;
    const childCtx: Ctx = {
      landmark,
      hidden,
      link: ctx.link || name === 'a',
      picture: name === 'picture' ? { hasImg: false } : ctx.picture,
      form: name === 'form' ? forms.length - 1 : ctx.form,
      code: ctx.code || name === 'pre' || name === 'code' || name === 'textarea' || name === 'kbd' || name === 'samp',
      inHeadTag: name === 'head' ? true : name === 'body' ? false : ctx.inHeadTag,
    };
    if (name === 'br' || !INLINE_ELEMENTS.has(name)) pushSpace();
    stack.push({ exit: el, ctx: childCtx });
    const children = el.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as AnyNode, ctx: childCtx });
  }

  // Each root reads its whole subtree: nested roots would make this quadratic, so only the first few.
  for (const el of microdataRoots.slice(0, MICRODATA_MAX_ROOTS)) structuredData.push(buildMicrodata(el, baseUrl));

  const text = collapseWhitespace(textParts.join(''));
  const title = titles.length > 0 ? (titles[0] ?? null) : null;
  for (const t of [title, metaDescriptions[0]]) if (t) collectTemplateTokens(t, templateTokens);

  const facts: DocFacts = {
    declaredCharset,
    doctype,
    lang,
    titles,
    title,
    titleInBody,
    metaDescriptions,
    metaDescription: metaDescriptions[0] ?? null,
    metaKeywords,
    robots: buildRobots(metaRobotsSources, header.robotsSources),
    canonicals,
    canonicalInBody,
    canonicalHrefs,
    hreflang: [...hreflang, ...header.hreflang],
    viewport,
    metaRefresh,
    favicon,
    ampHtml,
    prevNext,
    headings,
    h1s: headings.filter((h) => h.level === 1).map((h) => h.text),
    text,
    wordCount: countWords(text),
    textHash: hashText(text),
    textMinhash: computeTextMinhash(text),
    paragraphs,
    links,
    images,
    scripts,
    stylesheets,
    iframes,
    forms,
    mixedContent: [...mixedContent],
    inlineStyleBytes,
    inlineScriptBytes,
    domNodes,
    hasNoscript,
    usesPlugins,
    fontSizesPx,
    structuredData,
    openGraph,
    twitter,
    baseHref,
    structure,
    headBrokenBy,
    ignoredHeadElements,
    robotsInBody,
    hreflangInBody,
    declaredCharsetOffset,
    viewportCount,
    duplicateIds: [...idCounts].filter(([, n]) => n > 1).map(([id]) => id),
    fragmentTargets: [...fragmentTargets],
    metaAuthor,
    authorSignals: [...authorSignals],
    timeElements,
    jsRedirect,
    usesDocumentWrite,
    secrets: findSecrets(html),
    cspMeta,
    metaReferrer,
    proseText: collapseWhitespace(proseParts.join('')),
    picturesWithoutImg,
    fixedWidthElements,
    baseFontSizePx,
    fontFacesWithoutDisplay,
    templateTokens: [...templateTokens].slice(0, 10),
    buttons: buttons.filter(Boolean),
  };
  return { facts, textBytes: Buffer.byteLength(text), hasAppRoot };
}

function describeMeta(name: string, httpEquiv: string): string {
  return name ? `<meta name="${name}">` : `<meta http-equiv="${httpEquiv}">`;
}

function byteOffset(html: string, index: number | null): number | null {
  if (index === null || index < 0) return null;
  return Buffer.byteLength(html.slice(0, index));
}

function countElements(el: Element): number {
  let n = 0;
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      n++;
      stack.push(...(node as Element).children);
    }
  }
  return n;
}

/** Raw text content of an element (for raw-text elements like <title>, <script>, <style>). */
function readRawText(el: Element): string {
  let out = '';
  for (const child of el.children) if (child.type === 'text') out += (child as unknown as { data: string }).data;
  return out;
}

// Headings, buttons and links read their own subtree; on hostile markup (100,000 nested <h2>s)
// that is quadratic, so each read stops after this many nodes or characters — far beyond any
// real heading or link text.
const TEXT_READ_MAX_NODES = 500;
const TEXT_READ_MAX_CHARS = 2_000;

/** Visible text of a subtree (bounded, see above); with altFallback, images contribute their alt text. */
function readText(el: Element, altFallback = false): string {
  const parts: string[] = [];
  const stack: AnyNode[] = el.children.slice(0, TEXT_READ_MAX_NODES).reverse();
  let nodes = 0;
  let chars = 0;
  while (stack.length && nodes++ < TEXT_READ_MAX_NODES && chars < TEXT_READ_MAX_CHARS) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data.slice(0, TEXT_READ_MAX_CHARS);
      chars += data.length;
      parts.push(data);
    } else if (node.type === 'tag') {
      const child = node as Element;
      if (SKIP_TEXT_ELEMENTS.has(child.name)) continue;
      if (child.name === 'img' && altFallback && child.attribs['alt']) parts.push(` ${child.attribs['alt']} `);
      if (!INLINE_ELEMENTS.has(child.name)) parts.push(' ');
      for (let i = Math.min(child.children.length, TEXT_READ_MAX_NODES) - 1; i >= 0; i--) stack.push(child.children[i] as AnyNode);
    }
  }
  return parts.join('');
}

function buildLink(el: Element, baseUrl: string, pageUrl: string, position: Landmark): LinkFact {
  const a = el.attribs;
  const href = a['href'] !== undefined ? a['href'] : null;
  const trimmed = href?.trim() ?? '';
  let url: string | null = null;
  if (href !== null) {
    // Browsers strip tabs and newlines from URLs before parsing.
    const compact = trimmed.replace(/[\t\n\r]/g, '');
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
    if (!scheme || scheme === 'http' || scheme === 'https') {
      const resolved = resolveUrl(compact, baseUrl);
      if (resolved && /^https?:/.test(resolved)) url = resolved;
    }
  }
  let text = collapseWhitespace(readText(el));
  if (!text) {
    const alts: string[] = [];
    for (const img of findDescendants(el, 'img')) if (img.attribs['alt']) alts.push(img.attribs['alt']);
    text = collapseWhitespace(alts.join(' ')) || collapseWhitespace(a['aria-label'] ?? '') || collapseWhitespace(a['title'] ?? '');
  }
  const link: LinkFact = {
    url,
    href,
    text,
    rel: (a['rel'] ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    internal: url !== null && isSameSite(url, pageUrl),
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

function buildImage(el: Element, baseUrl: string, ctx: Ctx): ImageFact {
  const a = el.attribs;
  const src = a['src'] !== undefined ? a['src'].trim() : null;
  const style = a['style'] ?? '';
  return {
    src,
    url: src ? resolveUrl(src, baseUrl) : null,
    alt: a['alt'] !== undefined ? a['alt'] : null,
    width: a['width'] ?? null,
    height: a['height'] ?? null,
    loading: a['loading'] !== undefined ? a['loading'].trim().toLowerCase() : null,
    inLink: ctx.link,
    srcset: a['srcset'] ?? null,
    role: a['role'] !== undefined ? a['role'].trim().toLowerCase() : null,
    ariaLabel: a['aria-label'] ?? null,
    ariaHidden: (a['aria-hidden'] ?? '').trim().toLowerCase() === 'true',
    title: a['title'] ?? null,
    inPicture: ctx.picture !== null,
    lazyHint: a['data-src'] !== undefined || a['data-srcset'] !== undefined || a['data-lazy-src'] !== undefined || /\blazy(?:load)?\b/i.test(a['class'] ?? ''),
    fetchpriority: a['fetchpriority'] ?? null,
    styleSized: (/(?:^|;)\s*width\s*:/i.test(style) && /(?:^|;)\s*height\s*:/i.test(style)) || /aspect-ratio\s*:/i.test(style),
    position: ctx.landmark,
  };
}

function collectStyleAttr(tag: string, style: string, fontSizes: number[], fixed: { tag: string; widthPx: number }[]): void {
  const fs = /font-size\s*:\s*(\d+(?:\.\d+)?)px/i.exec(style);
  if (fs) fontSizes.push(Number(fs[1]));
  if (REPLACED_ELEMENTS.has(tag)) return;
  // 320 px is the narrowest common phone viewport; anything fixed below it can't overflow.
  const w = /(?:^|;)\s*width\s*:\s*(\d+(?:\.\d+)?)px/i.exec(style);
  if (w && Number(w[1]) >= 320) fixed.push({ tag, widthPx: Number(w[1]) });
}

const TEMPLATE_TOKEN = /\{\{[^{}\n]{1,60}\}\}|\{%[^%\n]{1,60}%\}|%%[a-z_]{2,30}%%|\$\{[A-Za-z_][\w.]{0,40}\}/gi;
function collectTemplateTokens(text: string, into: Set<string>): void {
  if (into.size >= 10) return;
  for (const m of text.matchAll(TEMPLATE_TOKEN)) into.add(m[0]);
}

// Only top-level assignments count: a redirect inside a click handler isn't a page redirect.
function findJsRedirect(script: string): string | null {
  const re = /(?:\b(?:window|document|self|top)\.)?\blocation(?:\.href)?\s*=\s*(['"])([^'"]+)\1|\blocation\.(?:replace|assign)\(\s*(['"])([^'"]+)\3\s*\)/g;
  for (const m of script.matchAll(re)) {
    const target = m[2] ?? m[4] ?? '';
    if (!target || target.startsWith('#')) continue;
    const before = script.slice(0, m.index);
    if (/\bfunction\b|=>|addEventListener|\bon[a-z]+\s*=/.test(before)) continue;
    return target;
  }
  return null;
}

const SECRET_PATTERNS: { kind: string; re: RegExp }[] = [
  { kind: 'private key', re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY-----/ },
  { kind: 'AWS access key id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'Stripe secret key', re: /\b[sr]k_live_[0-9a-zA-Z]{20,}\b/ },
  { kind: 'GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { kind: 'Slack token', re: /\bxox[baprs]-[0-9A-Za-z-]{10,}\b/ },
  { kind: 'OpenAI API key', re: /\bsk-(?:proj-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{48})\b/ },
  { kind: 'Anthropic API key', re: /\bsk-ant-[A-Za-z0-9_-]{32,}\b/ },
  { kind: 'SendGrid API key', re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
];

function findSecrets(html: string): { kind: string; sample: string }[] {
  const out: { kind: string; sample: string }[] = [];
  for (const { kind, re } of SECRET_PATTERNS) {
    const m = re.exec(html);
    // Mask: the report must never become a second leak.
    if (m) out.push({ kind, sample: `${m[0].slice(0, kind === 'private key' ? 31 : 8)}…` });
  }
  return out;
}

function parseJsonLd(content: string): StructuredDataFact {
  const raw = content.trim();
  const cleaned = raw
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
    .trim();
  const rawSample = raw.length > 2000 ? `${raw.slice(0, 2000)}…` : raw;
  let data: unknown;
  try {
    data = JSON.parse(cleaned);
  } catch (error) {
    // Google tolerates raw line breaks inside strings; so do we (only that, nothing else).
    try {
      data = JSON.parse(escapeControlCharsInStrings(cleaned));
    } catch {
      return { format: 'json-ld', types: [], data: null, error: (error as Error).message, raw: rawSample };
    }
  }
  // Everything downstream (checks, thread transfer, the database) walks this value.
  if (jsonDepthExceeds(data, JSON_LD_MAX_DEPTH)) {
    return { format: 'json-ld', types: [], data: null, error: `Nested more than ${JSON_LD_MAX_DEPTH} levels deep; not read.`, raw: rawSample };
  }
  return { format: 'json-ld', types: collectTypes(data), data, raw: rawSample };
}

const JSON_LD_MAX_DEPTH = 64;
const MICRODATA_MAX_ROOTS = 50;

function jsonDepthExceeds(data: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value: data, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (!value || typeof value !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

function escapeControlCharsInStrings(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i] as string;
    if (inString) {
      if (ch === '\\') {
        out += ch + (json[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === '"') inString = false;
      else if (ch === '\n') {
        out += '\\n';
        continue;
      } else if (ch === '\r') {
        out += '\\r';
        continue;
      } else if (ch === '\t') {
        out += '\\t';
        continue;
      }
    } else if (ch === '"') inString = true;
    out += ch;
  }
  return out;
}

export function stripSchemaPrefix(type: string): string {
  return type.replace(/^(?:https?:\/\/)?(?:www\.)?schema\.org\//i, '').replace(/^schema:/i, '');
}

function collectTypes(data: unknown): string[] {
  const types = new Set<string>();
  // Breadth-first in document order so the outermost types come first.
  const queue: unknown[] = [data];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    if (Array.isArray(v)) queue.push(...v);
    else if (v && typeof v === 'object') {
      const t = (v as Record<string, unknown>)['@type'];
      if (typeof t === 'string') types.add(stripSchemaPrefix(t));
      else if (Array.isArray(t)) for (const x of t) if (typeof x === 'string') types.add(stripSchemaPrefix(x));
      for (const [k, child] of Object.entries(v)) if (k !== '@type' && child && typeof child === 'object') queue.push(child);
    }
  }
  return [...types];
}

/** Builds a JSON-LD-shaped object from a microdata itemscope so checks treat both formats alike. */
function buildMicrodata(root: Element, baseUrl: string): StructuredDataFact {
  const item = readMicrodataItem(root, baseUrl, 0);
  return { format: 'microdata', types: collectTypes(item), data: item };
}

function readMicrodataItem(el: Element, baseUrl: string, depth: number): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const itemtype = (el.attribs['itemtype'] ?? '').trim();
  if (itemtype) {
    const types = itemtype.split(/\s+/).map((t) => stripSchemaPrefix(t).replace(/^.*\//, ''));
    item['@type'] = types.length === 1 ? types[0] : types;
    if (/data-vocabulary\.org/i.test(itemtype)) item['@context'] = 'http://data-vocabulary.org/';
    else item['@context'] = 'https://schema.org';
  }
  if (depth > 20) return item;
  const stack: AnyNode[] = [...el.children].reverse();
  while (stack.length) {
    const node = stack.pop() as AnyNode;
    if (node.type !== 'tag') continue;
    const child = node as Element;
    const props = child.attribs['itemprop'];
    const nested = child.attribs['itemscope'] !== undefined;
    if (props !== undefined) {
      const value = nested ? readMicrodataItem(child, baseUrl, depth + 1) : readMicrodataValue(child, baseUrl);
      for (const prop of props.trim().split(/\s+/).filter(Boolean)) {
        const existing = item[prop];
        if (existing === undefined) item[prop] = value;
        else if (Array.isArray(existing)) existing.push(value);
        else item[prop] = [existing, value];
      }
    }
    if (!nested) for (let i = child.children.length - 1; i >= 0; i--) stack.push(child.children[i] as AnyNode);
  }
  return item;
}

function readMicrodataValue(el: Element, baseUrl: string): string {
  const a = el.attribs;
  switch (el.name) {
    case 'meta':
      return a['content'] ?? '';
    case 'a':
    case 'link':
    case 'area':
      return a['href'] !== undefined ? (resolveUrl(a['href'].trim(), baseUrl) ?? a['href']) : '';
    case 'img':
    case 'audio':
    case 'video':
    case 'source':
    case 'iframe':
    case 'embed':
    case 'track':
      return a['src'] !== undefined ? (resolveUrl(a['src'].trim(), baseUrl) ?? a['src']) : '';
    case 'object':
      return a['data'] ?? '';
    case 'time':
      return a['datetime'] ?? collapseWhitespace(readText(el));
    case 'data':
    case 'meter':
      return a['value'] ?? '';
    default:
      return a['content'] ?? collapseWhitespace(readText(el));
  }
}

// ---------------------------------------------------------------------------------------------
// URLs

export function resolveUrl(href: string, base: string): string | null {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

/** Same site = same host, ignoring a leading "www." (www and apex are one site to users). */
export function isSameSite(a: string, b: string): boolean {
  try {
    return new URL(a).hostname.replace(/^www\./, '') === new URL(b).hostname.replace(/^www\./, '');
  } catch {
    return false;
  }
}
