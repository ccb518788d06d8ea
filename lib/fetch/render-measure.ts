// Measurements taken inside the render (render-pool.ts): lab timing metrics observed from the first
// byte of the document, and layout facts measured at a phone viewport once the page has settled.
// The in-page code is passed as source text, not functions, so no transpiler helper leaks into it.
// Everything the page hands back is re-validated here: the page is hostile and can patch globals.
import type { Page } from 'puppeteer-core';
import type { RenderLabMetrics, RenderMobileLayout } from '@/lib/fetch/types';

/** Lighthouse's mobile device (Moto G Power): the viewport the layout measurements are taken at. */
export const MOBILE_VIEWPORT = { width: 412, height: 823 } as const;
/** Interactive elements examined for target size, in document order (hostile pages have tens of thousands). */
export const MAX_TARGETS_MEASURED = 500;
/** Undersized targets reported by name. */
export const MAX_TARGET_EXAMPLES = 20;
/** WCAG 2.2 SC 2.5.8 Target Size (Minimum): 24 × 24 CSS px, unless spaced. */
export const MIN_TARGET_PX = 24;
const MEASURE_TIMEOUT_MS = 3_000;
const MAX_LABEL_CHARS = 80;

/**
 * Installed before any page script (evaluateOnNewDocument). Observes paint, largest-contentful-paint,
 * layout-shift and longtask entries and defines a non-writable reader. Lists are capped: a page can
 * emit entries forever.
 */
export const LAB_METRICS_INIT = `(() => {
  if (window !== window.top || Object.prototype.hasOwnProperty.call(window, '__roLabMetrics')) return;
  const MAX = 2000;
  let fcp = null;
  let lcp = null;
  let lcpElement = '';
  const shifts = [];
  const tasks = [];
  const describe = (el) => {
    try {
      if (!el || !el.tagName) return '';
      let s = el.tagName.toLowerCase();
      if (el.id) s += '#' + el.id;
      else if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.');
      return s.slice(0, ${MAX_LABEL_CHARS});
    } catch (e) { return ''; }
  };
  const handlers = {
    'paint': (e) => { if (e.name === 'first-contentful-paint') fcp = e.startTime; },
    'largest-contentful-paint': (e) => { lcp = e.startTime; lcpElement = describe(e.element); },
    'layout-shift': (e) => { if (!e.hadRecentInput && shifts.length < MAX) shifts.push([e.startTime, e.value]); },
    'longtask': (e) => { if (tasks.length < MAX) tasks.push([e.startTime, e.duration]); },
  };
  const observers = [];
  for (const type of Object.keys(handlers)) {
    try {
      const o = new PerformanceObserver((list) => { for (const e of list.getEntries()) handlers[type](e); });
      o.observe({ type, buffered: true });
      observers.push([o, handlers[type]]);
    } catch (e) {}
  }
  Object.defineProperty(window, '__roLabMetrics', { value: () => {
    for (const [o, h] of observers) { try { for (const e of o.takeRecords()) h(e); } catch (e) {} }
    // CLS as Lighthouse computes it: the worst session window (shifts < 1 s apart, window ≤ 5 s).
    let cls = 0, win = 0, winStart = -Infinity, prev = -Infinity;
    for (const [t, v] of shifts) {
      if (t - prev > 1000 || t - winStart > 5000) { win = 0; winStart = t; }
      win += v; prev = t;
      if (win > cls) cls = win;
    }
    // TBT: the part of each long task after FCP that exceeds 50 ms, up to now (the end of the render).
    let tbt = 0;
    const from = fcp === null ? 0 : fcp;
    for (const [s, d] of tasks) {
      const span = s + d - Math.max(s, from);
      if (span > 50) tbt += span - 50;
    }
    return { fcpMs: fcp, lcpMs: lcp, lcpElement, cls, tbtMs: tbt, longTasks: tasks.length };
  } });
})()`;

const READ_LAB_METRICS = `typeof window.__roLabMetrics === 'function' ? window.__roLabMetrics() : null`;

