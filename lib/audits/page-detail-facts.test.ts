import { describe, expect, it } from 'vitest';
import { readCrawlPageFacts, type CrawlPageFacts } from '@/lib/audits/audit-json';
import { describePageFacts, linkTargets, PAGE_DETAIL_MAX_BYTES, renderDifferences, summarizePageFacts, type PageRowFacts } from '@/lib/audits/page-detail-facts';
import type { PageFacts } from '@/lib/crawler/page-facts';
import { buildCleanPage, CLEAN_PAGE_HEADERS } from '@/test/clean-page-fixture';
import { buildTestPage } from '@/test/test-page';

/** The page as run-audit stores it: graph facts + detail, through the JSON column and its reader. */
function stored(facts: PageFacts, render: { rendered?: boolean; renderError?: string } = {}): CrawlPageFacts {
  const json = JSON.parse(
    JSON.stringify({
      graph: {
        url: facts.url,
        depth: 1,
        response: { status: facts.status, contentType: facts.contentType, redirects: facts.redirects },
        facts: {
          title: facts.title,
          metaDescription: facts.metaDescription,
          h1s: facts.h1s,
          textHash: facts.textHash,
          wordCount: facts.wordCount,
          canonicals: facts.canonicals,
          canonicalFromHeader: facts.canonicalFromHeader,
          robots: facts.robots,
          hreflang: facts.hreflang,
          links: facts.links,
        },
      },
      discovered: [],
      detail: summarizePageFacts(facts, render),
    }),
  );
  return readCrawlPageFacts(json)!;
}

const row = (facts: PageFacts): PageRowFacts => ({ url: facts.url, finalUrl: facts.finalUrl, status: facts.status, depth: 1, loadMs: 300, error: null, wordCount: facts.wordCount, title: facts.title });

describe('summarizePageFacts', () => {
  it('keeps the facts the detail view shows, and never the text or the HTML', () => {
    const page = buildCleanPage();
    const detail = summarizePageFacts(page);
    expect(detail.images.total).toBe(page.images.length);
    expect(detail.structuredData.types).toContain('Organization');
    expect(detail.social.openGraph).toMatchObject({ 'og:title': 'Roof Repair in Springfield, IL' });
    expect(detail.response.headers['strict-transport-security']).toBe(CLEAN_PAGE_HEADERS['strict-transport-security']);
    const json = JSON.stringify(detail);
    expect(json.length).toBeLessThan(PAGE_DETAIL_MAX_BYTES);
    expect(json).not.toContain(page.text.slice(0, 80));
    expect(json).not.toContain('<html');
  });

  it('stores how many cookies were set, never their values', () => {
    const detail = summarizePageFacts(buildCleanPage());
    expect(detail.response.headers['set-cookie']).toBe('1 cookie(s) set (values not stored)');
    expect(JSON.stringify(detail)).not.toContain('abc123');
  });

  it('stays under the bound on a hostile page (huge title, thousands of headings, hundreds of headers and tags)', () => {
    const headings = Array.from({ length: 3000 }, (_, i) => `<h${(i % 6) + 1}>${'Heading '.repeat(40)}${i}</h${(i % 6) + 1}>`).join('');
    const og = Array.from({ length: 300 }, (_, i) => `<meta property="og:x${i}" content="${'v'.repeat(500)}">`).join('');
    const html = `<html><head><title>${'T'.repeat(20_000)}</title><meta name="description" content="${'d'.repeat(20_000)}">${og}</head><body>${headings}</body></html>`;
    const headers = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`x-header-${i}`, 'h'.repeat(2_000)]));
    const detail = summarizePageFacts(buildTestPage(html, { headers }));
    expect(Buffer.byteLength(JSON.stringify(detail))).toBeLessThanOrEqual(PAGE_DETAIL_MAX_BYTES);
    expect(detail.content.headingCounts.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(detail.response.headerCount).toBe(401);
  });
});

