import { describe, expect, it } from 'vitest';
import { isGenericLinkText, linkChecks } from '@/lib/checks/links';
import { buildHtml, buildTestPage, createCheckTester } from '@/test/test-page';

const t = createCheckTester(linkChecks);
const page = (body: string, opts: Parameters<typeof buildTestPage>[1] = {}, lang = 'en') => buildTestPage(buildHtml(`<h1>x</h1>${body}`, '', lang), opts);
const good = page('<a href="/services/gutters">Gutter cleaning</a><a href="https://www.energystar.gov/">Energy Star guide</a><a href="mailto:hi@example.com">Email us</a><a href="tel:+12175550142">Call</a><h2 id="faq">FAQ</h2><a href="#faq">FAQ</a>');

describe('Lighthouse link audits', () => {
  it('crawlable-anchors: no href, javascript:, onclick-only, file:; exempts id/name/role/mailto', () => {
    t.expectFires('crawlable-anchors', page('<a>Shop</a>'), '1 link can’t be crawled: <a> without href "Shop" has no href');
    t.expectFires('crawlable-anchors', page('<a href="javascript:void(0)">Menu</a><a href="javascript:openCart()">Cart</a>'), '2 links', '<a href="javascript:void(0)"> "Menu" uses a javascript: URL', 'javascript:openCart()');
    t.expectFires('crawlable-anchors', page('<a href="#" onclick="go(\'/pricing\')">Pricing</a>'), 'only works through its onclick handler');
    t.expectFires('crawlable-anchors', page('<a onclick="go()">Go</a>'), 'has an onclick handler but no href');
    t.expectFires('crawlable-anchors', page('<a href="file:///C:/docs/price.pdf">Prices</a>'), 'local file: URL');
    t.expectSilent('crawlable-anchors', good);
    t.expectSilent('crawlable-anchors', page('<a id="section-2"></a><a name="old-anchor"></a><a role="button">Toggle</a><a aria-current="page">Current</a><a href="mailto:x@y.com">Mail</a><a href="#">Top</a>'));
  });

  it('link-text-generic: Lighthouse list incl. other languages; skips nofollow and in-page links', () => {
    t.expectFires('link-text-generic', page('<a href="/roof-guide">Click here</a><a href="/blog/roofs">Read more »</a>'), '2 links have generic text: "Click here" → /roof-guide, "Read more »" → /blog/roofs');
    t.expectFires('link-text-generic', page('<a href="/a">Weiterlesen</a>', {}, 'de'), '"Weiterlesen" → /a');
    t.expectFires('link-text-generic', page('<a href="/x">https://example.com/x</a>'), '"https://example.com/x"');
    t.expectSilent('link-text-generic', good);
    t.expectSilent('link-text-generic', page('<a href="/a" rel="nofollow">click here</a><a href="#faq">more</a>'));
    // Page language restricts the list: "mehr" is only generic in German
    expect(isGenericLinkText('mehr', 'en')).toBe(false);
    expect(isGenericLinkText('mehr', 'de-AT')).toBe(true);
    expect(isGenericLinkText('подробнее', null)).toBe(true);
    expect(isGenericLinkText('en savoir plus', 'fr')).toBe(true);
    // Its own URL says nothing about the target either, however the parser reads it.
    for (const url of ['https://example.com/a', 'HTTP://example.com', 'http:example.com', 'ht\ntps://example.com/']) expect(isGenericLinkText(url, 'en')).toBe(true);
    for (const text of ['/gen/10', 'example.com', 'mailto:a@example.com', 'https: the guide']) expect(isGenericLinkText(text, 'en')).toBe(false);
  });

  it('link-text-empty: image links without alt', () => {
    t.expectFires('link-text-empty', page('<a href="/cart"><img src="/cart.svg"></a>'), '1 link has no text, alt or aria-label: "/cart"');
    t.expectSilent('link-text-empty', page('<a href="/cart"><img src="/cart.svg" alt="Cart"></a><a href="/x" aria-label="Close"></a>'));
  });
});