/**
 * Runs in the page at the phone viewport: undersized tap targets (first `maxTargets` interactive
 * elements; a target is exempt when spaced, i.e. its 24 px circle touches no other target, and when
 * it is an inline link inside a sentence) and the largest fixed/sticky element on top of the
 * viewport (hit-tested on a 5 × 5 grid; an element holding most of the page's text is the page
 * itself, an app shell, not an overlay).
 */
const MEASURE_MOBILE_LAYOUT = `async (maxTargets, maxExamples, minSize, maxLabel, expectedWidth) => {
  // The new metrics reach the page with the next frames: wait for them (a page without frames is
  // measured after a short while as it is).
  const frame = () => new Promise((resolve) => { requestAnimationFrame(() => resolve()); setTimeout(resolve, 100); });
  for (let i = 0; i < 10 && screen.width !== expectedWidth; i++) await frame();
  await frame();
  const vw = window.innerWidth, vh = window.innerHeight;
  const short = (s) => String(s || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
  const label = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    else if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\\s+/)[0];
    const text = short(el.getAttribute('aria-label')) || short(el.innerText ?? el.textContent) || short(el.getAttribute('title')) || short(el.getAttribute('href')) || short(el.getAttribute('value'));
    return (text ? s + ' "' + text + '"' : s).slice(0, maxLabel);
  };
  const nodes = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=checkbox], [role=radio], [role=switch], [role=tab], [role=menuitem]');
  const targets = [];
  let measured = 0;
  for (let i = 0; i < nodes.length && i < maxTargets; i++) {
    const el = nodes[i];
    const r = el.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) continue;
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    const cs = getComputedStyle(el);
    if (cs.pointerEvents === 'none') continue;
    measured++;
    if (cs.display === 'inline' && el.parentElement) {
      let inSentence = false;
      for (const n of el.parentElement.childNodes) if (n.nodeType === 3 && n.textContent.trim()) { inSentence = true; break; }
      if (inSentence) continue;
    }
    targets.push({ el, x: r.left, y: r.top, w: r.width, h: r.height, cx: r.left + r.width / 2, cy: r.top + r.height / 2, small: r.width < minSize || r.height < minSize });
  }
  const failing = [];
  for (const t of targets) {
    if (!t.small) continue;
    for (const o of targets) {
      if (o === t) continue;
      // Geometry first (cheap); containment (a target nested in another) only for real neighbours.
      const nx = Math.max(o.x, Math.min(t.cx, o.x + o.w)), ny = Math.max(o.y, Math.min(t.cy, o.y + o.h));
      const near = Math.hypot(nx - t.cx, ny - t.cy) < minSize / 2 || (o.small && Math.hypot(o.cx - t.cx, o.cy - t.cy) < minSize);
      if (near && !o.el.contains(t.el) && !t.el.contains(o.el)) { failing.push(t); break; }
    }
  }
  const bodyText = document.body ? document.body.textContent.length : 0;
  const candidates = new Set();
  for (let gx = 1; gx <= 5; gx++) for (let gy = 1; gy <= 5; gy++) {
    let n = document.elementFromPoint(vw * gx / 6, vh * gy / 6);
    for (let depth = 0; n && n !== document.body && n !== document.documentElement && depth < 40; depth++, n = n.parentElement) {
      const pos = getComputedStyle(n).position;
      if (pos === 'fixed' || pos === 'sticky') { candidates.add(n); break; }
    }
  }
  let interstitial = null;
  for (const el of candidates) {
    if (bodyText > 0 && el.textContent.length > bodyText / 2) continue;
    if (Number(getComputedStyle(el).opacity) < 0.1) continue;
    const r = el.getBoundingClientRect();
    const w = Math.max(0, Math.min(vw, r.right) - Math.max(0, r.left)), h = Math.max(0, Math.min(vh, r.bottom) - Math.max(0, r.top));
    const coverage = vw > 0 && vh > 0 ? (w * h) / (vw * vh) : 0;
    if (!interstitial || coverage > interstitial.coverage) interstitial = { label: label(el), coverage };
  }
  return {
    viewport: { width: vw, height: vh },
    targetsMeasured: measured,
    smallTargets: failing.length,
    smallTargetExamples: failing.slice(0, maxExamples).map((t) => ({ label: label(t.el), width: t.w, height: t.h })),
    interstitial,
  };
}`;

