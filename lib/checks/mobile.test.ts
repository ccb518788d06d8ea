import { describe, it } from 'vitest';
import { mobileChecks } from '@/lib/checks/mobile';
import { buildHtml, buildTestPage, createCheckTester } from '@/test/test-page';

const t = createCheckTester(mobileChecks);
const vp = (content: string) => buildTestPage(buildHtml('<p>x</p>', `<meta name="viewport" content="${content}">`));
const good = vp('width=device-width, initial-scale=1');

describe('mobile checks', () => {
  it('viewport-missing', () => {
    t.expectFires('viewport-missing', buildTestPage(buildHtml('<p>x</p>')), 'no <meta name="viewport">');
    t.expectSilent('viewport-missing', good);
    t.expectSilent('viewport-missing', buildTestPage('{}', { contentType: 'application/json' }));
  });

  it('viewport-zoom-disabled', () => {
    t.expectFires('viewport-zoom-disabled', vp('width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no'), 'disables zoom (user-scalable=no, maximum-scale=1)');
    t.expectSilent('viewport-zoom-disabled', vp('width=device-width, initial-scale=1, maximum-scale=5'));
  });

  it('viewport-not-responsive', () => {
    t.expectFires('viewport-not-responsive', vp('width=1024'), 'fixes the width to 1024 px');
    t.expectFires('viewport-not-responsive', vp('user-scalable=yes'), 'neither width=device-width nor initial-scale');
    t.expectSilent('viewport-not-responsive', good);
    t.expectSilent('viewport-not-responsive', vp('initial-scale=1'));
  });

  it('viewport-multiple', () => {
    t.expectFires('viewport-multiple', buildTestPage(buildHtml('', '<meta name="viewport" content="width=device-width"><meta name="viewport" content="width=1024">')), '2 viewport meta tags');
    t.expectSilent('viewport-multiple', good);
  });

  it('font-size-too-small', () => {
    t.expectFires('font-size-too-small', buildTestPage(buildHtml('<p>x</p>', '<style>html, body { font-size: 10px; }</style>')), 'body font-size is 10px (min 12px)');
    // the 62.5% root trick is not small text
    t.expectSilent('font-size-too-small', buildTestPage(buildHtml('<p>x</p>', '<style>html { font-size: 62.5% } body { font-size: 1.6rem } .fine { font-size: 10px }</style>')));
  });

  it('plugins-used', () => {
    t.expectFires('plugins-used', buildTestPage(buildHtml('<embed src="/intro.swf" type="application/x-shockwave-flash">')), 'plugin content');
    t.expectSilent('plugins-used', buildTestPage(buildHtml('<object data="/chart.svg" type="image/svg+xml"></object><embed src="/doc.pdf">')));
  });

  it('fixed-width-elements', () => {
    t.expectFires('fixed-width-elements', buildTestPage(buildHtml('<table width="960"><tr><td>x</td></tr></table><div style="width:1200px">y</div><div style="width: 400px">ok</div>')), '2 elements have a fixed width over 480 px: "<table> 960px", "<div> 1200px"');
    t.expectSilent('fixed-width-elements', buildTestPage(buildHtml('<div style="max-width: 1200px; width: 100%">x</div><img src="/a.png" style="width: 900px" alt="">')));
  });

  describe('phone-viewport layout from the render', () => {
    const html = buildHtml('<p>x</p>', '<meta name="viewport" content="width=device-width, initial-scale=1">');
    type Layout = NonNullable<Parameters<typeof buildTestPage>[1]>['mobileLayout'];
    const layout = (extra: Partial<NonNullable<Layout>> = {}) =>
      buildTestPage(html, {
        renderedHtml: html,
        mobileLayout: { viewport: { width: 412, height: 823 }, targetsMeasured: 40, smallTargets: 0, smallTargetExamples: [], interstitial: null, ...extra },
      });

    it('tap-targets-too-small', () => {
      t.expectFires(
        'tap-targets-too-small',
        layout({ smallTargets: 3, smallTargetExamples: [{ label: 'a "Next"', width: 14.2, height: 10 }, { label: 'a "Prev"', width: 14, height: 10 }] }),
        '3 tap targets are smaller than 24 × 24 CSS px and crowded by another target at a 412 px wide phone viewport (of 40 measured)',
        '"a "Next" 14×10"',
      );
      t.expectSilent('tap-targets-too-small', layout());
      t.expectSilent('tap-targets-too-small', buildTestPage(html)); // not rendered: nothing measured
    });

    it('intrusive-interstitial', () => {
      t.expectFires('intrusive-interstitial', layout({ interstitial: { label: 'div#newsletter "Subscribe"', coverage: 0.96 } }), 'A fixed element (div#newsletter "Subscribe") covers 96 % of the 412 × 823 phone viewport');
      t.expectSilent('intrusive-interstitial', layout({ interstitial: { label: 'header', coverage: 0.09 } }));
      t.expectSilent('intrusive-interstitial', layout());
      t.expectSilent('intrusive-interstitial', buildTestPage(html));
    });
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});
