// The explorer's page detail: what is stored per crawled page beyond the graph facts (a bounded
// summary written once, when the page is saved), and how every stored fact reads on screen.
// Pure: no database, no network.
import type { CrawlPageFacts, PageDetailFacts } from '@/lib/audits/audit-json';
import type { RenderDifference } from '@/lib/audits/explorer-types';
import { normalizeUrl } from '@/lib/crawler/normalize-url';
import type { PageFacts } from '@/lib/crawler/page-facts';
import { truncate } from '@/lib/analysis/text-utils';

/** A page's stored detail stays under this many bytes of JSON, however hostile the page. */
export const PAGE_DETAIL_MAX_BYTES = 8 * 1024;

// Caps per attempt: the first that fits wins. A normal page fits the first; a hostile one (a 5 KB
// title, 500 headers, 1,000 headings) is cut further until it fits.
const LIMITS = [
  { text: 300, list: 20, headers: 30 },
  { text: 120, list: 8, headers: 12 },
  { text: 60, list: 3, headers: 4 },
  { text: 30, list: 0, headers: 0 },
] as const;
type Limits = (typeof LIMITS)[number];

function cut(value: string | null | undefined, max: number): string | null {
  return value === null || value === undefined ? null : truncate(value, max);
}

function cutRecord(record: Record<string, string>, limits: Limits, maxEntries: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record)
      .slice(0, maxEntries)
      .map(([k, v]) => [cut(k, 60)!, cut(v, limits.text)!]),
  );
}

// Cookie values can be session tokens (the crawl may send the site's own credentials): only their count is kept.
function safeHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = name.toLowerCase() === 'set-cookie' ? `${value.split('\n').length} cookie(s) set (values not stored)` : value;
  }
  return out;
}