describe('link hygiene', () => {
  it('too-many-links', () => {
    t.expectFires('too-many-links', page(Array.from({ length: 151 }, (_, i) => `<a href="/p${i}">Page ${i}</a>`).join('')), 'The page has 151 links (max 150)');
    t.expectSilent('too-many-links', good);
    t.expectSilent('too-many-links', page(Array.from({ length: 400 }, (_, i) => `<a id="L${i}" href="#L${i}">${i}</a>`).join('')));
  });

  it('dead-end-page', () => {
    t.expectFires('dead-end-page', page('<p>No links here</p><a href="#top">Top</a>'), 'no links to other pages');
    t.expectSilent('dead-end-page', good);
  });

  it('internal-nofollow / external-links-followed', () => {
    t.expectFires('internal-nofollow', page('<a href="/pricing" rel="nofollow">Pricing</a>'), '1 internal link uses rel="nofollow": "https://example.com/pricing"');
    t.expectSilent('internal-nofollow', page('<a href="https://other.com/" rel="nofollow">Other</a>'));
    t.expectFires('external-links-followed', page('<a href="https://partner.com/a">Partner</a><a href="https://ads.com/" rel="sponsored">Ad</a>'), 'Followed links to 1 external site: "partner.com"');
    t.expectSilent('external-links-followed', page('<a href="/a">Internal</a>'));
  });

  it('internal-http-links / external-http-links on https pages', () => {
    t.expectFires('internal-http-links', page('<a href="http://example.com/old">Old</a>'), '"http://example.com/old"');
    t.expectSilent('internal-http-links', page('<a href="http://example.com/old">Old</a>', { url: 'http://example.com/' }));
    t.expectFires('external-http-links', page('<a href="http://legacy.org/">Legacy</a>'), '"http://legacy.org/"');
    t.expectSilent('external-http-links', good);
  });

  it('local-or-staging-links: no false positives for dev.to or unrelated vercel apps', () => {
    t.expectFires('local-or-staging-links', page('<a href="http://localhost:3000/about">About</a><a href="https://staging.example.com/x">x</a><a href="https://example-git-main-acme.vercel.app/">Preview</a>'), '3 links', 'http://localhost:3000/about', 'https://staging.example.com/x', 'vercel.app');
    t.expectSilent('local-or-staging-links', page('<a href="https://dev.to/someone/post">Post</a><a href="https://cool-demo.vercel.app/">Demo</a><a href="https://stage-door.com/">Theatre</a>'));
  });

  it('malformed-hrefs', () => {
    t.expectFires('malformed-hrefs', page('<a href="http//example.org">a</a><a href="https:/example.org">b</a><a href="www.example.org/page">c</a>'), '3 malformed hrefs: "http//example.org", "https:/example.org", "www.example.org/page"');
    t.expectSilent('malformed-hrefs', good);
  });

  it('invalid-tel-mailto', () => {
    t.expectFires('invalid-tel-mailto', page('<a href="mailto:info-at-example.com">Mail</a><a href="tel:CALL-NOW">Call</a>'), '2 invalid links: "mailto:info-at-example.com", "tel:CALL-NOW"');
    t.expectSilent('invalid-tel-mailto', page('<a href="mailto:?subject=Hi">Share</a><a href="tel:+1 (217) 555-0142">Call</a><a href="mailto:a@b.co,c@d.org">Mail</a>'));
  });

  it('pagination-links-invalid', () => {
    const withRel = (head: string) => buildTestPage(buildHtml('<p>x</p>', head));
    t.expectFires('pagination-links-invalid', withRel('<link rel="next" href="https://example.com/services/roof-repair">'), 'rel="next" points to the page itself');
    t.expectFires('pagination-links-invalid', withRel('<link rel="prev" href="https://other.com/page/1">'), 'rel="prev" points to another host');
    t.expectSilent('pagination-links-invalid', withRel('<link rel="next" href="/services/roof-repair?page=2">'));
  });

  it('broken-fragment-links', () => {
    t.expectFires('broken-fragment-links', page('<a href="#pricing">Pricing</a><a href="#top">Top</a><a href="#!/route">SPA</a>'), '1 in-page link points to ids that don’t exist: "#pricing"');
    t.expectSilent('broken-fragment-links', good);
    // rustdoc-style ids that are themselves percent-encoded
    t.expectSilent('broken-fragment-links', page('<h3 id="impl-From%3CT%3E-for-T">impl</h3><a href="#impl-From%3CT%3E-for-T">x</a><h3 id="café">c</h3><a href="#caf%C3%A9">y</a>'));
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});
