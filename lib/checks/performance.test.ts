import { describe, it } from 'vitest';
import { performanceChecks } from '@/lib/checks/performance';
import { buildHtml, buildTestPage, createCheckTester } from '@/test/test-page';

const t = createCheckTester(performanceChecks);
const page = (body: string, head = '', opts: Parameters<typeof buildTestPage>[1] = {}) => buildTestPage(buildHtml(body, head), opts);
const filler = `<p>${'Plenty of text here. '.repeat(100)}</p>`;

describe('performance checks', () => {
  it('no-compression: larger responses without Content-Encoding', () => {
    t.expectFires('no-compression', page(filler), 'HTML response has no Content-Encoding (gzip/br)');
    t.expectSilent('no-compression', page(filler, '', { headers: { 'content-encoding': 'br' } }));
    t.expectSilent('no-compression', page(filler, '', { transferBytes: 500 }));
    t.expectSilent('no-compression', page('<p>tiny</p>'));
  });

  it('render-blocking-scripts: classic scripts in head only', () => {
    t.expectFires('render-blocking-scripts', page('', '<script src="/jquery.js"></script><script src="https://cdn.example.net/lib.js"></script>'), '2 scripts block rendering: "/jquery.js", "https://cdn.example.net/lib.js"');
    t.expectSilent('render-blocking-scripts', page('<script src="/late.js"></script>', '<script src="/a.js" defer></script><script src="/b.js" async></script><script type="module" src="/m.js"></script><script type="application/ld+json">{}</script>'));
  });

  it('render-blocking-stylesheets: more than three, print ignored', () => {
    const css = (n: number) => Array.from({ length: n }, (_, i) => `<link rel="stylesheet" href="/c${i}.css">`).join('');
    t.expectFires('render-blocking-stylesheets', page('', css(4)), '4 stylesheets block rendering (max 3)');
    t.expectSilent('render-blocking-stylesheets', page('', `${css(3)}<link rel="stylesheet" href="/print.css" media="print">`));
  });

  it('html-too-large / dom-too-large', () => {
    t.expectFires('html-too-large', page(`<p>${'x'.repeat(1100 * 1024)}</p>`), 'The HTML is 1.1 MB (max 1.0 MB)');
    t.expectSilent('html-too-large', page(filler));
    t.expectFires('dom-too-large', page('<i></i>'.repeat(1600)), 'DOM elements (max 1500)');
    t.expectSilent('dom-too-large', page(filler));
  });

  it('inline-css-large / inline-js-large (JSON data is not JS)', () => {
    t.expectFires('inline-css-large', page('', `<style>${'.a{color:red}'.repeat(5000)}</style>`), 'Inline <style> blocks total 63 KB (max 50 KB)');
    t.expectSilent('inline-css-large', page('', '<style>.a{color:red}</style>'));
    t.expectFires('inline-js-large', page(`<script>${'var a = 1;'.repeat(12000)}</script>`), 'Inline scripts total 117 KB (max 100 KB)');
    t.expectSilent('inline-js-large', page(`<script type="application/json" id="__NEXT_DATA__">${'{"a":1}'.repeat(20000)}</script>`));
  });

  it('too-many-scripts', () => {
    t.expectFires('too-many-scripts', page(Array.from({ length: 21 }, (_, i) => `<script src="/s${i}.js" defer></script>`).join('')), 'loads 21 external scripts (max 20)');
    t.expectSilent('too-many-scripts', page('<script src="/a.js"></script>'));
  });

  it('font-display-missing: @font-face and Google Fonts', () => {
    t.expectFires('font-display-missing', page('', '<style>@font-face { font-family: Brand; src: url(/b.woff2) }</style>'), '1 inline @font-face rule without font-display');
    t.expectFires('font-display-missing', page('', '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">'), 'Google Fonts stylesheet without &display=swap');
    t.expectSilent('font-display-missing', page('', '<style>@font-face { font-family: B; src: url(/b.woff2); font-display: swap }</style><link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter&display=swap">'));
  });

  it('duplicate-scripts: same src twice, or two jQuery copies', () => {
    t.expectFires('duplicate-scripts', page('<script src="/app.js"></script><script src="/app.js"></script>'), 'Loaded more than once: /app.js ×2');
    t.expectFires('duplicate-scripts', page('<script src="https://code.jquery.com/jquery-1.12.4.min.js"></script><script src="/js/jquery-3.7.1.min.js"></script>'), '2 copies of jQuery');
    t.expectSilent('duplicate-scripts', page('<script src="/js/jquery-3.7.1.min.js"></script><script src="/js/jquery-migrate-3.4.1.min.js"></script><script src="/js/jquery.ui.js"></script>'));
  });

  it('document-write', () => {
    t.expectFires('document-write', page('<script>document.write("<p>ad</p>")</script>'), 'calls document.write()');
    t.expectSilent('document-write', page('<script>document.body.append("x")</script>'));
  });

  describe('lab metrics from the render', () => {
    const html = buildHtml(filler);
    const lab = (labMetrics: Partial<NonNullable<Parameters<typeof buildTestPage>[1]>['labMetrics']> = {}) =>
      buildTestPage(html, { renderedHtml: html, labMetrics: { fcpMs: 300, lcpMs: 400, cls: 0, tbtMs: 0, longTasks: 0, ...labMetrics } });
    const clean = lab();

    it('lab-lcp-slow: LCP over 2.5 s, with the lab caveat', () => {
      t.expectFires('lab-lcp-slow', lab({ lcpMs: 3120, lcpElement: 'h1#hero' }), 'Largest contentful paint at 3.1 s on <h1#hero> (good ≤ 2.5 s)', 'unthrottled render', 'not field data (CrUX)');
      t.expectSilent('lab-lcp-slow', clean);
      t.expectSilent('lab-lcp-slow', lab({ lcpMs: 2500 }));
      t.expectSilent('lab-lcp-slow', lab({ lcpMs: null }));
    });

    it('lab-cls-high: CLS over 0.1', () => {
      t.expectFires('lab-cls-high', lab({ cls: 0.3412 }), 'Cumulative layout shift 0.34 (good ≤ 0.1)', 'not field data (CrUX)');
      t.expectSilent('lab-cls-high', lab({ cls: 0.1 }));
    });

    it('lab-tbt-high: TBT over 200 ms', () => {
      t.expectFires('lab-tbt-high', lab({ tbtMs: 352, longTasks: 2 }), 'Total blocking time 352 ms from 2 long tasks (good ≤ 200 ms)', 'not field data (CrUX)');
      t.expectSilent('lab-tbt-high', lab({ tbtMs: 180, longTasks: 3 }));
    });

    it('only rendered pages with measurements get lab findings', () => {
      const slow = { fcpMs: 2900, lcpMs: 9000, cls: 0.9, tbtMs: 900, longTasks: 4 };
      for (const id of ['lab-lcp-slow', 'lab-cls-high', 'lab-tbt-high']) {
        t.expectSilent(id, buildTestPage(html)); // fetched, not rendered
        t.expectSilent(id, buildTestPage(html, { renderedHtml: html })); // rendered without measurements
        t.expectSilent(id, buildTestPage(html, { renderedHtml: html, labMetrics: slow, status: 404 }));
      }
    });
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});