function summarize(facts: PageFacts, render: { rendered?: boolean; renderError?: string }, limits: Limits): PageDetailFacts {
  const t = (v: string | null | undefined) => cut(v, limits.text);
  const headingCounts = [1, 2, 3, 4, 5, 6].map((level) => facts.headings.filter((h) => h.level === level).length);
  const headers = safeHeaders(facts.headers);
  const r = facts.rendering;
  return {
    head: {
      titles: facts.titles.length,
      metaDescriptions: facts.metaDescriptions.length,
      metaKeywords: t(facts.metaKeywords),
      lang: t(facts.lang),
      charset: t(facts.charset) ?? '',
      declaredCharset: t(facts.declaredCharset),
      doctype: t(facts.doctype),
      viewport: t(facts.viewport),
      metaRefresh: t(facts.metaRefresh),
      favicon: t(facts.favicon),
      ampHtml: t(facts.ampHtml),
      prev: t(facts.prevNext.prev),
      next: t(facts.prevNext.next),
      baseHref: t(facts.baseHref ?? null),
    },
    content: {
      paragraphs: facts.paragraphs,
      textRatio: Math.round(facts.textRatio * 1000) / 1000,
      headingCounts,
      headings: facts.headings.slice(0, limits.list).map((h) => ({ level: h.level, text: t(h.text) ?? '' })),
    },
    links: {
      total: facts.links.length,
      internal: facts.links.filter((l) => l.url && l.internal).length,
      external: facts.links.filter((l) => l.url && !l.internal).length,
      nofollow: facts.links.filter((l) => l.rel.includes('nofollow')).length,
      renderedOnly: facts.links.filter((l) => l.renderedOnly).length,
      withoutUrl: facts.links.filter((l) => !l.url).length,
    },
    images: {
      total: facts.images.length,
      missingAlt: facts.images.filter((i) => i.alt === null).length,
      emptyAlt: facts.images.filter((i) => i.alt === '').length,
      withoutDimensions: facts.images.filter((i) => (!i.width || !i.height) && !i.styleSized).length,
      lazy: facts.images.filter((i) => i.loading === 'lazy' || i.lazyHint).length,
    },
    structuredData: {
      blocks: facts.structuredData.length,
      types: [...new Set(facts.structuredData.flatMap((s) => s.types))].slice(0, limits.list).map((x) => t(x) ?? ''),
      formats: [...new Set(facts.structuredData.map((s) => s.format))],
      errors: facts.structuredData.filter((s) => s.error).length,
    },
    social: { openGraph: cutRecord(facts.openGraph, limits, limits.list), twitter: cutRecord(facts.twitter, limits, limits.list) },
    response: {
      headers: cutRecord(headers, limits, limits.headers),
      headerCount: Object.keys(headers).length,
      htmlBytes: facts.htmlBytes,
      transferBytes: facts.transferBytes,
      truncated: facts.truncated,
      ttfbMs: Math.round(facts.timings.ttfbMs),
      totalMs: Math.round(facts.timings.totalMs),
    },
    resources: {
      scripts: facts.scripts.length,
      stylesheets: facts.stylesheets.length,
      iframes: facts.iframes,
      forms: facts.forms.length,
      mixedContent: facts.mixedContent.length,
      domNodes: facts.domNodes,
      inlineScriptBytes: facts.inlineScriptBytes,
      inlineStyleBytes: facts.inlineStyleBytes,
    },
    rendered: render.rendered === true,
    ...(render.renderError ? { renderError: t(render.renderError) ?? '' } : {}),
    ...(r
      ? {
          rendering: {
            mode: r.mode,
            looksClientRendered: r.looksClientRendered,
            rawTitle: t(r.rawTitle),
            rawH1s: r.rawH1s.slice(0, Math.max(1, limits.list)).map((h) => t(h) ?? ''),
            rawWordCount: r.rawWordCount,
            rawCanonicals: r.rawCanonicals.slice(0, Math.max(1, limits.list)).map((c) => t(c) ?? ''),
            ...(r.rawMetaDescription !== undefined ? { rawMetaDescription: t(r.rawMetaDescription) } : {}),
            rawRobots: r.rawRobots.slice(0, Math.max(1, limits.list)).map((x) => t(x) ?? ''),
            renderedOnlyLinks: r.renderedOnlyLinks,
            blockedResources: r.blockedResources?.length ?? 0,
            ...(r.labMetrics ? { lab: { lcpMs: r.labMetrics.lcpMs, cls: r.labMetrics.cls, tbtMs: r.labMetrics.tbtMs } } : {}),
            ...(r.mobileLayout
              ? { mobile: { viewportWidth: r.mobileLayout.viewport.width, smallTargets: r.mobileLayout.smallTargets, overlayCoverage: r.mobileLayout.interstitial?.coverage ?? null } }
              : {}),
          },
        }
      : {}),
  };
}

/** The bounded detail summary of a page's facts (never its text or HTML), under PAGE_DETAIL_MAX_BYTES. */
export function summarizePageFacts(facts: PageFacts, render: { rendered?: boolean; renderError?: string } = {}): PageDetailFacts {
  let detail = summarize(facts, render, LIMITS[0]);
  for (const limits of LIMITS.slice(1)) {
    if (Buffer.byteLength(JSON.stringify(detail)) <= PAGE_DETAIL_MAX_BYTES) break;
    detail = summarize(facts, render, limits);
  }
  return detail;
}

// ---- Reading: every stored fact as a label and a readable value, grouped for display ----

export type FactGroup = { group: string; items: { label: string; value: string }[] };

/** The page row's own columns the detail view reads alongside the stored facts. */
export type PageRowFacts = { url: string; finalUrl: string | null; status: number; depth: number | null; loadMs: number | null; error: string | null; wordCount: number; title: string | null };

const SHOWN_IN_LIST = 20;
const NONE = '—';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function list(values: readonly string[]): string {
  if (values.length === 0) return NONE;
  const shown = values.slice(0, SHOWN_IN_LIST);
  return values.length > shown.length ? `${shown.join('\n')}\n… and ${values.length - shown.length} more` : shown.join('\n');
}

function quoted(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? NONE : `${value} (${plural(value.length, 'character')})`;
}

function bytes(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}

function orNone(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? NONE : value;
}

function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

/**
 * Every stored fact of a page, grouped ("Response", "Head", "Content", …): the page row, the graph
 * facts and, for pages crawled since it existed, the detail summary. Empty groups are left out.
 */
