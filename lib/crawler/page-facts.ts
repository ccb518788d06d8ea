// Everything the checks may know about one page, extracted in a single parse.
// Checks read these facts, never the DOM, so they stay pure and fast.
import type { RenderLabMetrics, RenderMobileLayout } from '@/lib/fetch/types';

export type LinkFact = {
  /** Absolute URL after resolving against the base URL; null when not resolvable (e.g. "javascript:"). */
  url: string | null;
  /** The raw href attribute as written (null when the <a> has no href). */
  href: string | null;
  /** Visible anchor text, whitespace-collapsed; falls back to img alt / aria-label. */
  text: string;
  /** rel tokens, lower-cased (nofollow, ugc, sponsored, noopener, …). */
  rel: string[];
  internal: boolean;
  /** Where the link sits: inside <nav>, <header>, <footer>, <aside> or the main content. */
  position: 'nav' | 'header' | 'footer' | 'aside' | 'content';
  /** True when the link only exists in the rendered DOM (not in the raw HTML). */
  renderedOnly?: boolean;
  target?: string;
  /** The <a> has an onclick handler (used by crawlable-anchors). */
  hasOnclick?: boolean;
  /** id / name / role / aria-current attributes: Lighthouse exempts anchors that are targets or widgets. */
  id?: string;
  name?: string;
  role?: string;
  ariaCurrent?: string;
  /** title attribute (accessible-name fallback). */
  title?: string;
};

export type ImageFact = {
  src: string | null;
  url: string | null;
  /** null = attribute absent; "" = present but empty (decorative). */
  alt: string | null;
  width: string | null;
  height: string | null;
  loading: string | null;
  /** Inside an <a> (alt then acts as anchor text). */
  inLink: boolean;
  srcset: string | null;
  role?: string | null;
  ariaLabel?: string | null;
  ariaHidden?: boolean;
  title?: string | null;
  /** Inside a <picture> element (may have <source> alternatives). */
  inPicture?: boolean;
  /** Uses a JS lazy-loader convention (data-src, data-srcset, class "lazyload"). */
  lazyHint?: boolean;
  fetchpriority?: string | null;
  /** Inline style declares width and height (counts as reserving space). */
  styleSized?: boolean;
  /** Landmark the image sits in (nav/header/footer/aside/content). */
  position?: LinkFact['position'];
};

export type HeadingFact = { level: 1 | 2 | 3 | 4 | 5 | 6; text: string };

export type HreflangFact = { lang: string; url: string | null; href: string; source: 'html' | 'header' };

export type StructuredDataFact = {
  format: 'json-ld' | 'microdata' | 'rdfa';
  /** @type values found (e.g. ["Article"]). */
  types: string[];
  /** Parsed JSON for json-ld; null when it failed to parse. */
  data: unknown;
  /** Parse error message for invalid JSON-LD. */
  error?: string;
  raw?: string;
};

export type MetaRobots = {
  /** Lower-cased directives from <meta name="robots">, <meta name="googlebot"> and X-Robots-Tag. */
  directives: string[];
  noindex: boolean;
  nofollow: boolean;
  sources: {
    source: 'meta-robots' | 'meta-googlebot' | 'x-robots-tag' | 'meta-bot';
    value: string;
    /** Bot the directives are scoped to (e.g. "bingbot" for <meta name="bingbot"> or "bingbot: noindex"). */
    bot?: string;
  }[];
};

/**
 * What one page tells about the business behind the site, compact enough to carry into the SiteGraph
 * (site checks compare pages: NAP consistency, which templates carry which markup, whether any page
 * shows reviews, a map or a contact form). Every list is capped; the page text is hostile input.
 */
