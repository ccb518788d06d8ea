// Every tunable number the checks use, in one place. Sources are in ../../docs/checks.md.
// Page-scope thresholds and site-scope thresholds live in separate sections.

export const PAGE_THRESHOLDS = {
  /** Items quoted inline in a message; details carry the full (capped) list. */
  maxItemsInMessage: 5,
  maxDetailItems: 100,

  // ---- crawlability / rendering
  /** JS-only content: rendered text gains at least this many words… (our choice) */
  jsContentMinGainWords: 100,
  /** …and the raw HTML holds less than this share of the rendered words (Sitebulb response-vs-render). */
  jsContentMaxRawShare: 0.5,

  // ---- http
  /** Redirect hops tolerated before a chain is reported (SEOnaut/Screaming Frog: more than 1). */
  maxRedirectHops: 1,
  /** SEOnaut ErrorSlowTTFB and web.dev "good" TTFB: 800 ms. */
  maxTtfbMs: 800,
  /** Above this event-loop delay during a fetch, its timings are not trusted (see FetchTimings.loopLagMs). */
  maxTimingLoopLagMs: 100,
  /** Full HTML download time above which the response is slow (IN slow_response uses seconds; our 3 s). */
  maxResponseMs: 3000,
  /** Pages with a title/H1 that says "not found" and fewer words than this are soft 404s. */
  soft404MaxWords: 250,
  /** Auth gate: a password form on a page with fewer words than this (IN soft_authentication_gate). */
  authGateMaxWords: 150,
  /** HTML spec: <meta charset> must be within the first 1024 bytes. */
  maxCharsetOffsetBytes: 1024,

  // ---- on-page
  /** RO uses 30, SEOnaut 20; Google shows ~50–60. */
  titleMinChars: 30,
  /** SEOnaut: 60 characters. */
  titleMaxChars: 60,
  /** Google truncates desktop titles at ~600 px (Arial 20 px); 580 leaves room for the ellipsis. */
  titleMaxPixels: 580,
  /** A word this many times in one title reads as stuffing. */
  titleRepeatedWordMin: 3,
  /** SEOnaut 80, RO 120, PY 140; we use 70 so concise but complete descriptions pass. */
  metaDescriptionMinChars: 70,
  /** SEOnaut/RO: 160 characters. */
  metaDescriptionMaxChars: 160,
  /** Screaming Frog "H1 over 70 characters". */
  h1MaxChars: 70,

  // ---- content
  /** SEOnaut ErrorLittleContent: fewer than 200 words. */
  thinContentWords: 200,
  /** Text-to-HTML ratio below 10% (common tool default; SA text_ratio_percent). */
  minTextRatio: 0.1,
  /** Pages with at least this many words are never "low text ratio" (the content is there). */
  textRatioExemptWords: 600,
  /** Flesch reading ease below 30 = "very difficult" (college graduate). */
  minFleschReadingEase: 30,
  readabilityMinWords: 100,
  /** Copyright year older than (current year − this) is stale. */
  maxCopyrightAgeYears: 1,
  /** Mojibake sequences ("Ã©", "â€™") needed before we call it encoding damage… */
  mojibakeMinMatches: 2,
  /** …or this many U+FFFD replacement characters (pages about encodings show a few on purpose). */
  mojibakeMinReplacementChars: 5,
  /** Keyword stuffing: one non-stop-word above this share of all words (SQ content/keyword-stuffing)… */
  stuffingMaxDensity: 0.05,
  /**
   * Hidden text (CHECKS.md row 82: SQ content/hidden-text): a page fires with at least this many
   * hidden words (display:none, visibility:hidden, hidden attribute; menus, dialogs and tabs exempt)…
   */
  hiddenTextMinWords: 100,
  /** …or with at least hiddenTextShareMinWords hidden words that are more than this share of all its words (our choice). */
  hiddenTextMaxShare: 0.3,
  hiddenTextShareMinWords: 50,
  /** …on pages with at least this many words (short pages repeat their topic naturally). */
  stuffingMinWords: 300,

  // ---- links
  /** SEOnaut ErrorTooManyLinks uses 100; mega-menus make 150 a fairer line. */
  maxLinks: 150,

  // ---- urls
  /** Path + query longer than this (RO: 100). */
  maxUrlLength: 100,
  maxQueryParams: 3,
  /** A path segment repeated this many times hints at a crawler trap (/a/a/a/). */
  repeatedPathSegmentMin: 3,

  // ---- images
  /** SEOnaut ErrorLongAltText: over 100 characters. */
  maxAltChars: 100,
  /** Images declared at or below this size are icons/pixels, not LCP candidates. */
  smallImagePx: 100,
  /** Pages with at least this many images and no lazy loading at all. */
  offscreenLazyMinImages: 10,
  /** Images declared at least this wide should offer srcset for small screens. */
  srcsetMinWidthPx: 800,
  /** Legacy-format check needs this many raster images (one PNG logo isn't a pattern). */
  legacyFormatMinImages: 3,
  /** data: URI images larger than this bloat the HTML and can't be cached. */
  maxDataUriBytes: 10 * 1024,

  // ---- performance
  /** Lighthouse / web.dev "good" LCP: 2.5 s (lab value from our render, see labMetrics). */
  labMaxLcpMs: 2500,
  /** Lighthouse / web.dev "good" CLS: 0.1. */
  labMaxCls: 0.1,
  /** Lighthouse "good" total blocking time: 200 ms. */
  labMaxTbtMs: 200,
  /** Responses smaller than this don't benefit from compression (one TCP packet). */
  compressionMinBytes: 1400,
  /** Large HTML document (IN large_html / SQ html-size). */
  maxHtmlBytes: 1024 * 1024,
  /** SEOnaut ErrorDOMSize: 1500 nodes (Lighthouse warns from 800). */
  maxDomNodes: 1500,
  /** Render-blocking stylesheets tolerated in <head> (one bundle + fonts is normal). */
  maxBlockingStylesheets: 3,
  maxInlineCssBytes: 50 * 1024,
  maxInlineJsBytes: 100 * 1024,
  maxExternalScripts: 20,
  maxIframes: 5,

  // ---- mobile
  /** WCAG 2.2 SC 2.5.8 (axe target-size, Lighthouse): targets under 24 × 24 CSS px must be spaced. */
  minTapTargetPx: 24,
  /** A fixed/sticky element covering at least this share of the phone viewport after load is an interstitial. */
  interstitialMinCoverage: 0.5,
  /** axe meta-viewport: maximum-scale below 2 blocks zoom. */
  minViewportMaxScale: 2,
  /** Lighthouse's former font-size audit: text below 12 px is illegible. */
  minBaseFontPx: 12,
  /** Fixed widths above this overflow common phone viewports (360–430 px). */
  maxFixedWidthPx: 480,

  // ---- security
  /** Mozilla Observatory minimum HSTS max-age: 6 months. */
  minHstsMaxAgeSeconds: 15_768_000,

  // ---- social
  /** Facebook/LinkedIn recommended share image size. */
  ogImageMinWidth: 1200,
  ogImageMinHeight: 630,

  // ---- international
  /** Words needed before we guess the content language from stop words. */
  langGuessMinWords: 150,
  /** Stop-word share of the guessed language needed to contradict <html lang> (prose runs 35–50%). */
  langMismatchMinShare: 0.2,

  // ---- local / E-E-A-T
  /** Long articles without any outbound citation (info only). */
  citationMinWords: 800,
} as const;

