import { describe, expect, it } from 'vitest';
import { crawlabilityChecks } from '@/lib/checks/crawlability';
import { extractPageFacts } from '@/lib/analysis/extract-page-facts';
import type { BlockedResource } from '@/lib/fetch/types';
import { buildFetchResult, buildHtml, buildTestPage, createCheckTester, TEST_URL } from '@/test/test-page';

const t = createCheckTester(crawlabilityChecks);
const page = (head: string, opts: Parameters<typeof buildTestPage>[1] = {}) => buildTestPage(buildHtml('<h1>Hi</h1><p>Text</p><a href="/a">A</a>', head), opts);

describe('robots directives', () => {
  it('noindex-meta: robots, googlebot, "none", case-insensitive', () => {
    t.expectFires('noindex-meta', page('<meta name="robots" content="NOINDEX, follow">'), '<meta name="robots" content="NOINDEX, follow">');
    t.expectFires('noindex-meta', page('<meta name="googlebot" content="none">'), '<meta name="googlebot" content="none">');
    t.expectSilent('noindex-meta', page('<meta name="robots" content="index, follow, max-image-preview:large">'));
    // 404s are not meant to be indexed anyway
    t.expectSilent('noindex-meta', page('<meta name="robots" content="noindex">', { status: 404 }));
    // googlebot-news only affects Google News
    t.expectSilent('noindex-meta', page('<meta name="googlebot-news" content="noindex">'));
  });

  it('noindex-header: X-Robots-Tag generic and googlebot-scoped, also on PDFs', () => {
    t.expectFires('noindex-header', page('', { headers: { 'x-robots-tag': 'none' } }), 'X-Robots-Tag: none');
    t.expectFires('noindex-header', page('', { headers: { 'x-robots-tag': 'googlebot: noindex' } }), 'X-Robots-Tag: googlebot: noindex');
    t.expectFires('noindex-header', buildTestPage('%PDF', { contentType: 'application/pdf', headers: { 'x-robots-tag': 'noindex' } }), 'noindex');
    t.expectSilent('noindex-header', page('', { headers: { 'x-robots-tag': 'bingbot: noindex, noarchive' } }));
  });

  it('noindex-other-search-engines: bingbot meta and scoped header', () => {
    t.expectFires('noindex-other-search-engines', page('<meta name="bingbot" content="noindex">'), '<meta name="bingbot" content="noindex">', 'bingbot');
    t.expectFires('noindex-other-search-engines', page('', { headers: { 'x-robots-tag': 'duckduckbot: none' } }), 'X-Robots-Tag: duckduckbot: none');
    t.expectSilent('noindex-other-search-engines', page('<meta name="bingbot" content="nosnippet">'));
  });

  it('unavailable-after-past: only dates in the past', () => {
    t.expectFires('unavailable-after-past', page('<meta name="robots" content="unavailable_after: 2010-06-25">'), 'unavailable_after: 2010-06-25', '2010-06-25');
    t.expectFires('unavailable-after-past', page('', { headers: { 'x-robots-tag': 'unavailable_after: Wednesday, 03-Nov-2010 15:00:00 GMT' } }), '2010-11-03');
    t.expectSilent('unavailable-after-past', page('<meta name="robots" content="unavailable_after: 2999-01-01">'));
  });

  it('nofollow-page: fires for nofollow, not on noindex pages', () => {
    t.expectFires('nofollow-page', page('<meta name="robots" content="index, nofollow">'), '<meta name="robots" content="index, nofollow">', '1 link');
    t.expectSilent('nofollow-page', page('<meta name="robots" content="noindex, nofollow">'));
    t.expectSilent('nofollow-page', page('<meta name="robots" content="follow">'));
  });

  it('nosnippet and max-snippet:0', () => {
    t.expectFires('nosnippet', page('<meta name="robots" content="nosnippet">'), '"nosnippet"');
    t.expectFires('nosnippet', page('<meta name="robots" content="max-snippet:0">'), '"max-snippet: 0"');
    t.expectSilent('nosnippet', page('<meta name="robots" content="max-snippet:-1">'));
  });

  it('noimageindex', () => {
    t.expectFires('noimageindex', page('<meta name="robots" content="noimageindex">'), '"noimageindex"');
    t.expectSilent('noimageindex', page('<meta name="robots" content="max-image-preview:large">'));
  });

  it('noai-directive names the values and where they are set', () => {
    t.expectFires('noai-directive', page('<meta name="robots" content="noai, noimageai">'), '"noai" and "noimageai" in <meta name="robots" content="noai, noimageai">');
    t.expectFires('noai-directive', page('', { headers: { 'x-robots-tag': 'noimageai' } }), '"noimageai" in X-Robots-Tag: noimageai');
    t.expectSilent('noai-directive', page('<meta name="robots" content="index, follow, max-image-preview:large">'));
  });

  it('robots-directives-conflict: meta vs header', () => {
    t.expectFires('robots-directives-conflict', page('<meta name="robots" content="index, follow">', { headers: { 'x-robots-tag': 'noindex' } }), '"index" in <meta name="robots" content="index, follow"> conflicts with "noindex" in X-Robots-Tag: noindex');
    t.expectSilent('robots-directives-conflict', page('<meta name="robots" content="index, follow">', { headers: { 'x-robots-tag': 'noarchive' } }));
    // a conflicting directive for another bot is not a conflict for Google
    t.expectSilent('robots-directives-conflict', page('<meta name="robots" content="index"><meta name="bingbot" content="noindex">'));
  });

  it('robots-meta-in-body and head-closed-early', () => {
    const broken = buildTestPage('<!doctype html><html lang="en"><head><title>T</title><img src="/x.gif"><meta name="robots" content="noindex"><link rel="canonical" href="https://example.com/"></head><body><p>x</p></body></html>');
    t.expectFires('robots-meta-in-body', broken, '<meta name="robots" content="noindex"> is outside <head>', 'closed early by <img>');
    t.expectFires('head-closed-early', broken, '<img> inside <head>', '2 tags', '<meta name="robots">, <link rel="canonical">');
    t.expectSilent('robots-meta-in-body', page('<meta name="robots" content="noindex">'));
    t.expectSilent('head-closed-early', page('<meta name="robots" content="noindex"><noscript><img src="/p.gif"></noscript>'));
    // an <img> at the end of head that hides nothing is harmless
    t.expectSilent('head-closed-early', buildTestPage('<html><head><title>T</title><img src="/x.gif"></head><body><p>x</p></body></html>'));
  });
});

