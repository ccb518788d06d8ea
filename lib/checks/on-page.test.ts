import { describe, expect, it } from 'vitest';
import { measureTitlePixels, onPageChecks } from '@/lib/checks/on-page';
import { buildTestPage, createCheckTester } from '@/test/test-page';

const t = createCheckTester(onPageChecks);
const GOOD_TITLE = 'Roof Repair Services in Springfield | Acme Roofing';
const GOOD_DESC = 'Leaking roof? Acme repairs shingle, metal and flat roofs across Springfield with same-week visits.';
function doc({ title = `<title>${GOOD_TITLE}</title>`, head = `<meta name="description" content="${GOOD_DESC}">`, body = '<h1>Roof repair</h1><h2>Why us</h2><h3>Warranty</h3>' } = {}, opts: Parameters<typeof buildTestPage>[1] = {}) {
  return buildTestPage(`<!doctype html><html lang="en"><head><meta charset="utf-8">${title}${head}<link rel="icon" href="/favicon.ico"></head><body>${body}</body></html>`, opts);
}
const good = doc();

describe('title', () => {
  it('title-missing: absent or empty (Lighthouse document-title)', () => {
    t.expectFires('title-missing', doc({ title: '' }), 'no <title> element');
    t.expectFires('title-missing', doc({ title: '<title>  </title>' }), '<title> element is empty');
    t.expectSilent('title-missing', good);
    t.expectSilent('title-missing', doc({ title: '' }, { status: 404 }));
  });

  it('title-too-short / title-too-long (counted in characters, not bytes)', () => {
    t.expectFires('title-too-short', doc({ title: '<title>Acme Roofing</title>' }), 'Title is 12 characters (min 30): "Acme Roofing"');
    t.expectSilent('title-too-short', good);
    t.expectSilent('title-too-short', doc({ title: '<title>Acme</title>', head: '<meta name="robots" content="noindex">' }));
    const long = 'Roof Repair, Roof Replacement and Gutter Cleaning Services in Springfield';
    t.expectFires('title-too-long', doc({ title: `<title>${long}</title>` }), `Title is ${long.length} characters (max 60): "${long}"`);
    t.expectSilent('title-too-long', doc({ title: `<title>${'é'.repeat(60)}</title>` }));
  });

  it('title-too-wide: pixel width within the character limit', () => {
    const wide = 'WWW MMMM WWWW MMMM WWWW MMMM WWWW MMMM WWWW MMMM';
    expect(measureTitlePixels(wide)).toBeGreaterThan(580);
    t.expectFires('title-too-wide', doc({ title: `<title>${wide}</title>` }), 'px wide (max ~580 px)');
    t.expectSilent('title-too-wide', good);
    expect(measureTitlePixels('iiii')).toBeLessThan(measureTitlePixels('MMMM'));
  });

  it('title-multiple / title-in-body', () => {
    t.expectFires('title-multiple', doc({ title: '<title>One title here for you</title><title>Two</title>' }), '2 <title> elements: "One title here for you", "Two"');
    t.expectSilent('title-multiple', good);
    t.expectFires('title-in-body', doc({ body: '<h1>x</h1><title>Stray</title>' }), 'outside <head>');
    t.expectSilent('title-in-body', doc({ body: '<svg><title>Icon title</title></svg><h1>x</h1>' }));
  });

  it('title-repeated-words / title-placeholder', () => {
    t.expectFires('title-repeated-words', doc({ title: '<title>Roofing Springfield Roofing Repair Roofing</title>' }), '"roofing" appears 3 times');
    t.expectSilent('title-repeated-words', doc({ title: '<title>The Best of the Best in the City</title>' }));
    t.expectFires('title-placeholder', doc({ title: '<title>React App</title>' }), 'Title "React App" is a default placeholder');
    t.expectSilent('title-placeholder', doc({ title: '<title>Home | Acme Roofing</title>' }));
  });
});

