import { describe, expect, it } from 'vitest';
import { analyzeKeyword, findPhrase, tokenizeForMatch } from '@/lib/analysis/keyword';
import { buildCleanPage } from '@/test/clean-page-fixture';
import { buildTestPage } from '@/test/test-page';

describe('matching', () => {
  it('is case-, diacritic-, hyphen- and apostrophe-insensitive with word boundaries', () => {
    expect(tokenizeForMatch("Café Crème — Men's ROOF-repair")).toEqual(['cafe', 'creme', 'mens', 'roof', 'repair']);
    expect(findPhrase(tokenizeForMatch('Roof-Repair in Köln'), tokenizeForMatch('roof repair'))).toEqual([0]);
    expect(findPhrase(tokenizeForMatch('roof repairs and reroofing'), tokenizeForMatch('roof repair'))).toEqual([]);
    expect(findPhrase(tokenizeForMatch('a b a b'), tokenizeForMatch('a b'))).toEqual([0, 2]);
  });
});

describe('analyzeKeyword', () => {
  const clean = buildCleanPage();

  it('finds placements on the clean page', () => {
    const a = analyzeKeyword(clean, 'Roof Repair');
    expect(a.title).toEqual({ found: true, position: 0 });
    expect(a.metaDescription.found).toBe(false);
    expect(a.h1).toEqual({ found: true, text: 'Roof Repair in Springfield' });
    expect(a.url).toEqual({ found: true, path: '/services/roof-repair' });
    expect(a.firstWords.found).toBe(true);
    expect(a.count).toBeGreaterThanOrEqual(2);
    expect(a.density).toBeGreaterThan(0);
    expect(a.prominence).toBeGreaterThan(90);
    expect(a.stuffing).toBe(false);
    expect(a.suggestions.some((s) => s.includes('meta description'))).toBe(true);
    expect(a.suggestions.some((s) => s.includes('title'))).toBe(false);
  });

  it('matches diacritics in both directions', () => {
    const page = buildTestPage('<html><head><title>Café München – Frühstück</title></head><body><h1>Bestes Cafe Muenchen</h1><p>Das café liegt zentral.</p></body></html>', { url: 'https://example.com/cafe-munchen' });
    const a = analyzeKeyword(page, 'cafe münchen');
    expect(a.title.found).toBe(true);
    expect(a.url.found).toBe(true);
    expect(analyzeKeyword(page, 'CAFÉ').count).toBe(2);
  });

  it('reports missing placements with concrete suggestions', () => {
    const page = buildTestPage('<html><head><title>Acme Roofing</title></head><body><h1>Welcome</h1><h2>About</h2><img src="/a.jpg" alt="Our team"><p>We fix things.</p></body></html>', { url: 'https://example.com/about' });
    const a = analyzeKeyword(page, 'gutter cleaning');
    expect(a.count).toBe(0);
    expect(a.prominence).toBe(0);
    expect(a.suggestions).toEqual([
      'Add "gutter cleaning" to the title (currently "Acme Roofing"), ideally near the start.',
      'Use "gutter cleaning" in the meta description — Google bolds matching words in the snippet.',
      'Work "gutter cleaning" into the H1 (currently "Welcome").',
      'Use "gutter cleaning" or a close variant in at least one of the 1 H2 subheadings.',
      'Include "gutter cleaning" in the URL slug (e.g. /gutter-cleaning) if you create a new page — don’t change an established URL just for this.',
      'Mention "gutter cleaning" in the body text — it doesn’t appear anywhere in the visible copy.',
      'Describe at least one relevant image with alt text that includes "gutter cleaning".',
    ]);
  });

  it('flags stuffing above the density threshold', () => {
    const text = `${'Cheap roofs here. '.repeat(30)}${'Other words about the company and the team that work hard. '.repeat(20)}`;
    const a = analyzeKeyword(buildTestPage(`<html><body><p>${text}</p></body></html>`), 'cheap roofs');
    expect(a.stuffing).toBe(true);
    expect(a.density).toBeGreaterThan(4);
    expect(a.suggestions.some((s) => s.startsWith('Reduce repetitions of "cheap roofs": 30 uses'))).toBe(true);
  });

  it('finds related terms around the keyword, without stop words or the keyword itself', () => {
    const text = 'Metal roof repair costs less than metal roof replacement. Our metal roof repair crews seal seams. Metal roof repair needs sealant. '.repeat(2);
    const a = analyzeKeyword(buildTestPage(`<html><body><p>${text}</p></body></html>`), 'roof repair');
    const terms = a.relatedTerms.map((r) => r.term);
    expect(terms[0]).toBe('metal');
    expect(terms).not.toContain('roof');
    expect(terms).not.toContain('the');
  });

  it('counts image alts and anchor texts', () => {
    const page = buildTestPage('<html><body><img src="/a.jpg" alt="Roof repair crew"><img src="/b.jpg" alt=""><a href="/x">roof repair prices</a><a href="/y">About</a></body></html>');
    const a = analyzeKeyword(page, 'roof repair');
    expect(a.imageAlts).toEqual({ matches: 1, total: 1 });
    expect(a.anchorTexts).toEqual({ matches: 1, total: 2 });
  });

  it('handles an empty keyword and a non-HTML page', () => {
    expect(analyzeKeyword(buildCleanPage(), '  !! ').suggestions).toEqual(['Enter a keyword made of letters or digits.']);
    const pdf = analyzeKeyword(buildTestPage('%PDF', { contentType: 'application/pdf' }), 'roof');
    expect(pdf.count).toBe(0);
    expect(pdf.density).toBe(0);
  });
});
