// Mobile friendliness visible in the HTML: viewport meta, zoom, legacy plugins, tiny base font and
// fixed widths that overflow phone screens; and, for rendered pages only, tap targets and overlays
// measured at a phone viewport after the render (PageFacts.rendering.mobileLayout).
import { formatList, isAnalyzable, plural } from '@/lib/checks/page-check-helpers';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';
import type { PageFacts } from '@/lib/crawler/page-facts';
import type { RenderMobileLayout } from '@/lib/fetch/types';

/** Phone-viewport layout of a rendered 2xx HTML page; undefined otherwise. */
function mobileLayoutOf(page: PageFacts): RenderMobileLayout | undefined {
  return isAnalyzable(page) && page.rendering?.mode === 'rendered' ? page.rendering.mobileLayout : undefined;
}

/** Parses "width=device-width, initial-scale=1" into lower-cased key/values. */
export function parseViewport(content: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of content.split(/[,;]/)) {
    const [k, v] = part.split('=');
    if (k && k.trim()) out.set(k.trim().toLowerCase(), (v ?? '').trim().toLowerCase());
  }
  return out;
}

export const mobileChecks = [
  {
    id: 'viewport-missing',
    scope: 'page',
    category: 'mobile',
    severity: 'high',
    title: 'Missing viewport meta tag',
    why: 'Without a viewport tag phones render the page at desktop width and shrink it, making text unreadable; Google indexes the mobile version.',
    fix: 'Add <meta name="viewport" content="width=device-width, initial-scale=1"> to <head>.',
    run: (page): Issue[] => (isAnalyzable(page) && page.viewport === null ? [{ message: 'The page has no <meta name="viewport">' }] : []),
  },
  {
    id: 'viewport-zoom-disabled',
    scope: 'page',
    category: 'mobile',
    severity: 'medium',
    title: 'Viewport prevents zooming',
    why: 'user-scalable=no or a low maximum-scale stops people with low vision from zooming (WCAG 1.4.4).',
    fix: 'Remove user-scalable=no and maximum-scale (or set maximum-scale to 5).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || !page.viewport) return [];
      const vp = parseViewport(page.viewport);
      const scalable = vp.get('user-scalable');
      const max = Number(vp.get('maximum-scale'));
      const problems: string[] = [];
      if (scalable === 'no' || scalable === '0') problems.push(`user-scalable=${scalable}`);
      if (vp.has('maximum-scale') && Number.isFinite(max) && max < PAGE_THRESHOLDS.minViewportMaxScale) problems.push(`maximum-scale=${vp.get('maximum-scale')}`);
      return problems.length ? [{ message: `Viewport "${page.viewport}" disables zoom (${problems.join(', ')})` }] : [];
    },
  },
  {
    id: 'viewport-not-responsive',
    scope: 'page',
    category: 'mobile',
    severity: 'medium',
    title: 'Viewport is not set to the device width',
    why: 'A fixed viewport width (e.g. width=1024) or a viewport without width/initial-scale keeps the page from adapting to phone screens.',
    fix: 'Use content="width=device-width, initial-scale=1".',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || page.viewport === null) return [];
      const vp = parseViewport(page.viewport);
      const width = vp.get('width');
      if (width !== undefined && /^\d+(?:\.\d+)?$/.test(width)) return [{ message: `Viewport "${page.viewport}" fixes the width to ${width} px` }];
      if (width === undefined && !vp.has('initial-scale')) return [{ message: `Viewport "${page.viewport}" has neither width=device-width nor initial-scale` }];
      return [];
    },
  },
  {
    id: 'viewport-multiple',
    scope: 'page',
    category: 'mobile',
    severity: 'low',
    title: 'Multiple viewport meta tags',
    why: 'Browsers apply the last viewport tag, so a second one (often from a plugin) can silently override the correct settings.',
    fix: 'Keep a single <meta name="viewport">.',
    run: (page): Issue[] => {
      const n = page.viewportCount ?? 0;
      return isAnalyzable(page) && n > 1 ? [{ message: `${n} viewport meta tags; browsers apply the last one` }] : [];
    },
  },
  {
    id: 'font-size-too-small',
    scope: 'page',
    category: 'mobile',
    severity: 'low',
    title: 'Base font size is too small',
    why: `Body text under ${PAGE_THRESHOLDS.minBaseFontPx} px is hard to read on phones without zooming.`,
    fix: 'Set the body font size to at least 16 px.',
    run: (page): Issue[] => {
      const size = page.baseFontSizePx;
      return isAnalyzable(page) && size != null && size < PAGE_THRESHOLDS.minBaseFontPx ? [{ message: `body font-size is ${size}px (min ${PAGE_THRESHOLDS.minBaseFontPx}px)` }] : [];
    },
  },
  {
    id: 'plugins-used',
    scope: 'page',
    category: 'mobile',
    severity: 'medium',
    title: 'Uses browser plugins (Flash, Java, Silverlight)',
    why: 'Plugins don’t run on mobile or modern browsers; content inside them is invisible to users and search engines.',
    fix: 'Replace plugin content with HTML5 (video, canvas, images).',
    run: (page): Issue[] => (isAnalyzable(page) && page.usesPlugins ? [{ message: 'The page embeds plugin content (<object>/<embed>/<applet> for Flash, Java or Silverlight)' }] : []),
  },
  {
    id: 'fixed-width-elements',
    scope: 'page',
    category: 'mobile',
    severity: 'low',
    title: 'Fixed-width elements wider than a phone screen',
    why: `Elements fixed wider than ${PAGE_THRESHOLDS.maxFixedWidthPx} px force horizontal scrolling on phones.`,
    fix: 'Use max-width: 100% or relative widths instead of fixed pixel widths.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const wide = (page.fixedWidthElements ?? []).filter((e) => e.widthPx > PAGE_THRESHOLDS.maxFixedWidthPx);
      return wide.length ? [{ message: `${plural(wide.length, 'element has', 'elements have')} a fixed width over ${PAGE_THRESHOLDS.maxFixedWidthPx} px: ${formatList(wide.map((e) => `<${e.tag}> ${e.widthPx}px`))}` }] : [];
    },
  },
  {
    id: 'tap-targets-too-small',
    scope: 'page',
    category: 'mobile',
    severity: 'low',
    title: 'Tap targets too small and too close together',
    why: `Links and buttons under ${PAGE_THRESHOLDS.minTapTargetPx} × ${PAGE_THRESHOLDS.minTapTargetPx} CSS px with another target within reach are hard to hit on a touch screen (WCAG 2.2 SC 2.5.8, Lighthouse target-size).`,
    fix: `Give links and buttons at least ${PAGE_THRESHOLDS.minTapTargetPx} × ${PAGE_THRESHOLDS.minTapTargetPx} CSS px (padding counts) or keep ${PAGE_THRESHOLDS.minTapTargetPx} px between small ones.`,
    run: (page): Issue[] => {
      const m = mobileLayoutOf(page);
      if (!m || m.smallTargets === 0) return [];
      const examples = m.smallTargetExamples.map((e) => `${e.label} ${Math.round(e.width)}×${Math.round(e.height)}`);
      return [
        {
          message: `${plural(m.smallTargets, 'tap target is', 'tap targets are')} smaller than ${PAGE_THRESHOLDS.minTapTargetPx} × ${PAGE_THRESHOLDS.minTapTargetPx} CSS px and crowded by another target at a ${m.viewport.width} px wide phone viewport (of ${m.targetsMeasured} measured): ${formatList(examples)}`,
          details: { viewport: m.viewport, targetsMeasured: m.targetsMeasured, smallTargets: m.smallTargets, examples: m.smallTargetExamples },
        },
      ];
    },
  },
  {
    id: 'intrusive-interstitial',
    scope: 'page',
    category: 'mobile',
    severity: 'medium',
    title: 'Overlay covers most of the phone screen after load',
    why: 'Google demotes pages whose content is hidden behind a pop-up or interstitial on mobile (legally required cookie and age notices excepted), and visitors leave.',
    fix: 'Use a small banner instead of a full-screen overlay, or show it only after interaction; keep legally required notices compact.',
    run: (page): Issue[] => {
      const m = mobileLayoutOf(page);
      const overlay = m?.interstitial;
      if (!m || !overlay || overlay.coverage < PAGE_THRESHOLDS.interstitialMinCoverage) return [];
      return [
        {
          message: `A fixed element (${overlay.label}) covers ${Math.round(overlay.coverage * 100)} % of the ${m.viewport.width} × ${m.viewport.height} phone viewport after load (max ${Math.round(PAGE_THRESHOLDS.interstitialMinCoverage * 100)} %)`,
          details: { element: overlay.label, coverage: overlay.coverage, viewport: m.viewport },
        },
      ];
    },
  },
] satisfies PageCheck[];
