// Turns one fetched (and optionally rendered) response into PageFacts: the HTTP facts, plus, for
// HTML, the document facts (extract-document.ts) of the raw HTML and, when rendered, of the DOM
// after JavaScript ran, compared with each other.
import type { LinkFact, PageFacts } from '@/lib/crawler/page-facts';
import { extractDocument, type DocumentResult } from '@/lib/analysis/extract-document';
import { buildRobots } from '@/lib/analysis/extract-head-meta';
import { parseHeaderFacts } from '@/lib/analysis/extract-http-headers';
import { hashText } from '@/lib/analysis/extract-text';
import { mergeFacts } from '@/lib/analysis/merge-facts';
import { looksClientRenderedFromFacts } from '@/lib/fetch/looks-client-rendered';
import type { FetchResult, RenderLabMetrics, RenderMobileLayout, RenderResult } from '@/lib/fetch/types';

export type ExtractPageFactsInput = {
  fetch: FetchResult;
  rendered?: RenderResult;
  /** Caller's verdict on the raw HTML; when omitted we apply our own heuristic. */
  looksClientRendered?: boolean;
};

/** Pure: extracts every PageFacts field from a fetch result (and the rendered DOM, when given). */
export function extractPageFacts(input: ExtractPageFactsInput): PageFacts {
  const { fetch, rendered } = input;
  const rawBody = fetch.body;
  // htmlparser2 would read a leading BOM as body text (closing the head before any metadata).
  const bomInBody = rawBody.charCodeAt(0) === 0xfeff;
  const hasBom = bomInBody || fetch.hasBom === true;
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
    return mergeFacts(base, raw.facts, {
      textRatio: ratio(raw.textBytes, base.htmlBytes),
      ...(input.looksClientRendered !== undefined || looks
        ? {
            rendering: {
              mode: 'raw' as const,
              looksClientRendered: looks,
              ...rawSummary(raw),
              renderedOnlyLinks: 0,
            },
          }
        : {}),
    });
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
  return mergeFacts(base, dom.facts, {
    links,
    // What the server sent hides it: the rendered DOM also hides what scripts merely have not shown yet.
    hiddenText: raw.facts.hiddenText,
    textRatio: ratio(dom.textBytes, renderedBytes),
    rendering: {
      mode: 'rendered' as const,
      looksClientRendered: input.looksClientRendered ?? detectClientRendered(raw),
      ...rawSummary(raw),
      renderedOnlyLinks,
      // Copied field by field: facts are structured-cloned out of the analysis thread, keep them plain.
      ...(rendered.blockedResources ? { blockedResources: rendered.blockedResources.map(({ url, type }) => ({ url, type })) } : {}),
      ...(rendered.labMetrics ? { labMetrics: copyLabMetrics(rendered.labMetrics) } : {}),
      ...(rendered.mobileLayout ? { mobileLayout: copyMobileLayout(rendered.mobileLayout) } : {}),
    },
  });
}

function copyLabMetrics(m: RenderLabMetrics): RenderLabMetrics {
  return { fcpMs: m.fcpMs, lcpMs: m.lcpMs, ...(m.lcpElement ? { lcpElement: m.lcpElement } : {}), cls: m.cls, tbtMs: m.tbtMs, longTasks: m.longTasks };
}

function copyMobileLayout(m: RenderMobileLayout): RenderMobileLayout {
  return {
    viewport: { width: m.viewport.width, height: m.viewport.height },
    targetsMeasured: m.targetsMeasured,
    smallTargets: m.smallTargets,
    smallTargetExamples: m.smallTargetExamples.map(({ label, width, height }) => ({ label, width, height })),
    interstitial: m.interstitial ? { label: m.interstitial.label, coverage: m.interstitial.coverage } : null,
  };
}

/** What the raw HTML said, kept next to the rendered facts so checks can compare the two. */
function rawSummary(raw: DocumentResult) {
  return {
    rawTitle: raw.facts.title,
    rawH1s: raw.facts.h1s,
    rawWordCount: raw.facts.wordCount,
    rawCanonicals: raw.facts.canonicals,
    rawMetaDescription: raw.facts.metaDescription,
    rawRobots: raw.facts.robots.directives,
  };
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
