// Performance signals visible in one HTML response: compression, render-blocking resources, HTML
// and DOM size, inline code weight, fonts and duplicate scripts; and, for rendered pages only, the
// lab LCP/CLS/TBT observed during our render (PageFacts.rendering.labMetrics).
import type { PageFacts } from '@/lib/crawler/page-facts';
import type { RenderLabMetrics } from '@/lib/fetch/types';
import { formatList, getHeader, isAnalyzable, parseUrl, plural } from '@/lib/checks/page-check-helpers';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';

const NON_BLOCKING_TYPES = /^(?:module|application\/ld\+json|application\/json|text\/template|text\/x-template|text\/html|text\/plain|importmap|speculationrules|text\/babel|text\/x-handlebars-template)$/i;

function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Lab metrics of a rendered 2xx HTML page; undefined otherwise (raw fetches get no lab findings). */
function labMetricsOf(page: PageFacts): RenderLabMetrics | undefined {
  return isAnalyzable(page) && page.rendering?.mode === 'rendered' ? page.rendering.labMetrics : undefined;
}

const LAB_CAVEAT = 'lab value from our unthrottled render (desktop viewport, images not loaded), not field data (CrUX)';

function shortUrl(url: string, page: PageFacts): string {
  const u = parseUrl(url);
  const self = parseUrl(page.finalUrl);
  if (!u) return url;
  return self && u.host === self.host ? `${u.pathname}${u.search}` : u.href;
}

