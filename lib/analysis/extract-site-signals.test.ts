import { describe, expect, it } from 'vitest';
import { extractDocument } from '@/lib/analysis/extract-document';
import type { HeaderFacts } from '@/lib/analysis/extract-http-headers';
import { createSiteSignalCollector, findPhoneNumbers, findPostalCodes, findTrustMentions, isMapUrl } from '@/lib/analysis/extract-site-signals';
import { collectFrom } from '@/test/extract-test-support';

const NO_HEADERS: HeaderFacts = { robotsSources: [], hreflang: [], canonicals: [] };

function signalsOf(body: string, head = '') {
  const html = `<!doctype html><html><head><title>t</title>${head}</head><body>${body}</body></html>`;
  return extractDocument(html, 'https://example.com/contact', NO_HEADERS).facts.siteSignals!;
}

describe('site signal extraction', () => {
  it('finds phone numbers, postal codes and credentials in text, and nothing in plain prose', () => {
    expect(findPhoneNumbers('Call (217) 555-0142 or +44 20 7946 0958 today')).toEqual(['(217) 555-0142', '+44 20 7946 0958']);
    expect(findPostalCodes('12 Main St, Springfield, IL 62701. London SW1A 2AA.')).toEqual(['62701', 'SW1A2AA']);
    expect(findTrustMentions('Fully insured, licensed and award-winning since 1998.')).toEqual(['award', 'licence', 'insurance', 'years in business']);
    expect(findPhoneNumbers('We sold 1234 units in 2024 at version 1.2.3')).toEqual([]);
    expect(findPostalCodes('An MP3 4GB player, ORDER 12345, XX 12345')).toEqual([]);
    expect(findTrustMentions('We write about gardening.')).toEqual([]);
  });

  it('stays linear on hostile text (long digit and letter runs)', () => {
    const hostile = `${'1-'.repeat(200_000)}${'A1 '.repeat(100_000)}`;
    expect(findPhoneNumbers(hostile).length).toBeLessThanOrEqual(5);
    expect(findPostalCodes(hostile).length).toBeLessThanOrEqual(5);
  });

  it('recognises map services, not any Google URL', () => {
    expect(isMapUrl('https://www.google.com/maps/embed?pb=1')).toBe(true);
    expect(isMapUrl('https://maps.app.goo.gl/abc')).toBe(true);
    expect(isMapUrl('https://www.openstreetmap.org/export/embed.html')).toBe(true);
    expect(isMapUrl('https://www.google.com/search?q=maps')).toBe(false);
  });

  it('counts contact forms but not search, login or newsletter forms, and reads the markdown alternate', () => {
    const parts = collectFrom(
      `<link rel="alternate" type="text/markdown" href="/contact.md">
       <form><textarea name="message"></textarea></form>
       <form><input name="name"><input type="email" name="email"><input type="tel" name="phone"></form>
       <form role="search"><input name="q"><textarea></textarea></form>
       <form><input type="email" name="email"></form>
       <form><input name="user"><input type="password"><input type="email"><input></form>
       <iframe src="https://www.google.com/maps/embed?pb=x"></iframe>`,
      createSiteSignalCollector,
    );
    expect(parts).toMatchObject({ contactForms: 2, markdownAlternate: 'https://example.com/contact.md', iframeSrcs: ['https://www.google.com/maps/embed?pb=x'] });
    expect(collectFrom('<form><input type="email"></form>', createSiteSignalCollector)).toMatchObject({ contactForms: 0, markdownAlternate: null, iframeSrcs: [] });
  });

  it('derives the page signals: NAP in the footer, reviews, map and markup types', () => {
    const signals = signalsOf(
      `<main><h2>What our customers say</h2><p>Licensed and insured.</p></main>
       <footer>Acme Roofing, 12 Main St, Springfield, IL 62701 · <a href="tel:+12175550142">Call us</a></footer>
       <script type="application/ld+json">{"@context":"https://schema.org","@type":"RoofingContractor","hasMap":"https://maps.google.com/?cid=1","address":{"@type":"PostalAddress","postalCode":"62701"}}</script>`,
      '<link rel="icon" href="/i.png">',
    );
    expect(signals).toEqual({
      schemaTypes: ['RoofingContractor', 'PostalAddress'],
      phones: ['12175550142'],
      postalCodes: ['62701'],
      napInFooter: true,
      reviews: true,
      trust: ['licence', 'insurance'],
      map: true,
      contactForms: 0,
      icon: true,
      markdownAlternate: null,
    });
    expect(signalsOf('<p>Just an article about clouds.</p>')).toEqual({
      schemaTypes: [],
      phones: [],
      postalCodes: [],
      napInFooter: false,
      reviews: false,
      trust: [],
      map: false,
      contactForms: 0,
      icon: false,
      markdownAlternate: null,
    });
  });
});