export const SITE_THRESHOLDS = {
  /** Deepest acceptable click depth from the start URL (SEOnaut flags depth > 4; "important pages within 3 clicks"). */
  maxClickDepth: 4,
  /** Redirect hops tolerated before a chain is reported (SEOnaut/Screaming Frog: more than 1). */
  maxRedirectHops: 1,
  /** Distinct linking pages at or below which a page is "weakly linked" (Screaming Frog's single-inlink filter). */
  weakInlinkSources: 1,
  /** Word count below which a page counts as thin for the site-wide share (SEOnaut ErrorLittleContent: 200). */
  thinContentWords: 200,
  /** Share of indexable pages allowed to be thin before the site-wide finding fires (our choice). */
  maxThinContentShare: 0.3,
  /** Indexable pages needed before the thin-content share is meaningful (our choice). */
  minPagesForThinShare: 5,
  /** sitemaps.org protocol limits for one sitemap file. */
  maxSitemapUrls: 50_000,
  maxSitemapBytes: 50 * 1024 * 1024,
  /** URLs quoted inline in a finding message; details carry a longer list. */
  maxUrlsInMessage: 5,
  /** Longest URL/source list kept in a finding's details (a site-wide duplicate would otherwise be O(n²)). */
  maxDetailItems: 100,
  /** Screaming Frog near duplicates: MinHash similarity of 90% or more. */
  nearDuplicateMinSimilarity: 0.9,
  /** Pages with fewer words are mostly navigation and footer, so they look alike for no content reason (our choice). */
  nearDuplicateMinWords: 100,
  /** Thin vs site norm: a page below this share of the site's median word count… (our choice) */
  thinVsNormMaxShareOfMedian: 0.25,
  /** …on a site with at least this many indexable pages, so the median means something (our choice). */
  thinVsNormMinPages: 10,
  /** Share of titled indexable pages that must carry the same brand segment before its absence is an outlier (our choice). */
  titleBrandMinShare: 0.6,
  /** Indexable titled pages needed before a title template can be inferred (our choice). */
  titleBrandMinPages: 5,
  /** About/contact/legal pages: below this many crawled HTML pages the site is a microsite, judged by page checks (our choice). */
  trustPagesMinPages: 5,
  /** A sitemap with fewer URLs than this is not judged on its <lastmod> dates (too small to matter). */
  sitemapLastmodMinUrls: 3, // our choice
  /** Pages under one first path segment (e.g. /blog/…) needed before their markup types set a norm. */
  schemaCoverageMinPages: 5, // our choice
  /** Share of a section's pages that must carry a type before the pages without it are outliers. */
  schemaCoverageMinShare: 0.8, // our choice
  /** Share of pages the business phone must appear on to count as shown site-wide (header or footer). */
  napSiteWideShare: 0.5, // our choice
  /** Image file size above which it is "large" (CHECKS.md row 120: SN ErrorLargeImage, > 500 KB). */
  largeImageBytes: 500 * 1024,
  /**
   * Cache lifetime below which a static asset (image, CSS, JS) counts as not cached (CHECKS.md row 132:
   * SQ cache-headers, RO "Browser Caching"; Lighthouse uses-long-cache-ttl lists static resources with
   * a short lifetime). 7 days is our floor: only assets that are plainly re-downloaded are reported.
   */
  assetMinCacheSeconds: 7 * 24 * 3600,
  /**
   * Page weight (HTML + probed images, CSS, JS) above which a page is "heavy" (CHECKS.md row 137: SQ
   * total-byte-weight, after Lighthouse total-byte-weight, whose score falls below 0.5 at about 4 MB).
   * 5 MB is our choice, above that median, so only clearly heavy pages are reported.
   */
  pageWeightBytes: 5 * 1024 * 1024,
  /** Heaviest resources named in a page-weight message. */
  pageWeightTopResources: 3,
} as const;