export function describePageFacts(row: PageRowFacts, stored: CrawlPageFacts | null): FactGroup[] {
  const graph = stored?.graph;
  const facts = graph?.facts;
  const detail = stored?.detail;
  const groups: FactGroup[] = [];
  const add = (group: string, items: ({ label: string; value: string } | false | null | undefined | '')[]) => {
    const kept = items.filter((i): i is { label: string; value: string } => Boolean(i));
    if (kept.length > 0) groups.push({ group, items: kept });
  };

  add('Response', [
    { label: 'HTTP status', value: row.status === 0 ? 'No response' : String(row.status) },
    row.finalUrl && row.finalUrl !== row.url && { label: 'Final URL', value: row.finalUrl },
    graph?.redirectTo && { label: 'Redirects to', value: graph.redirectTo },
    graph?.response && graph.response.redirects.length > 0 && { label: 'Redirect chain', value: list(graph.response.redirects.map((h) => `${h.status} ${h.url} → ${h.location}`)) },
    graph?.response?.redirectError && { label: 'Redirect problem', value: graph.response.redirectError === 'loop' ? 'Redirect loop' : 'Too many redirects' },
    graph?.response && { label: 'Content type', value: orNone(graph.response.contentType) },
    row.error && { label: 'Error', value: row.error },
    graph?.fetchError && { label: 'Fetch error', value: `${graph.fetchError.code}: ${graph.fetchError.message}` },
    graph?.blockedByRobots && { label: 'Blocked by robots.txt', value: 'Yes: the URL was not requested' },
    { label: 'Click depth', value: row.depth === null ? 'Not linked from the start page (found in a sitemap)' : String(row.depth) },
    row.loadMs !== null && { label: 'Load time', value: `${row.loadMs.toLocaleString('en')} ms` },
    detail && { label: 'Time to first byte', value: `${detail.response.ttfbMs.toLocaleString('en')} ms` },
    detail && { label: 'HTML size', value: bytes(detail.response.htmlBytes) },
    detail && { label: 'Transferred', value: bytes(detail.response.transferBytes) },
    detail?.response.truncated && { label: 'Truncated', value: 'Yes: the body was larger than the download limit' },
  ]);

  // A redirecting URL's facts describe the page it lands on, which has its own row.
  if (facts && !graph?.redirectTo) {
    const robotsSources = facts.robots.sources.map((s) => `${s.source}${s.bot ? ` (${s.bot})` : ''}: ${s.value}`);
    add('Head', [
      { label: 'Title', value: quoted(facts.title ?? row.title) },
      detail && detail.head.titles > 1 && { label: 'Title tags', value: String(detail.head.titles) },
      { label: 'Meta description', value: quoted(facts.metaDescription) },
      detail && detail.head.metaDescriptions > 1 && { label: 'Meta description tags', value: String(detail.head.metaDescriptions) },
      detail?.head.metaKeywords && { label: 'Meta keywords', value: detail.head.metaKeywords },
      { label: 'Canonical', value: list(facts.canonicals) },
      facts.canonicalFromHeader.length > 0 && { label: 'Canonical (HTTP header)', value: list(facts.canonicalFromHeader) },
      { label: 'Robots directives', value: facts.robots.directives.length ? facts.robots.directives.join(', ') : 'none (indexable, followable)' },
      robotsSources.length > 0 && { label: 'Robots sources', value: list(robotsSources) },
      { label: 'Indexable', value: facts.robots.noindex ? 'No (noindex)' : 'Yes' },
      facts.hreflang.length > 0 && { label: 'hreflang', value: list(facts.hreflang.map((h) => `${h.lang} → ${h.url ?? h.href}${h.source === 'header' ? ' (header)' : ''}`)) },
      detail && { label: 'Language', value: orNone(detail.head.lang) },
      detail && { label: 'Charset', value: detail.head.declaredCharset ? `${detail.head.charset} (declared ${detail.head.declaredCharset})` : orNone(detail.head.charset) },
      detail && { label: 'Doctype', value: orNone(detail.head.doctype) },
      detail && { label: 'Viewport', value: orNone(detail.head.viewport) },
      detail?.head.metaRefresh && { label: 'Meta refresh', value: detail.head.metaRefresh },
      detail?.head.favicon && { label: 'Favicon', value: detail.head.favicon },
      detail?.head.ampHtml && { label: 'AMP version', value: detail.head.ampHtml },
      detail?.head.prev && { label: 'rel=prev', value: detail.head.prev },
      detail?.head.next && { label: 'rel=next', value: detail.head.next },
      detail?.head.baseHref && { label: 'Base URL', value: detail.head.baseHref },
    ]);

    add('Content', [
      { label: 'Word count', value: facts.wordCount.toLocaleString('en') },
      { label: 'H1', value: list(facts.h1s) },
      detail && { label: 'Headings', value: detail.content.headingCounts.map((n, i) => `h${i + 1}: ${n}`).join(', ') },
      detail && detail.content.headings.length > 0 && { label: 'Outline', value: list(detail.content.headings.map((h) => `${'  '.repeat(h.level - 1)}h${h.level} ${h.text}`)) },
      detail && { label: 'Paragraphs', value: detail.content.paragraphs.toLocaleString('en') },
      detail && { label: 'Text to HTML ratio', value: `${Math.round(detail.content.textRatio * 100)} %` },
    ]);

    const internal = facts.links.filter((l) => l.url && l.internal).length;
    add('Links', [
      { label: 'Links on the page', value: facts.links.length.toLocaleString('en') },
      { label: 'Internal', value: internal.toLocaleString('en') },
      { label: 'External', value: facts.links.filter((l) => l.url && !l.internal).length.toLocaleString('en') },
      { label: 'nofollow', value: facts.links.filter((l) => l.rel.includes('nofollow')).length.toLocaleString('en') },
      detail && detail.links.renderedOnly > 0 && { label: 'Only after JavaScript', value: detail.links.renderedOnly.toLocaleString('en') },
      detail && detail.links.withoutUrl > 0 && { label: 'Without a usable URL', value: detail.links.withoutUrl.toLocaleString('en') },
    ]);
  }

  if (detail && !graph?.redirectTo) {
    add('Images', [
      { label: 'Images', value: detail.images.total.toLocaleString('en') },
      { label: 'Missing alt', value: detail.images.missingAlt.toLocaleString('en') },
      { label: 'Empty alt (decorative)', value: detail.images.emptyAlt.toLocaleString('en') },
      { label: 'Without width and height', value: detail.images.withoutDimensions.toLocaleString('en') },
      { label: 'Lazy-loaded', value: detail.images.lazy.toLocaleString('en') },
    ]);
    add('Structured data', [
      { label: 'Blocks', value: detail.structuredData.blocks.toLocaleString('en') },
      detail.structuredData.blocks > 0 && { label: 'Types', value: list(detail.structuredData.types) },
      detail.structuredData.blocks > 0 && { label: 'Formats', value: detail.structuredData.formats.join(', ') },
      detail.structuredData.errors > 0 && { label: 'Blocks that do not parse', value: String(detail.structuredData.errors) },
    ]);
    const social = [
      ...Object.entries(detail.social.openGraph).map(([k, v]) => ({ label: k.startsWith('og:') ? k : `og:${k}`, value: v })),
      ...Object.entries(detail.social.twitter).map(([k, v]) => ({ label: k.startsWith('twitter:') ? k : `twitter:${k}`, value: v })),
    ];
    add('Social', social.length > 0 ? social : [{ label: 'Open Graph and Twitter tags', value: 'none' }]);
    add('Resources', [
      { label: 'Scripts', value: detail.resources.scripts.toLocaleString('en') },
      { label: 'Stylesheets', value: detail.resources.stylesheets.toLocaleString('en') },
      { label: 'Inline script', value: bytes(detail.resources.inlineScriptBytes) },
      { label: 'Inline style', value: bytes(detail.resources.inlineStyleBytes) },
      { label: 'iframes', value: String(detail.resources.iframes) },
      { label: 'Forms', value: String(detail.resources.forms) },
      { label: 'DOM nodes', value: detail.resources.domNodes.toLocaleString('en') },
      detail.resources.mixedContent > 0 && { label: 'http:// resources on https', value: String(detail.resources.mixedContent) },
    ]);
    const r = detail.rendering;
    add('Rendering', [
      { label: 'Rendered with a browser', value: yesNo(detail.rendered) },
      detail.renderError && { label: 'Rendering error', value: detail.renderError },
      r && { label: 'Raw HTML looks client-rendered', value: yesNo(r.looksClientRendered) },
      r && r.mode === 'rendered' && { label: 'Words in the raw HTML', value: r.rawWordCount.toLocaleString('en') },
      r && r.blockedResources > 0 && { label: 'Requests blocked by robots.txt', value: String(r.blockedResources) },
      r?.lab && r.lab.lcpMs !== null && { label: 'Largest contentful paint (lab, our render)', value: `${(r.lab.lcpMs / 1000).toFixed(1)} s` },
      r?.lab && { label: 'Cumulative layout shift (lab, our render)', value: r.lab.cls.toFixed(2) },
      r?.lab && { label: 'Total blocking time (lab, our render)', value: `${Math.round(r.lab.tbtMs)} ms` },
      r?.mobile && { label: `Crowded tap targets under 24 px (${r.mobile.viewportWidth} px phone viewport)`, value: String(r.mobile.smallTargets) },
      r?.mobile && r.mobile.overlayCoverage !== null && { label: 'Largest fixed overlay on the phone viewport', value: `${Math.round(r.mobile.overlayCoverage * 100)} % of the screen` },
    ]);
    const headerNames = Object.keys(detail.response.headers);
    add('Response headers', [
      ...headerNames.map((name) => ({ label: name, value: detail.response.headers[name]! })),
      detail.response.headerCount > headerNames.length && { label: '…', value: `${detail.response.headerCount - headerNames.length} more not stored` },
    ]);
  }
  return groups;
}