describe('describePageFacts', () => {
  it('groups every stored fact as labels and readable values', () => {
    const page = buildCleanPage();
    const groups = describePageFacts(row(page), stored(page));
    expect(groups.map((g) => g.group)).toEqual(['Response', 'Head', 'Content', 'Links', 'Images', 'Structured data', 'Social', 'Resources', 'Rendering', 'Response headers']);
    const value = (group: string, label: string) => groups.find((g) => g.group === group)?.items.find((i) => i.label === label)?.value;
    expect(value('Head', 'Title')).toBe(`${page.title} (${page.title!.length} characters)`);
    expect(value('Head', 'Canonical')).toBe(page.canonicals[0]);
    expect(value('Content', 'H1')).toBe('Roof Repair in Springfield');
    expect(value('Response', 'HTTP status')).toBe('200');
    expect(value('Rendering', 'Rendered with a browser')).toBe('No');
    for (const g of groups) for (const item of g.items) expect(typeof item.value).toBe('string');
  });

  it('a page without stored facts (failed, or crawled before facts were kept) still shows its row', () => {
    const groups = describePageFacts({ url: 'https://example.com/x', finalUrl: null, status: 0, depth: null, loadMs: null, error: 'Timed out', wordCount: 0, title: null }, null);
    expect(groups).toEqual([
      {
        group: 'Response',
        items: [
          { label: 'HTTP status', value: 'No response' },
          { label: 'Error', value: 'Timed out' },
          { label: 'Click depth', value: 'Not linked from the start page (found in a sitemap)' },
        ],
      },
    ]);
  });

  it('a redirect shows where it goes, not its target’s head and content', () => {
    const page = buildCleanPage();
    const facts = stored(page);
    const groups = describePageFacts({ ...row(page), status: 301 }, { ...facts, graph: { ...facts.graph, redirectTo: 'https://example.com/new' }, detail: undefined });
    expect(groups.map((g) => g.group)).toEqual(['Response']);
    expect(groups[0]!.items).toContainEqual({ label: 'Redirects to', value: 'https://example.com/new' });
  });
});

describe('render measurements in the detail', () => {
  it('shows the lab metrics and phone-viewport counts of a rendered page', () => {
    const html = '<html><head><title>Shoes</title></head><body><h1>Shoes</h1></body></html>';
    const page = buildTestPage(html, {
      renderedHtml: html,
      labMetrics: { fcpMs: 200, lcpMs: 3140, cls: 0.2345, tbtMs: 351.4, longTasks: 2 },
      mobileLayout: { viewport: { width: 412, height: 823 }, targetsMeasured: 30, smallTargets: 7, smallTargetExamples: [], interstitial: { label: 'div#modal', coverage: 0.92 } },
    });
    const groups = describePageFacts(row(page), stored(page, { rendered: true }));
    const value = (label: string) => groups.find((g) => g.group === 'Rendering')?.items.find((i) => i.label === label)?.value;
    expect(value('Largest contentful paint (lab, our render)')).toBe('3.1 s');
    expect(value('Cumulative layout shift (lab, our render)')).toBe('0.23');
    expect(value('Total blocking time (lab, our render)')).toBe('351 ms');
    expect(value('Crowded tap targets under 24 px (412 px phone viewport)')).toBe('7');
    expect(value('Largest fixed overlay on the phone viewport')).toBe('92 % of the screen');
  });
});

describe('renderDifferences', () => {
  it('null when the page was not rendered', () => {
    expect(renderDifferences(stored(buildCleanPage()))).toBeNull();
    expect(renderDifferences(null)).toBeNull();
  });

  it('lists what JavaScript changed, and nothing when it changed nothing', () => {
    const raw = '<html><head><title>Loading</title></head><body><div id="app"></div></body></html>';
    const rendered = '<html><head><title>Shoes for runners</title><meta name="robots" content="noindex"></head><body><h1>Shoes</h1><p>Lots of words about shoes for runners here.</p><a href="/more">More</a></body></html>';
    const changed = renderDifferences(stored(buildTestPage(raw, { renderedHtml: rendered }), { rendered: true }));
    expect(changed?.map((d) => d.field)).toEqual(['Title', 'H1', 'Robots directives', 'Word count', 'Links']);
    expect(changed?.[0]).toEqual({ field: 'Title', raw: 'Loading', rendered: 'Shoes for runners' });
    expect(changed?.[1]).toEqual({ field: 'H1', raw: '(missing)', rendered: 'Shoes' });

    const same = '<html><head><title>Same</title></head><body><h1>Same</h1><p>Same words.</p></body></html>';
    expect(renderDifferences(stored(buildTestPage(same, { renderedHtml: same }), { rendered: true }))).toEqual([]);
  });
});

describe('linkTargets', () => {
  it('normalised, distinct link URLs; a redirect links to its target only', () => {
    const page = buildTestPage('<html><body><a href="/a#top">A</a><a href="/a">A again</a><a href="https://other.example/x?utm_source=n">X</a><a href="javascript:void(0)">JS</a></body></html>', { url: 'https://example.com/' });
    expect(linkTargets({ facts: page })).toEqual(['https://example.com/a', 'https://other.example/x']);
    expect(linkTargets({ facts: page, redirectTo: 'https://example.com/b' })).toEqual(['https://example.com/b']);
    expect(linkTargets({})).toEqual([]);
  });
});
