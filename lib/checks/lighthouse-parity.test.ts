// Lighthouse's SEO smoke fixtures (seo-tester / seo-failure-cases) re-expressed as our own pages:
// every Lighthouse pass must pass here and every Lighthouse failure must be reported.
import { describe, expect, it } from 'vitest';
import { runPageChecks } from '@/lib/checks/run-page-checks';
import { buildTestPage } from '@/test/test-page';

const URL_ = 'http://localhost:10200/seo/';

function ids(html: string, headers: Record<string, string> = {}): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const f of runPageChecks(buildTestPage(html, { url: URL_, headers }))) byId.set(f.checkId, [...(byId.get(f.checkId) ?? []), f.message]);
  return byId;
}

describe('Lighthouse parity: passing page', () => {
  const found = ids(`<!doctype html><html><head><title>SEO audit tester page</title><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0, minimum-scale=1.0">
    <meta name="Description" content="A page that passes every Lighthouse SEO audit">
    <link rel="alternate" hreflang="es" href="https://lat.example.com" />
    <link rel="alternate" Hreflang="en-PH" href="https://ph.example.com" />
    <LINK REL="ALTERNATE" HREFLANG="ru-RU" HREF="https://ru.example.com" />
    <LINK REL="alternate" HREFLANG="zh-Hans-TW" HREF="https://zh.example.com" />
    <link rel="alternate" href="http://example.com/" hreflang="x-default" />
    <link rel="canonical" href="${URL_}" /></head>
    <body><link rel="alternate" hreflang="nonsense" href="https://nonsense.example.com" /><link rel="canonical" href="${URL_}" />
    <h1>SEO</h1><a href="https://example.com">descriptive link</a><a href="#non-descriptive-local">click this</a>
    <a href="https://example.com/x.html" rel="nofollow">click this</a><a href="/pass">Some link</a></body></html>`);

  it('document-title, meta-description, is-crawlable, canonical, hreflang, link-text, viewport pass', () => {
    for (const id of ['title-missing', 'meta-description-missing', 'noindex-meta', 'noindex-header', 'canonical-multiple', 'canonical-invalid', 'canonical-relative', 'hreflang-invalid-code', 'hreflang-relative-url', 'hreflang-invalid-url', 'link-text-generic', 'crawlable-anchors', 'viewport-missing', 'http-4xx']) {
      expect(found.get(id), id).toBeUndefined();
    }
  });

  it('body hreflang/canonical are ignored by the audits but reported as misplaced', () => {
    expect(found.get('hreflang-in-body')?.[0]).toContain('nonsense');
    expect(found.get('canonical-in-body')).toBeDefined();
  });
});

describe('Lighthouse parity: failing page', () => {
  const found = ids(`<!doctype html><html><head><meta charset="utf-8">
    <meta name="RoBots" content="nofollow, NOINDEX, all">
    <link rel="alTeRnate" hreflang="xx" href="https://xx.example.com" />
    <link rel="alternate" hreflang="es" />
    <link rel="alternate" hreflang="es" href="/example.html" />
    <link rel="alternate" href="http://example.com/" hreflang=" x-default" />
    <link rel="canonical" href="https://example.com/other" /></head>
    <body><h1>SEO</h1><a onclick="window.open('http://example.com')">Some link</a>
    <a href="javascript:void(0)">Some link</a><a class="some-link">Some link</a>
    <a href="/x">click here</a></body></html>`, { link: '<https://example.com/>; rel="canonical"', 'x-robots-tag': 'none' });

  it('reports every Lighthouse failure', () => {
    expect(found.get('title-missing')?.[0]).toBe('The page has no <title> element');
    expect(found.has('noindex-meta')).toBe(true);
    expect(found.has('noindex-header')).toBe(true);
    expect(found.get('hreflang-invalid-code')).toEqual([
      'hreflang="xx": language "xx" is not an ISO 639-1 code',
      'hreflang=" x-default": has leading or trailing whitespace',
    ]);
    expect(found.get('hreflang-invalid-url')).toEqual(['hreflang="es" has no href']);
    expect(found.get('hreflang-relative-url')).toEqual(['hreflang="es" uses the relative URL "/example.html"']);
    expect(found.get('canonical-header-mismatch')?.[0]).toContain('"https://example.com/other"');
    expect(found.get('crawlable-anchors')?.[0]).toContain('3 links can’t be crawled');
    expect(found.get('link-text-generic')?.[0]).toContain('"click here" → /x');
    expect(found.get('robots-directives-conflict')?.[0]).toContain('"all"');
  });

  it('a 4xx status fails http-status-code', () => {
    const notFound = runPageChecks(buildTestPage('<html><head><title>Gone</title></head></html>', { status: 410 }));
    expect(notFound.find((f) => f.checkId === 'http-4xx')?.message).toBe('Page returns HTTP 410 Gone');
  });
});