describe('meta description', () => {
  it('meta-description-missing (not on noindex/404, notes head closed early)', () => {
    t.expectFires('meta-description-missing', doc({ head: '' }), 'no <meta name="description">');
    t.expectFires('meta-description-missing', doc({ head: '<meta name="description" content="">' }), 'is empty');
    t.expectFires('meta-description-missing', doc({ head: `<img src="/p.gif"><meta name="description" content="${GOOD_DESC}">` }), 'sits after <img> that closed <head>');
    t.expectSilent('meta-description-missing', good);
    t.expectSilent('meta-description-missing', doc({ head: '' }, { status: 404 }));
    t.expectSilent('meta-description-missing', doc({ head: '<meta name="robots" content="noindex">' }));
  });

  it('meta-description-too-short / too-long', () => {
    t.expectFires('meta-description-too-short', doc({ head: '<meta name="description" content="Roof repairs.">' }), 'Meta description is 13 characters (min 70): "Roof repairs."');
    t.expectSilent('meta-description-too-short', good);
    const long = 'x'.repeat(161);
    t.expectFires('meta-description-too-long', doc({ head: `<meta name="description" content="${long}">` }), 'Meta description is 161 characters (max 160)');
    t.expectSilent('meta-description-too-long', doc({ head: `<meta name="description" content="${'x'.repeat(160)}">` }));
  });

  it('meta-description-multiple / same-as-title', () => {
    t.expectFires('meta-description-multiple', doc({ head: `<meta name="description" content="${GOOD_DESC}"><meta name="description" content="Other">` }), '2 meta description tags');
    t.expectSilent('meta-description-multiple', good);
    t.expectFires('meta-description-same-as-title', doc({ head: `<meta name="description" content="${GOOD_TITLE.toUpperCase()}">` }), 'identical to the title');
    t.expectSilent('meta-description-same-as-title', good);
  });
});

describe('headings and misc', () => {
  it('h1-same-as-title (case and spacing ignored)', () => {
    t.expectFires('h1-same-as-title', doc({ body: `<h1>${GOOD_TITLE.toLowerCase()}</h1>` }), `H1 is identical to the title: "${GOOD_TITLE.toLowerCase()}"`);
    t.expectSilent('h1-same-as-title', good);
  });

  it('h1-missing / h1-multiple / h1-too-long', () => {
    t.expectFires('h1-missing', doc({ body: '<h2>Only h2</h2>' }), 'no <h1>');
    t.expectFires('h1-missing', doc({ body: '<h1> </h1>' }), '<h1> is empty');
    t.expectSilent('h1-missing', good);
    t.expectSilent('h1-missing', doc({ body: '<h1><img src="/logo.png" alt="Acme Roofing"></h1>' }));
    t.expectFires('h1-multiple', doc({ body: '<h1>Acme</h1><h1>Roof repair</h1>' }), '2 <h1> headings: "Acme", "Roof repair"');
    t.expectSilent('h1-multiple', doc({ body: '<h1>Roof repair</h1><h1></h1>' }));
    const longH1 = 'Professional roof repair and replacement for homes and businesses in Springfield';
    t.expectFires('h1-too-long', doc({ body: `<h1>${longH1}</h1>` }), `H1 is ${longH1.length} characters (max 70)`);
    t.expectSilent('h1-too-long', good);
  });

  it('heading-hierarchy-skip / heading-empty', () => {
    t.expectFires('heading-hierarchy-skip', doc({ body: '<h1>Title</h1><h2>Section</h2><h4>Deep</h4>' }), '<h4> "Deep" follows <h2> "Section"');
    t.expectSilent('heading-hierarchy-skip', doc({ body: '<h1>T</h1><h2>A</h2><h3>B</h3><h2>C</h2><h3>D</h3>' }));
    t.expectFires('heading-empty', doc({ body: '<h1>T</h1><h2></h2><h3> </h3>' }), '2 headings are empty (<h2>, <h3>)');
    t.expectSilent('heading-empty', doc({ body: '<h1></h1><h2>A</h2>' }));
  });

  it('meta-keywords-present / favicon-link-missing (info)', () => {
    t.expectFires('meta-keywords-present', doc({ head: '<meta name="keywords" content="roof, repair">' }), 'content="roof, repair"');
    t.expectSilent('meta-keywords-present', good);
    t.expectFires('favicon-link-missing', buildTestPage('<html><head><title>x</title></head><body><h1>x</h1></body></html>'), '/favicon.ico');
    t.expectSilent('favicon-link-missing', good);
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});