export const performanceChecks = [
  {
    id: 'no-compression',
    scope: 'page',
    category: 'performance',
    severity: 'medium',
    title: 'HTML is not compressed',
    why: 'gzip or Brotli typically shrinks HTML by 70–90%, cutting download time on every visit and crawl.',
    fix: 'Enable Brotli or gzip for text/html (and CSS/JS) on the server or CDN.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || page.htmlBytes < PAGE_THRESHOLDS.compressionMinBytes) return [];
      const encoding = (getHeader(page, 'content-encoding') ?? '').trim().toLowerCase();
      if (encoding && encoding !== 'identity') return [];
      // Some stacks strip the header after decompressing; fewer bytes on the wire still proves compression.
      if (page.transferBytes > 0 && page.transferBytes < page.htmlBytes * 0.9) return [];
      return [{ message: `The ${kb(page.htmlBytes)} HTML response has no Content-Encoding (gzip/br)` }];
    },
  },
  {
    id: 'render-blocking-scripts',
    scope: 'page',
    category: 'performance',
    severity: 'medium',
    title: 'Render-blocking scripts in <head>',
    why: 'A classic <script src> in <head> stops HTML parsing until it downloads and runs, delaying first paint and LCP.',
    fix: 'Add defer (or async for independent scripts), or move the script to the end of <body>.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const blocking = page.scripts.filter((s) => s.src && s.inHead && !s.async && !s.defer && !NON_BLOCKING_TYPES.test((s.type ?? '').trim()));
      return blocking.length ? [{ message: `${plural(blocking.length, 'script blocks', 'scripts block')} rendering: ${formatList(blocking.map((s) => shortUrl(s.src ?? '', page)))}` }] : [];
    },
  },
  {
    id: 'render-blocking-stylesheets',
    scope: 'page',
    category: 'performance',
    severity: 'low',
    title: 'Many render-blocking stylesheets',
    why: 'Every stylesheet in <head> must download before the first paint; many separate files add round trips.',
    fix: `Bundle CSS into ${PAGE_THRESHOLDS.maxBlockingStylesheets} or fewer files, inline critical CSS and load the rest asynchronously.`,
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const blocking = page.stylesheets.filter((s) => s.inHead && !/^\s*(?:print|none)\s*$/i.test(s.media ?? ''));
      return blocking.length > PAGE_THRESHOLDS.maxBlockingStylesheets
        ? [{ message: `${blocking.length} stylesheets block rendering (max ${PAGE_THRESHOLDS.maxBlockingStylesheets}): ${formatList(blocking.map((s) => shortUrl(s.href, page)))}` }]
        : [];
    },
  },
  {
    id: 'html-too-large',
    scope: 'page',
    category: 'performance',
    severity: 'low',
    title: 'HTML document is very large',
    why: 'Large HTML is slow to download and parse, especially on mobile; Googlebot stops reading after 15 MB.',
    fix: 'Remove inlined data blobs, paginate long lists and trim repeated markup.',
    run: (page): Issue[] =>
      isAnalyzable(page) && page.htmlBytes > PAGE_THRESHOLDS.maxHtmlBytes ? [{ message: `The HTML is ${kb(page.htmlBytes)} (max ${kb(PAGE_THRESHOLDS.maxHtmlBytes)})` }] : [],
  },
  {
    id: 'dom-too-large',
    scope: 'page',
    category: 'performance',
    severity: 'low',
    title: 'Excessive DOM size',
    why: 'A large DOM increases memory use, style calculations and layout time, hurting interaction responsiveness (INP).',
    fix: `Keep the page under ${PAGE_THRESHOLDS.maxDomNodes} elements: virtualise long lists, remove hidden duplicate menus and wrapper divs.`,
    run: (page): Issue[] =>
      isAnalyzable(page) && page.domNodes > PAGE_THRESHOLDS.maxDomNodes ? [{ message: `The page has ${page.domNodes} DOM elements (max ${PAGE_THRESHOLDS.maxDomNodes})` }] : [],
  },
  {
    id: 'inline-css-large',
    scope: 'page',
    category: 'performance',
    severity: 'low',
    title: 'Large inline CSS',
    why: 'Inline CSS is downloaded again with every page instead of being cached once.',
    fix: 'Inline only critical above-the-fold CSS (a few KB) and move the rest into a cached stylesheet.',
    run: (page): Issue[] =>
      isAnalyzable(page) && page.inlineStyleBytes > PAGE_THRESHOLDS.maxInlineCssBytes ? [{ message: `Inline <style> blocks total ${kb(page.inlineStyleBytes)} (max ${kb(PAGE_THRESHOLDS.maxInlineCssBytes)})` }] : [],
  },
  {
    id: 'inline-js-large',
    scope: 'page',
    category: 'performance',
    severity: 'low',
    title: 'Large inline JavaScript',
    why: 'Inline scripts can’t be cached and block the parser while they run.',
    fix: 'Move large scripts into external, cached files loaded with defer.',
    run: (page): Issue[] =>
      isAnalyzable(page) && page.inlineScriptBytes > PAGE_THRESHOLDS.maxInlineJsBytes ? [{ message: `Inline scripts total ${kb(page.inlineScriptBytes)} (max ${kb(PAGE_THRESHOLDS.maxInlineJsBytes)})` }] : [],
  },
  {
    id: 'too-many-scripts',
    scope: 'page',
    category: 'performance',
    severity: 'low',
    title: 'Too many external scripts',
    why: 'Each script is a request plus parse and execution time on the main thread; third-party tags add up quickly.',
    fix: 'Remove unused tags, bundle first-party code and load third-party scripts after interaction where possible.',
    run: (page): Issue[] => {
      const n = page.scripts.filter((s) => s.src).length;
      return isAnalyzable(page) && n > PAGE_THRESHOLDS.maxExternalScripts ? [{ message: `The page loads ${n} external scripts (max ${PAGE_THRESHOLDS.maxExternalScripts})` }] : [];
    },
  },
  {
    id: 'font-display-missing',
    scope: 'page',
    category: 'performance',
    severity: 'low',
    title: 'Web fonts without font-display',
    why: 'Without font-display text stays invisible while the font downloads (FOIT), delaying when users can read.',
    fix: 'Add font-display: swap (or optional) to @font-face rules; add &display=swap to Google Fonts URLs.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const problems: string[] = [];
      const faces = page.fontFacesWithoutDisplay ?? 0;
      if (faces > 0) problems.push(`${plural(faces, 'inline @font-face rule')} without font-display`);
      for (const s of page.stylesheets) {
        if (/fonts\.googleapis\.com\/css/i.test(s.href) && !/[?&]display=/i.test(s.href)) problems.push(`Google Fonts stylesheet without &display=swap (${s.href})`);
      }
      return problems.length ? [{ message: problems.join('; ') }] : [];
    },
  },
  {
    id: 'duplicate-scripts',
    scope: 'page',
    category: 'performance',
    severity: 'low',
    title: 'Scripts loaded more than once',
    why: 'Loading the same script (or two copies of a library like jQuery) wastes bandwidth and can cause conflicts.',
    fix: 'Remove the duplicate <script> tags; load each library once.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const counts = new Map<string, number>();
      for (const s of page.scripts) if (s.src) counts.set(s.src, (counts.get(s.src) ?? 0) + 1);
      const dupes = [...counts].filter(([, n]) => n > 1).map(([src, n]) => `${shortUrl(src, page)} ×${n}`);
      const jquery = [...counts.keys()].filter((src) => /jquery(?:[.-]\d[\w.]*)?(?:\.min)?\.js(?:$|\?)|\/jquery@?\d|\/jquery\/\d/i.test(src) && !/jquery[.-]?(?:ui|migrate|validate|mobile)/i.test(src));
      const issues: Issue[] = [];
      if (dupes.length) issues.push({ message: `Loaded more than once: ${dupes.join(', ')}` });
      if (jquery.length > 1) issues.push({ message: `${jquery.length} copies of jQuery: ${formatList(jquery.map((s) => shortUrl(s, page)))}` });
      return issues;
    },
  },
  {
    id: 'document-write',
    scope: 'page',
    category: 'performance',
    severity: 'low',
    title: 'Uses document.write()',
    why: 'document.write() blocks parsing and Chrome blocks scripts it injects on slow connections, which can break the page.',
    fix: 'Insert elements with DOM APIs (appendChild/insertAdjacentHTML) or load the third-party tag asynchronously.',
    run: (page): Issue[] => (isAnalyzable(page) && page.usesDocumentWrite ? [{ message: 'An inline script calls document.write()' }] : []),
  },
  {
    id: 'lab-lcp-slow',
    scope: 'page',
    category: 'performance',
    severity: 'high',
    title: `Largest contentful paint over ${PAGE_THRESHOLDS.labMaxLcpMs / 1000} s (lab)`,
    why: 'LCP is a Core Web Vital: the main content appearing late makes visitors leave and counts against the page in Google’s page experience signals. Our render is faster than a phone on a mobile network, so a slow lab LCP is slower still for real visitors.',
    fix: 'Make the largest element (hero text or image) arrive early: cut server time, render-blocking CSS/JS and late-loaded fonts; preload the hero resource and do not build it with client-side JavaScript.',
    timing: true,
    run: (page): Issue[] => {
      const m = labMetricsOf(page);
      if (!m || m.lcpMs === null || m.lcpMs <= PAGE_THRESHOLDS.labMaxLcpMs) return [];
      const on = m.lcpElement ? ` on <${m.lcpElement}>` : '';
      return [{ message: `Largest contentful paint at ${(m.lcpMs / 1000).toFixed(1)} s${on} (good ≤ ${PAGE_THRESHOLDS.labMaxLcpMs / 1000} s); ${LAB_CAVEAT}`, details: { lcpMs: m.lcpMs, fcpMs: m.fcpMs, element: m.lcpElement ?? null } }];
    },
  },
  {
    id: 'lab-cls-high',
    scope: 'page',
    category: 'performance',
    severity: 'medium',
    title: `Cumulative layout shift over ${PAGE_THRESHOLDS.labMaxCls} (lab)`,
    why: 'CLS is a Core Web Vital: content that jumps while loading makes visitors lose their place or tap the wrong thing.',
    fix: 'Reserve space for late content (width/height on images and embeds, min-height on ad slots and banners) and never insert content above what is already shown.',
    timing: true,
    run: (page): Issue[] => {
      const m = labMetricsOf(page);
      if (!m || m.cls <= PAGE_THRESHOLDS.labMaxCls) return [];
      return [{ message: `Cumulative layout shift ${m.cls.toFixed(2)} (good ≤ ${PAGE_THRESHOLDS.labMaxCls}); ${LAB_CAVEAT}`, details: { cls: m.cls } }];
    },
  },
  {
    id: 'lab-tbt-high',
    scope: 'page',
    category: 'performance',
    severity: 'medium',
    title: `Total blocking time over ${PAGE_THRESHOLDS.labMaxTbtMs} ms (lab)`,
    why: 'Long JavaScript tasks block the main thread, so taps and typing wait (poor INP, a Core Web Vital). A phone’s CPU is several times slower than our render’s, so real blocking is longer.',
    fix: 'Split long tasks, defer or drop non-essential scripts (tag managers, widgets) and move heavy work off the main thread.',
    timing: true,
    run: (page): Issue[] => {
      const m = labMetricsOf(page);
      if (!m || m.tbtMs <= PAGE_THRESHOLDS.labMaxTbtMs) return [];
      return [{ message: `Total blocking time ${Math.round(m.tbtMs)} ms from ${plural(m.longTasks, 'long task')} (good ≤ ${PAGE_THRESHOLDS.labMaxTbtMs} ms); ${LAB_CAVEAT}`, details: { tbtMs: m.tbtMs, longTasks: m.longTasks } }];
    },
  },
] satisfies PageCheck[];