export type SiteSignals = {
  /** schema.org types from JSON-LD, microdata and RDFa, unique, at most 20. */
  schemaTypes: string[];
  /** Phone numbers shown in the text or as tel: links, as digits (a leading + kept), unique, at most 5. */
  phones: string[];
  /** Postal codes shown in the text (US "ST 12345", UK postcodes) or in PostalAddress markup, normalised, at most 5. */
  postalCodes: string[];
  /** A phone number or postal code sits in the page's <footer> (or a tel: link does). */
  napInFooter: boolean;
  /** Review/AggregateRating markup, or a heading about testimonials or reviews. */
  reviews: boolean;
  /** Credentials named in the text: award, certified, licensed, insured, accredited, years in business. */
  trust: string[];
  /** An embedded map (iframe from a map service), a link to a map, or hasMap markup. */
  map: boolean;
  /** Forms a visitor can write a message or leave details in (not search, not login). */
  contactForms: number;
  /** The page declares an icon (<link rel="icon">). */
  icon: boolean;
  /** <link rel="alternate" type="text/markdown"> target, resolved. */
  markdownAlternate: string | null;
};

export type PageFacts = {
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  redirects: { url: string; status: number; location: string }[];
  redirectError?: 'loop' | 'too-many';
  contentType: string;
  charset: string;
  /** Charset declared in the HTML (<meta charset> / http-equiv), if any. */
  declaredCharset: string | null;
  hasBom: boolean;
  isHtml: boolean;
  doctype: string | null;
  lang: string | null;

  titles: string[];
  /** First <title> text, trimmed; null when missing. */
  title: string | null;
  titleInBody: boolean;
  metaDescriptions: string[];
  metaDescription: string | null;
  metaKeywords: string | null;
  robots: MetaRobots;
  /** Canonical URLs (resolved) from <link rel=canonical> in head. */
  canonicals: string[];
  canonicalInBody: boolean;
  canonicalFromHeader: string[];
  /** Raw canonical hrefs as written (to spot relative ones). */
  canonicalHrefs: string[];
  hreflang: HreflangFact[];
  viewport: string | null;
  metaRefresh: string | null;
  favicon: string | null;
  ampHtml: string | null;
  prevNext: { prev: string | null; next: string | null };

  headings: HeadingFact[];
  h1s: string[];
  /** Visible body text (scripts, styles, noscript removed), whitespace-collapsed. */
  text: string;
  wordCount: number;
  /** Stable hash of the normalised visible text (duplicate detection). */
  textHash: string;
  /** MinHash signature of the visible text (near-duplicate detection), null for very short text; absent in facts stored before it existed. */
  textMinhash?: number[] | null;
  /**
   * Text of the raw HTML hidden by the hidden attribute or an inline display:none / visibility:hidden,
   * outside navigation, menus, dialogs and tab panels (common hidden UI): its word count and a short
   * sample. Absent in facts stored before it existed.
   */
  hiddenText?: { words: number; sample: string };
  /** Share of visible text in the HTML bytes, 0..1. */
  textRatio: number;
  paragraphs: number;

  links: LinkFact[];
  images: ImageFact[];
  scripts: { src: string | null; async: boolean; defer: boolean; inHead: boolean; type: string | null }[];
  stylesheets: { href: string; inHead: boolean; media: string | null }[];
  iframes: number;
  forms: { action: string | null; method: string; hasPassword: boolean }[];
  /** http:// resources on an https page (images, scripts, styles, iframes). */
  mixedContent: string[];
  inlineStyleBytes: number;
  inlineScriptBytes: number;
  domNodes: number;
  hasNoscript: boolean;
  usesPlugins: boolean;
  fontSizesPx: number[];

  structuredData: StructuredDataFact[];
  openGraph: Record<string, string>;
  twitter: Record<string, string>;

  htmlBytes: number;
  transferBytes: number;
  truncated: boolean;
  /** loopLagMs: see FetchTimings; timing checks stay silent when it is high. */
  timings: { ttfbMs: number; totalMs: number; loopLagMs?: number };

  /** Facts that only appear after JavaScript ran, when the page was rendered. */
  rendering?: {
    mode: 'raw' | 'rendered';
    /** Whether the raw HTML looked client-rendered. */
    looksClientRendered: boolean;
    rawTitle: string | null;
    rawH1s: string[];
    rawWordCount: number;
    rawCanonicals: string[];
    /** Absent in facts stored before it existed. */
    rawMetaDescription?: string | null;
    rawRobots: string[];
    renderedOnlyLinks: number;
    /**
     * Requests the page made while rendering that robots.txt disallows for our user agent (never
     * sent; Google cannot fetch them either). Absent when the renderer did not report them.
     */
    blockedResources?: { url: string; type: string }[];
    /** Lab LCP/CLS/TBT from the render (unthrottled, not field data). Absent when not measured. */
    labMetrics?: RenderLabMetrics;
    /** Tap targets and overlays measured at a phone viewport after the render. Absent when not measured. */
    mobileLayout?: RenderMobileLayout;
  };

  // ---- Optional extensions (extractPageFacts always fills them; hand-built facts may omit them) ----
  /** The document base URL from <base href>, resolved; null when absent. */
  baseHref?: string | null;
  /** Element count of <html>, <head>, <body> (more than one means broken markup). */
  structure?: { html: number; head: number; body: number };
  /**
   * First element or text that implicitly closed <head> (e.g. "<img>"). Google stops reading head
   * metadata there, exactly like a browser's parser.
   */
  headBrokenBy?: string | null;
  /** Metadata tags that sat after headBrokenBy inside the author's <head> and are therefore ignored. */
  ignoredHeadElements?: string[];
  /** content of <meta name="robots"/"googlebot"> found in <body>. */
  robotsInBody?: string[];
  /** hreflang <link>s found in <body> (ignored by search engines). */
  hreflangInBody?: { lang: string; href: string }[];
  /** Byte offset of the <meta charset> declaration (must be in the first 1024 bytes). */
  declaredCharsetOffset?: number | null;
  viewportCount?: number;
  duplicateIds?: string[];
  /** ids and <a name> values: valid #fragment targets. */
  fragmentTargets?: string[];
  metaAuthor?: string | null;
  /** Where an author was found: "meta:author", "rel=author", "itemprop=author", "class:byline"… */
  authorSignals?: string[];
  /** Number of <time> elements (visible dates). */
  timeElements?: number;
  /** Target of a top-level JavaScript redirect (location.href = "…") in an inline script. */
  jsRedirect?: string | null;
  usesDocumentWrite?: boolean;
  /** Credentials found in the HTML; sample is masked. */
  secrets?: { kind: string; sample: string }[];
  picturesWithoutImg?: number;
  /** Non-replaced elements with a fixed width ≥ 320 px (inline style or width attribute). */
  fixedWidthElements?: { tag: string; widthPx: number }[];
  /** font-size declared in px on the body selector (in <style> or body style attribute). */
  baseFontSizePx?: number | null;
  /** @font-face rules without font-display in inline <style>. */
  fontFacesWithoutDisplay?: number;
  /** Unrendered template placeholders in visible text, title or description ({{x}}, %%title%%…). */
  templateTokens?: string[];
  /** Visible texts of <button>, input[type=submit|button] and role=button elements. */
  buttons?: string[];
  /**
   * Visible text without <pre>/<code>/<kbd>/<samp>/<textarea>: prose-quality heuristics (readability,
   * stuffing, language, phone numbers) must not judge code samples.
   */
  proseText?: string;
  /** The body looks like HTML regardless of the declared Content-Type. */
  sniffedHtml?: boolean;
  /** <meta http-equiv="Content-Security-Policy"> content, if any. */
  cspMeta?: string | null;
  /** <meta name="referrer"> content, if any. */
  metaReferrer?: string | null;
  /** src of each <iframe> (resolved), at most 20. */
  iframeSrcs?: string[];
  /** Business signals the site checks compare across pages (see SiteSignals). */
  siteSignals?: SiteSignals;
};