describe('JavaScript rendering', () => {
  const raw = '<!doctype html><html lang="en"><head><title>Shop</title><meta name="robots" content="noindex"><link rel="canonical" href="https://example.com/a"><script src="/app.js"></script></head><body><div id="root"></div></body></html>';
  const words = 'Lots of useful words about roofing repair and maintenance. '.repeat(20);
  const rendered = `<!doctype html><html lang="en"><head><title>Shop roofing</title><link rel="canonical" href="https://example.com/b"></head><body><div id="root"><h1>Roofing</h1><p>${words}</p><a href="/products">Products</a><a href="https://other.com/">Other</a></div></body></html>`;
  const jsPage = buildTestPage(raw, { renderedHtml: rendered });
  const stable = buildTestPage(rendered, { renderedHtml: rendered });

  it('client-rendered-content: rendered mode compares word counts, raw mode uses the heuristic', () => {
    t.expectFires('client-rendered-content', jsPage, 'The raw HTML has 0 words', 'the page has 182');
    t.expectFires('client-rendered-content', buildTestPage(raw), 'only 0 words');
    t.expectSilent('client-rendered-content', stable);
    t.expectSilent('client-rendered-content', buildTestPage(rendered));
  });

  it('title-only-after-js and title-changed-by-js', () => {
    const noRawTitle = buildTestPage(raw.replace('<title>Shop</title>', ''), { renderedHtml: rendered });
    t.expectFires('title-only-after-js', noRawTitle, 'JavaScript sets it to "Shop roofing"');
    t.expectSilent('title-only-after-js', jsPage);
    t.expectFires('title-changed-by-js', jsPage, 'Raw HTML title "Shop" becomes "Shop roofing"');
    t.expectSilent('title-changed-by-js', stable);
  });

  it('h1-only-after-js', () => {
    t.expectFires('h1-only-after-js', jsPage, 'JavaScript adds "Roofing"');
    t.expectSilent('h1-only-after-js', stable);
  });

  it('noindex-only-in-raw-html and noindex-added-by-js', () => {
    t.expectFires('noindex-only-in-raw-html', jsPage, 'The raw HTML says "noindex"');
    t.expectSilent('noindex-only-in-raw-html', stable);
    const addsNoindex = buildTestPage(rendered, { renderedHtml: raw.replace('<div id="root"></div>', `<p>${words}</p>`) });
    t.expectFires('noindex-added-by-js', addsNoindex, '"noindex"');
    t.expectSilent('noindex-added-by-js', jsPage);
  });

  it('canonical-changed-by-js', () => {
    t.expectFires('canonical-changed-by-js', jsPage, 'raw HTML is "https://example.com/a"', 'after JavaScript it is "https://example.com/b"');
    t.expectSilent('canonical-changed-by-js', stable);
  });

  it('meta-description-changed-by-js', () => {
    const rewritten = buildTestPage(raw.replace('<title>Shop</title>', '<title>Shop</title><meta name="description" content="Old text">'), {
      renderedHtml: rendered.replace('<title>Shop roofing</title>', '<title>Shop roofing</title><meta name="description" content="New text">'),
    });
    t.expectFires('meta-description-changed-by-js', rewritten, 'raw HTML is "Old text"', 'after JavaScript it is "New text"');
    t.expectSilent('meta-description-changed-by-js', stable);
    t.expectSilent('meta-description-changed-by-js', jsPage);
  });

  it('rendered-only-links: internal links only', () => {
    t.expectFires('rendered-only-links', jsPage, '1 internal link only appears after JavaScript', '"https://example.com/products"');
    t.expectSilent('rendered-only-links', stable);
  });

  it('resources-blocked-by-robots: CSS, JS and data requests robots.txt kept from the renderer', () => {
    // Through the real extractor, as a render result arrives from the render pool.
    const renderedWith = (blockedResources: BlockedResource[] | undefined, status = 200) =>
      extractPageFacts({
        fetch: buildFetchResult(raw, { status }),
        rendered: { finalUrl: TEST_URL, status, html: rendered, renderMs: 400, ...(blockedResources ? { blockedResources } : {}) },
      });
    const blocked = [
      { url: 'https://cdn.example.net/beacon', type: 'ping' },
      { url: 'https://example.com/api/products', type: 'fetch' },
      { url: 'https://example.com/assets/site.css', type: 'stylesheet' },
      { url: 'https://example.com/assets/app.js', type: 'script' },
    ];
    const [issue] = t.expectFires(
      'resources-blocked-by-robots',
      renderedWith(blocked),
      'robots.txt blocks 3 resources',
      '1 stylesheet, 1 script, 1 data request',
      '"https://example.com/assets/site.css", "https://example.com/assets/app.js", "https://example.com/api/products"',
    );
    expect(issue?.message).not.toContain('beacon'); // a blocked ping changes nothing Google renders
    expect(issue?.details?.resources).toEqual([blocked[2], blocked[3], blocked[1]]);
    t.expectSilent('resources-blocked-by-robots', renderedWith([]));
    t.expectSilent('resources-blocked-by-robots', renderedWith([blocked[0]!]));
    t.expectSilent('resources-blocked-by-robots', renderedWith(undefined)); // renderer did not apply robots.txt
    t.expectSilent('resources-blocked-by-robots', jsPage);
    t.expectSilent('resources-blocked-by-robots', renderedWith(blocked, 404)); // error pages are not rendered for indexing
  });
});

describe('crawlability coverage', () => {
  it('every check fired and stayed silent at least once', () => {
    expect(crawlabilityChecks.length).toBeGreaterThanOrEqual(17);
    t.expectFullCoverage();
  });
});
