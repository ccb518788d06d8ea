import { describe, expect, it } from 'vitest';
import { localEeatChecks } from '@/lib/checks/local-eeat';
import { buildHtml, buildTestPage, createCheckTester } from '@/test/test-page';

const t = createCheckTester(localEeatChecks);
const page = (body: string, head = '', url?: string) => buildTestPage(buildHtml(body, head), url ? { url } : {});
const ld = (o: unknown) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;
const biz = { '@context': 'https://schema.org', '@type': 'RoofingContractor', name: 'Acme Roofing', telephone: '+1-217-555-0142', openingHours: 'Mo-Fr 08:00-17:00', address: { '@type': 'PostalAddress', addressLocality: 'Springfield' }, sameAs: ['https://facebook.com/acme'] };
const article = '<meta property="og:type" content="article">';

describe('local SEO and E-E-A-T', () => {
  it('phone-not-clickable', () => {
    t.expectFires('phone-not-clickable', page('<p>Call us on (217) 555-0142 today.</p>'), 'shows the phone number "(217) 555-0142" but has no tel: link');
    t.expectFires('phone-not-clickable', page('<p>Ring +44 20 7946 0958</p>'), '"+44 20 7946 0958"');
    t.expectSilent('phone-not-clickable', page('<p>Call <a href="tel:+12175550142">(217) 555-0142</a></p>'));
    t.expectSilent('phone-not-clickable', page('<p>Published 2024-05-01, order 12345.</p>'));
  });

  it('author-missing: articles only', () => {
    t.expectFires('author-missing', page('<h1>Roof tips</h1>', article), 'no author in markup');
    t.expectSilent('author-missing', page('<h1>Roof tips</h1><p class="byline">By Jo</p>', article));
    t.expectSilent('author-missing', page('<h1>Roof tips</h1>', ld({ '@context': 'https://schema.org', '@type': 'BlogPosting', headline: 'x', author: { '@type': 'Person', name: 'Jo' } })));
    t.expectSilent('author-missing', page('<h1>Services</h1>'));
  });

  it('local-business-nap-incomplete', () => {
    t.expectFires('local-business-nap-incomplete', page('', ld({ ...biz, telephone: undefined, openingHours: undefined })), 'RoofingContractor "Acme Roofing" markup has no telephone or opening hours');
    t.expectSilent('local-business-nap-incomplete', page('', ld(biz)));
  });

  it('local-city-missing-from-title: homepage only', () => {
    const home = buildTestPage(`<!doctype html><html lang="en"><head><title>Acme Roofing | Roofing you can trust</title>${ld(biz)}</head><body><h1>Roofing you can trust</h1></body></html>`, { url: 'https://example.com/' });
    t.expectFires('local-city-missing-from-title', home, 'The business is in Springfield but neither the title nor the H1 mentions it');
    t.expectSilent('local-city-missing-from-title', page('<h1>Roofing in Springfield</h1>', ld(biz), 'https://example.com/'));
    t.expectSilent('local-city-missing-from-title', page('<h1>Blog post</h1>', ld(biz), 'https://example.com/blog/post'));
  });

  it('contact-link-missing (info)', () => {
    t.expectFires('contact-link-missing', page('<a href="/blog">Blog</a>'), 'None of the page’s 1 link leads to a contact page');
    t.expectSilent('contact-link-missing', page('<a href="/kontakt">Schreiben Sie uns</a>'));
  });

  it('privacy-link-missing: POST forms only', () => {
    t.expectFires('privacy-link-missing', page('<form method="post"><input name="email"></form>'), '1 form that submits data but no link to a privacy policy');
    t.expectSilent('privacy-link-missing', page('<form method="post"><input name="email"></form><a href="/privacy-policy">Privacy</a>'));
    t.expectSilent('privacy-link-missing', page('<form action="/search"><input name="q"></form>'));
  });

  it('no-outbound-citations (info)', () => {
    const long = `<main><p>${'Roof facts explained in detail. '.repeat(170)}</p></main>`;
    t.expectFires('no-outbound-citations', page(long, article), 'word article has no external links');
    t.expectSilent('no-outbound-citations', page(`${long}<main><a href="https://www.nrca.net/">NRCA study</a></main>`, article));
  });

  it('organization-sameas-missing (info)', () => {
    t.expectFires('organization-sameas-missing', page('', ld({ ...biz, sameAs: undefined })), 'RoofingContractor "Acme Roofing" has no sameAs links');
    t.expectSilent('organization-sameas-missing', page('', ld(biz)));
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});

describe('findPhoneNumber', () => {
  it('accepts real formats and rejects code-like digit runs', async () => {
    const { findPhoneNumber } = await import('@/lib/checks/local-eeat');
    expect(findPhoneNumber('Call (217) 555-0142')).toBe('(217) 555-0142');
    expect(findPhoneNumber('Tel. +49 30 12345678')).toBe('+49 30 12345678');
    expect(findPhoneNumber('x = +0305) 1211;')).toBeNull();
    expect(findPhoneNumber('version 123.456.7890')).toBeNull();
    expect(findPhoneNumber('id ab+44 20 7946 0958')).toBeNull();
  });
});
