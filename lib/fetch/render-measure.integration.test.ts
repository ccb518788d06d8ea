// Lab metrics and phone-viewport layout measured by the render pool in real Chromium, on fixture
// pages served by this test, down to the findings the checks make of them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPageFacts } from '@/lib/analysis/extract-page-facts';
import { pageChecks } from '@/lib/checks/page-checks';
import { createRenderPool, type RenderPool } from '@/lib/fetch/render-pool';
import type { RenderResult } from '@/lib/fetch/types';
import { buildFetchResult } from '@/test/test-page';

const RENDER_CHECKS = ['lab-lcp-slow', 'lab-cls-high', 'lab-tbt-high', 'tap-targets-too-small', 'intrusive-interstitial'];
const VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">';
const PROSE = `<p>${'Our roofers repair leaks, replace shingles and clear gutters across the county. '.repeat(30)}</p>`;
const doc = (body: string, head = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fixture page for lab metrics</title>${VIEWPORT}${head}</head><body>${body}</body></html>`;

/** Runs `code` once, 50 ms after the first contentful paint (a loaded machine may paint after `load`). */
const afterFirstPaint = (code: string) => `let ran = false;
  new PerformanceObserver((list) => {
    if (ran || !list.getEntries().some((e) => e.name === 'first-contentful-paint')) return;
    ran = true;
    setTimeout(() => { ${code} }, 50);
  }).observe({ type: 'paint', buffered: true });`;

const pages: Record<string, string> = {
  // Nothing can paint before the stylesheet arrives (~2.8 s): the heading is painted late.
  '/lcp-slow': doc(`<h1 id="hero">Roof repair</h1>${PROSE}`, '<link rel="stylesheet" href="/slow.css">'),
  // A 400 px block pushed above the text once the text has been painted.
  '/cls': doc(`<h1>Roof repair</h1>${PROSE}<script>${afterFirstPaint(`document.body.insertAdjacentHTML('afterbegin', '<div style="height:400px;background:#eee">Offer</div>');`)}</script>`),
  // A 400 ms busy loop after first paint, then a DOM change (so the settle wait sees it).
  '/tbt': doc(`<h1>Roof repair</h1>${PROSE}<script>${afterFirstPaint(`const end = performance.now() + 400; while (performance.now() < end) {}
      document.body.insertAdjacentHTML('beforeend', '<p>done</p>');`)}</script>`),
  '/tiny-links': doc(
    `<h1>Pages</h1>${PROSE}<div>${Array.from({ length: 12 }, (_, i) => `<a href="/p${i}" style="display:inline-block;width:14px;height:14px;font-size:10px">${i}</a>`).join('')}</div>`,
  ),
  '/overlay': doc(
    `<h1>Roof repair</h1>${PROSE}<script>addEventListener('load', () => document.body.insertAdjacentHTML('beforeend',
      '<div id="newsletter" style="position:fixed;inset:0;background:rgba(0,0,0,.85);color:#fff"><p>Subscribe to our newsletter</p><button>Close</button></div>'));</script>`,
  ),
  '/clean': doc(
    `<nav>${['Home', 'Services', 'Contact'].map((t) => `<a href="/${t.toLowerCase()}" style="display:block;padding:12px">${t}</a>`).join('')}</nav>
     <h1>Roof repair</h1>${PROSE}<p>Call us or <a href="/quote">ask for a quote</a> today.</p>`,
  ),
};

let server: http.Server;
let base: string;
let pool: RenderPool;
const results = new Map<string, RenderResult>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/slow.css') {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/css' }).end('h1 { color: #333 }'), 2_800);
      return;
    }
    const html = pages[path];
    if (html) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pool = createRenderPool({ size: 1, navigationTimeoutMs: 15_000, allowedPrivateHosts: ['127.0.0.1'] });
  // One render each, in turn: parallel renders on a loaded machine would blur the timings.
  for (const path of Object.keys(pages)) results.set(path, await pool.render(`${base}${path}`));
});

afterAll(async () => {
  await pool?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

function renderFindings(path: string): string[] {
  const rendered = results.get(path)!;
  const facts = extractPageFacts({ fetch: buildFetchResult(pages[path]!, { url: `${base}${path}` }), rendered });
  return pageChecks.filter((c) => RENDER_CHECKS.includes(c.id) && c.run(facts).length > 0).map((c) => c.id);
}

describe('lab metrics and phone layout measured in the render', () => {
  it('a late stylesheet holds the largest paint past 2.5 s', () => {
    const m = results.get('/lcp-slow')!.labMetrics!;
    expect(m.lcpMs).toBeGreaterThan(2_500);
    expect(m.lcpElement).toBeDefined();
    expect(renderFindings('/lcp-slow')).toContain('lab-lcp-slow');
  });

  it('a block inserted above the content after load shifts the layout', () => {
    expect(results.get('/cls')!.labMetrics!.cls).toBeGreaterThan(0.1);
    expect(renderFindings('/cls')).toEqual(['lab-cls-high']);
  });

  it('a 400 ms busy loop after first paint is blocking time', () => {
    const m = results.get('/tbt')!.labMetrics!;
    expect(m.tbtMs).toBeGreaterThan(200);
    expect(m.longTasks).toBeGreaterThanOrEqual(1);
    expect(renderFindings('/tbt')).toEqual(['lab-tbt-high']);
  });

  it('crowded 14 px links are undersized tap targets at the phone viewport', () => {
    const layout = results.get('/tiny-links')!.mobileLayout!;
    expect(layout.viewport).toEqual({ width: 412, height: 823 });
    expect(layout.smallTargets).toBe(12);
    expect(layout.smallTargetExamples[0]).toEqual({ label: 'a "0"', width: 14, height: 14 });
    expect(renderFindings('/tiny-links')).toEqual(['tap-targets-too-small']);
  });

  it('a full-screen fixed overlay after load is an interstitial', () => {
    const layout = results.get('/overlay')!.mobileLayout!;
    expect(layout.interstitial).toEqual({ label: 'div#newsletter "Subscribe to our newsletter Close"', coverage: 1 });
    expect(renderFindings('/overlay')).toEqual(['intrusive-interstitial']);
  });

  it('a clean page is measured and gets none of these findings', () => {
    const { labMetrics, mobileLayout } = results.get('/clean')!;
    expect(labMetrics?.lcpMs).toBeGreaterThan(0);
    expect(labMetrics?.fcpMs).toBeGreaterThan(0);
    expect(mobileLayout?.targetsMeasured).toBe(4);
    expect(renderFindings('/clean')).toEqual([]);
  });
});