/**
 * What JavaScript changed in what search engines read, when the page was rendered; null when it
 * was not (or was crawled before this was recorded), empty when nothing differed.
 */
export function renderDifferences(stored: CrawlPageFacts | null): RenderDifference[] | null {
  const r = stored?.detail?.rendering;
  const facts = stored?.graph.facts;
  if (!r || r.mode !== 'rendered' || !facts) return null;
  const out: RenderDifference[] = [];
  // Stored raw values may be cut ("…"): a cut value that starts the rendered one is the same text.
  const compare = (field: string, raw: string, rendered: string) => {
    const same = raw === rendered || (raw.endsWith('…') && rendered.startsWith(raw.slice(0, -1)));
    if (!same) out.push({ field, raw, rendered });
  };
  const show = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? '(missing)' : v.trim());
  compare('Title', show(r.rawTitle), show(facts.title));
  if (r.rawMetaDescription !== undefined) compare('Meta description', show(r.rawMetaDescription), show(facts.metaDescription));
  compare('H1', show(r.rawH1s.filter(Boolean).join(' | ')), show(facts.h1s.filter(Boolean).join(' | ')));
  compare('Canonical', show([...new Set(r.rawCanonicals)].join(' ')), show([...new Set(facts.canonicals)].join(' ')));
  compare('Robots directives', show(r.rawRobots.join(', ')), show(facts.robots.directives.join(', ')));
  compare('Word count', String(r.rawWordCount), String(facts.wordCount));
  if (r.renderedOnlyLinks > 0) compare('Links', 'none of these', `${plural(r.renderedOnlyLinks, 'link')} only after JavaScript`);
  return out;
}

/**
 * The normalised URLs a crawled URL links to, distinct (Page.linksTo, the explorer's inlinks): a
 * redirect "links" to its target only, since its facts describe the page it lands on.
 */
export function linkTargets(result: { facts?: Pick<PageFacts, 'links'>; redirectTo?: string }): string[] {
  if (result.redirectTo) return [result.redirectTo];
  const targets = new Set<string>();
  for (const link of result.facts?.links ?? []) {
    const to = link.url ? normalizeUrl(link.url) : null;
    if (to) targets.add(to);
  }
  return [...targets];
}