/** Adds the lab-metric observers to every document the page loads; call before navigating. */
export async function installLabMetrics(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(LAB_METRICS_INIT);
}

/** Reads the observers' totals (call once the page has settled); undefined when unavailable. */
export async function readLabMetrics(page: Page): Promise<RenderLabMetrics | undefined> {
  try {
    return sanitizeLabMetrics(await withDeadline(page.evaluate(READ_LAB_METRICS), MEASURE_TIMEOUT_MS));
  } catch {
    return undefined;
  }
}

/**
 * Switches the page to a phone viewport (Chromium's mobile emulation: the meta viewport applies,
 * media queries re-evaluate; no reload, so scripts that chose a layout at load keep it) and
 * measures tap targets and overlays there. Undefined when the page did not answer in time.
 */
export async function measureMobileLayout(page: Page): Promise<RenderMobileLayout | undefined> {
  try {
    // The override lasts as long as the session that set it: detach only after measuring.
    const session = await page.createCDPSession();
    try {
      await session.send('Emulation.setDeviceMetricsOverride', { ...MOBILE_VIEWPORT, deviceScaleFactor: 1, mobile: true });
      const raw = await withDeadline(
        page.evaluate(`(${MEASURE_MOBILE_LAYOUT})(${MAX_TARGETS_MEASURED}, ${MAX_TARGET_EXAMPLES}, ${MIN_TARGET_PX}, ${MAX_LABEL_CHARS}, ${MOBILE_VIEWPORT.width})`),
        MEASURE_TIMEOUT_MS,
      );
      return sanitizeMobileLayout(raw);
    } finally {
      void session.detach().catch(() => {});
    }
  } catch {
    return undefined;
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
const round = (v: number, digits = 0) => Math.round(v * 10 ** digits) / 10 ** digits;
const text = (v: unknown): string => (typeof v === 'string' ? v.slice(0, MAX_LABEL_CHARS) : '');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Plain, bounded numbers from whatever the page returned (exported for tests). */
export function sanitizeLabMetrics(raw: unknown): RenderLabMetrics | undefined {
  if (!isObject(raw)) return undefined;
  const fcp = num(raw.fcpMs);
  const lcp = num(raw.lcpMs);
  const element = text(raw.lcpElement);
  return {
    fcpMs: fcp === null ? null : round(fcp),
    lcpMs: lcp === null ? null : round(lcp),
    ...(element ? { lcpElement: element } : {}),
    cls: round(num(raw.cls) ?? 0, 4),
    tbtMs: round(num(raw.tbtMs) ?? 0),
    longTasks: round(num(raw.longTasks) ?? 0),
  };
}

export function sanitizeMobileLayout(raw: unknown): RenderMobileLayout | undefined {
  if (!isObject(raw) || !isObject(raw.viewport)) return undefined;
  const examples = Array.isArray(raw.smallTargetExamples) ? raw.smallTargetExamples.slice(0, MAX_TARGET_EXAMPLES) : [];
  const interstitial = isObject(raw.interstitial) ? raw.interstitial : null;
  return {
    viewport: { width: round(num(raw.viewport.width) ?? 0), height: round(num(raw.viewport.height) ?? 0) },
    targetsMeasured: round(num(raw.targetsMeasured) ?? 0),
    smallTargets: round(num(raw.smallTargets) ?? 0),
    smallTargetExamples: examples.filter(isObject).map((e) => ({ label: text(e.label), width: round(num(e.width) ?? 0, 1), height: round(num(e.height) ?? 0, 1) })),
    interstitial: interstitial ? { label: text(interstitial.label), coverage: Math.min(1, round(num(interstitial.coverage) ?? 0, 3)) } : null,
  };
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  promise.catch(() => {});
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('measurement timed out')), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
