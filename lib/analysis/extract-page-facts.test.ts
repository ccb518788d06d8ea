import { describe, expect, it } from 'vitest';
import { parseLinkHeader } from '@/lib/analysis/extract-http-headers';
import { hashText } from '@/lib/analysis/extract-text';
import { parseXRobotsTag, splitDirectives } from '@/lib/analysis/robots-directives';
import { buildTestPage } from '@/test/test-page';

describe('extractPageFacts — head metadata', () => {
  it('reads title, description, lang, viewport, charset, doctype and favicon', () => {
    const page = buildTestPage(`<!doctype html><html lang="en-GB"><head>
      <meta charset="UTF-8"><title>  Hello
      World  </title><meta name="Description" content=" A  page ">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <link rel="icon" href="/favicon.png"></head><body><p>Hi</p></body></html>`);
    expect(page.isHtml).toBe(true);
    expect(page.doctype).toBe('html');
    expect(page.lang).toBe('en-GB');
    expect(page.title).toBe('Hello World');
    expect(page.metaDescription).toBe('A page');
    expect(page.viewport).toBe('width=device-width, initial-scale=1');
    expect(page.declaredCharset).toBe('utf-8');
    expect(page.declaredCharsetOffset).toBeLessThan(100);
    expect(page.favicon).toBe('https://example.com/favicon.png');
    expect(page.titleInBody).toBe(false);
    expect(page.headBrokenBy).toBeNull();
  });

  it('handles uppercase tags and attributes', () => {
    const page = buildTestPage('<!DOCTYPE HTML><HTML LANG="DE"><HEAD><TITLE>Großes Haus</TITLE><META NAME="DESCRIPTION" CONTENT="Beschreibung"></HEAD><BODY><H1>Überschrift</H1><A HREF="/x">Link</A></BODY></HTML>');
    expect(page.lang).toBe('DE');
    expect(page.title).toBe('Großes Haus');
    expect(page.metaDescription).toBe('Beschreibung');
    expect(page.h1s).toEqual(['Überschrift']);
    expect(page.links[0]?.url).toBe('https://example.com/x');
  });

  it('keeps every title, notes a title in body and uses the first for `title`', () => {
    const page = buildTestPage('<html><head><title>First</title><title>Second</title></head><body><title>Third</title><svg><title>icon</title></svg></body></html>');
    expect(page.titles).toEqual(['First', 'Second', 'Third']);
    expect(page.title).toBe('First');
    expect(page.titleInBody).toBe(true);
  });

  it('decodes entities and keeps markup inside <title> as text', () => {
    const page = buildTestPage('<html><head><title>Fish &amp; Chips <b>now</b></title></head><body></body></html>');
    expect(page.title).toBe('Fish & Chips <b>now</b>');
  });

  it('strips a BOM and records it', () => {
    const page = buildTestPage('\uFEFF<!DOCTYPE html><html><head><title>BOM page</title></head><body><p>Text</p></body></html>');
    expect(page.hasBom).toBe(true);
    expect(page.title).toBe('BOM page');
    expect(page.doctype).toBe('html');
    expect(page.text).toBe('Text');
    expect(page.headBrokenBy).toBeNull();
  });

  it('takes hasBom from the fetch result when the fetcher already stripped it', () => {
    const page = buildTestPage('<html><head><title>x</title></head></html>');
    expect(page.hasBom).toBe(false);
  });

  it('records a non-UTF-8 charset declared in meta (http-equiv form) next to the HTTP charset', () => {
    const page = buildTestPage(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><title>Café</title></head><body></body></html>',
      { contentType: 'text/html; charset=utf-8' },
    );
    expect(page.declaredCharset).toBe('iso-8859-1');
    expect(page.charset).toBe('utf-8');
    expect(page.title).toBe('Café');
  });

  it('collects Open Graph and Twitter tags (property or name), first occurrence wins', () => {
    const page = buildTestPage('<html><head><meta property="og:title" content="OG"><meta property="og:title" content="OG2"><meta name="og:image" content="https://e.com/i.png"><meta name="twitter:card" content="summary"></head></html>');
    expect(page.openGraph).toEqual({ 'og:title': 'OG', 'og:image': 'https://e.com/i.png' });
    expect(page.twitter).toEqual({ 'twitter:card': 'summary' });
  });
});

describe('extractPageFacts — head closed early (parser semantics)', () => {
  it('treats metadata after an <img> in <head> as body content, like browsers and Google', () => {
    const page = buildTestPage(`<html><head><title>T</title><meta name="description" content="kept">
      <img src="/pixel.gif"><link rel="canonical" href="https://example.com/c">
      <meta name="robots" content="noindex"><meta name="description" content="ignored"></head><body><p>x</p></body></html>`);
    expect(page.headBrokenBy).toBe('<img>');
    expect(page.canonicals).toEqual([]);
    expect(page.canonicalInBody).toBe(true);
    expect(page.robots.noindex).toBe(false);
    expect(page.robotsInBody).toEqual(['noindex']);
    expect(page.metaDescriptions).toEqual(['kept']);
    expect(page.ignoredHeadElements).toEqual(['<link rel="canonical">', '<meta name="robots">', '<meta name="description">']);
  });

  it('does not let <noscript> tracking pixels in <head> close it', () => {
    const page = buildTestPage('<html><head><noscript><img src="https://t.example/px"></noscript><link rel="canonical" href="/c"></head><body></body></html>');
    expect(page.headBrokenBy).toBeNull();
    expect(page.canonicals).toEqual(['https://example.com/c']);
    expect(page.images).toEqual([]);
    expect(page.hasNoscript).toBe(true);
  });

  it('detects stray text in head', () => {
    const page = buildTestPage('<html><head><title>T</title>}<link rel="canonical" href="/c"></head><body></body></html>');
    expect(page.headBrokenBy).toBe('text "}"');
    expect(page.canonicals).toEqual([]);
  });

  it('treats documents without <head>/<body> tags like the spec does', () => {
    const page = buildTestPage('<title>T</title><link rel=canonical href=/c><p>Hello</p><link rel=canonical href=/d>');
    expect(page.canonicals).toEqual(['https://example.com/c']);
    expect(page.canonicalInBody).toBe(true);
    expect(page.text).toBe('Hello');
  });

  it('counts duplicated html/head/body elements', () => {
    const page = buildTestPage('<html><head></head><body><p>a</p></body><head></head><body></body></html>');
    expect(page.structure).toEqual({ html: 1, head: 2, body: 2 });
  });
});

describe('extractPageFacts — canonical, hreflang and robots', () => {
  it('keeps the raw canonical href and resolves it against <base href>', () => {
    const page = buildTestPage('<html><head><base href="https://cdn.example.com/dir/"><link rel="canonical" href="page"></head><body><a href="x">x</a></body></html>');
    expect(page.baseHref).toBe('https://cdn.example.com/dir/');
    expect(page.canonicalHrefs).toEqual(['page']);
    expect(page.canonicals).toEqual(['https://cdn.example.com/dir/page']);
    expect(page.links[0]?.url).toBe('https://cdn.example.com/dir/x');
    expect(page.links[0]?.internal).toBe(false);
  });

  it('reads canonical and hreflang from the Link header', () => {
    const page = buildTestPage('<html><head></head><body></body></html>', {
      headers: {
        link: '<https://example.com/a>; rel="canonical", <https://example.com/de/a>; rel="alternate"; hreflang="de", </fr/a>; rel=alternate; hreflang=fr',
      },
    });
    expect(page.canonicalFromHeader).toEqual(['https://example.com/a']);
    expect(page.hreflang).toEqual([
      { lang: 'de', url: 'https://example.com/de/a', href: 'https://example.com/de/a', source: 'header' },
      { lang: 'fr', url: 'https://example.com/fr/a', href: '/fr/a', source: 'header' },
    ]);
  });

  it('collects hreflang from head and notes ones in body', () => {
    const page = buildTestPage('<html><head><link rel="alternate" hreflang="en" href="https://example.com/en"><link rel="alternate" hreflang="x-default" href="/"></head><body><link rel="alternate" hreflang="de" href="/de"></body></html>');
    expect(page.hreflang.map((h) => [h.lang, h.url, h.href])).toEqual([
      ['en', 'https://example.com/en', 'https://example.com/en'],
      ['x-default', 'https://example.com/', '/'],
    ]);
    expect(page.hreflangInBody).toEqual([{ lang: 'de', href: '/de' }]);
  });

  it('merges meta robots, googlebot meta and X-Robots-Tag; bot-specific others stay separate', () => {
    const page = buildTestPage('<html><head><meta name="ROBOTS" content="NoFollow"><meta name="googlebot" content="noindex"><meta name="bingbot" content="none"></head></html>', {
      headers: { 'x-robots-tag': 'noarchive, otherbot: noindex' },
    });
    expect(page.robots.directives).toEqual(['nofollow', 'noindex', 'noarchive']);
    expect(page.robots.noindex).toBe(true);
    expect(page.robots.nofollow).toBe(true);
    expect(page.robots.sources).toEqual([
      { source: 'meta-robots', value: 'NoFollow' },
      { source: 'meta-googlebot', value: 'noindex', bot: 'googlebot' },
      { source: 'meta-bot', value: 'none', bot: 'bingbot' },
      { source: 'x-robots-tag', value: 'noarchive' },
      { source: 'x-robots-tag', value: 'noindex', bot: 'otherbot' },
    ]);
  });

  it('treats "none" as noindex + nofollow', () => {
    const page = buildTestPage('<html><head></head></html>', { headers: { 'x-robots-tag': 'none' } });
    expect(page.robots.noindex).toBe(true);
    expect(page.robots.nofollow).toBe(true);
  });
});

describe('extractPageFacts — links', () => {
  const page = buildTestPage(`<html><head><title>t</title></head><body>
    <nav><a href="/about">About us</a></nav>
    <main>
      <a href="javascript:void(0)" onclick="go()">JS</a>
      <a href="mailto:hi@example.com">Mail</a>
      <a href="#section">Jump</a>
      <a href="https://other.org/x" rel="NoFollow sponsored" target="_blank">Other</a>
      <a href="https://www.example.com/y">www</a>
      <a>placeholder</a>
      <a href="/img"><img src="/a.png" alt="Logo alt"></a>
      <a href="/aria" aria-label="Label text"><svg></svg></a>
    </main>
    <footer><a href="/contact">Contact</a></footer></body></html>`);

  it('resolves http(s) URLs and keeps raw hrefs', () => {
    expect(page.links.map((l) => [l.href, l.url])).toEqual([
      ['/about', 'https://example.com/about'],
      ['javascript:void(0)', null],
      ['mailto:hi@example.com', null],
      ['#section', 'https://example.com/services/roof-repair#section'],
      ['https://other.org/x', 'https://other.org/x'],
      ['https://www.example.com/y', 'https://www.example.com/y'],
      [null, null],
      ['/img', 'https://example.com/img'],
      ['/aria', 'https://example.com/aria'],
      ['/contact', 'https://example.com/contact'],
    ]);
  });

  it('records position, rel, internal, target, onclick and text fallbacks', () => {
    expect(page.links[0]?.position).toBe('nav');
    expect(page.links[1]?.hasOnclick).toBe(true);
    expect(page.links[4]).toMatchObject({ rel: ['nofollow', 'sponsored'], internal: false, target: '_blank', position: 'content' });
    expect(page.links[5]?.internal).toBe(true);
    expect(page.links[7]?.text).toBe('Logo alt');
    expect(page.links[8]?.text).toBe('Label text');
    expect(page.links[9]?.position).toBe('footer');
  });
});

describe('extractPageFacts — body content', () => {
  it('extracts visible text without scripts, styles, noscript or hidden elements', () => {
    const page = buildTestPage(`<html><head><style>p{color:red}</style><script>var x = 1;</script></head><body>
      <h1>Main <span>title</span></h1><p>First para.</p><p>Second<br>line</p>
      <script>document.write("no")</script><noscript>Enable JS</noscript>
      <div hidden>secret</div><div style="display: none">also secret</div>
      <p></p></body></html>`);
    expect(page.text).toBe('Main title First para. Second line');
    expect(page.wordCount).toBe(6);
    expect(page.paragraphs).toBe(2);
    expect(page.headings).toEqual([{ level: 1, text: 'Main title' }]);
    expect(page.usesDocumentWrite).toBe(true);
  });

  it('recovers from malformed markup (unclosed tags, stray end tags)', () => {
    const page = buildTestPage('<html><head><title>Broken</title></head><body><div><p>One<p>Two</span></div></i><h2>Sub<h3>Deep</h3><a href="/a">A<a href="/b">B</body>');
    expect(page.title).toBe('Broken');
    expect(page.headings.map((h) => h.level)).toEqual([2, 3]);
    expect(page.links.map((l) => l.href)).toEqual(['/a', '/b']);
  });

  it('counts CJK characters as words', () => {
    const page = buildTestPage('<html><body><p>東京の天気</p><p>hello world</p></body></html>');
    expect(page.wordCount).toBe(7);
  });

  it('produces a stable textHash that ignores case and whitespace', () => {
    const a = buildTestPage('<html><body><p>Hello   World</p></body></html>');
    const b = buildTestPage('<html><body><div>hello world</div></body></html>');
    expect(a.textHash).toBe(b.textHash);
    expect(a.textHash).toBe(hashText('HELLO world'));
    expect(a.textHash).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reads images with alt states, dimensions, lazy hints and picture context', () => {
    const page = buildTestPage(`<html><body><img src="/a.jpg" alt="A photo" width="10" height="20" loading="LAZY">
      <img src="/b.jpg" alt=""><img src="/c.jpg"><picture><source srcset="/d.webp"><img src="/d.jpg" alt="d"></picture>
      <img data-src="/e.jpg" class="lazyload" alt="e"><picture><source srcset="/f.webp"></picture></body></html>`);
    expect(page.images.map((i) => i.alt)).toEqual(['A photo', '', null, 'd', 'e']);
    expect(page.images[0]).toMatchObject({ url: 'https://example.com/a.jpg', width: '10', height: '20', loading: 'lazy', inPicture: false });
    expect(page.images[3]?.inPicture).toBe(true);
    expect(page.images[4]?.lazyHint).toBe(true);
    expect(page.picturesWithoutImg).toBe(1);
  });

  it('collects scripts, stylesheets, forms, iframes and mixed content on https', () => {
    const page = buildTestPage(`<html><head><script src="/app.js"></script><script type="module" src="/m.js"></script>
      <link rel="stylesheet" href="http://cdn.example.com/a.css" media="print"></head><body>
      <form action="http://example.com/login" method="POST"><input type="password"></form><form></form>
      <iframe src="http://maps.example.com"></iframe><img src="http://img.example.com/x.png" alt="x">
      <script async src="/late.js"></script><a href="http://example.com/plain">link is not mixed content</a></body></html>`);
    expect(page.scripts).toEqual([
      { src: 'https://example.com/app.js', async: false, defer: false, inHead: true, type: null },
      { src: 'https://example.com/m.js', async: false, defer: false, inHead: true, type: 'module' },
      { src: 'https://example.com/late.js', async: true, defer: false, inHead: false, type: null },
    ]);
    expect(page.stylesheets).toEqual([{ href: 'http://cdn.example.com/a.css', inHead: true, media: 'print' }]);
    expect(page.forms).toEqual([
      { action: 'http://example.com/login', method: 'post', hasPassword: true },
      { action: null, method: 'get', hasPassword: false },
    ]);
    expect(page.iframes).toBe(1);
    expect(page.mixedContent).toEqual(['http://cdn.example.com/a.css', 'http://maps.example.com/', 'http://img.example.com/x.png']);
  });

  it('parses JSON-LD (incl. @graph and raw newlines), reports invalid JSON and reads microdata', () => {
    const page = buildTestPage(`<html><head>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Organization","name":"Acme"},{"@type":["WebSite"],"name":"Acme
      site"}]}</script>
      <script type="application/ld+json">{"@type": "Product", "name": "X",}</script></head><body>
      <div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Widget</span>
        <div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="9.99"></div></div>
      <div vocab="https://schema.org/" typeof="Person"><span property="name">Jane</span></div></body></html>`);
    const [graph, broken, rdfa, micro] = page.structuredData;
    expect(graph?.types).toEqual(['Organization', 'WebSite']);
    expect(graph?.error).toBeUndefined();
    expect(broken?.data).toBeNull();
    expect(broken?.error).toBeTruthy();
    expect(rdfa).toMatchObject({ format: 'rdfa', types: ['Person'] });
    expect(micro?.format).toBe('microdata');
    expect(micro?.data).toEqual({
      '@type': 'Product',
      '@context': 'https://schema.org',
      name: 'Widget',
      offers: { '@type': 'Offer', '@context': 'https://schema.org', price: '9.99' },
    });
  });

  it('records duplicate ids, fragment targets, template tokens and masked secrets', () => {
    const page = buildTestPage(`<html><head><title>%%title%% %%sep%% Site</title></head><body><div id="a"></div><p id="a">Hi {{ user.name }}</p>
      <a name="top2"></a><pre>{{ code }}</pre><script>var k = "sk_live_${'a'.repeat(24)}";</script></body></html>`);
    expect(page.duplicateIds).toEqual(['a']);
    expect(page.fragmentTargets).toEqual(['a', 'top2']);
    expect(page.templateTokens).toEqual(['{{ user.name }}', '%%title%%', '%%sep%%']);
    expect(page.secrets).toEqual([{ kind: 'Stripe secret key', sample: 'sk_live_…' }]);
  });

  it('detects top-level JS redirects but not ones inside handlers', () => {
    expect(buildTestPage('<html><body><script>window.location.href = "https://example.com/new";</script></body></html>').jsRedirect).toBe('https://example.com/new');
    expect(buildTestPage('<html><body><script>btn.addEventListener("click", () => { location.href = "/x"; });</script></body></html>').jsRedirect).toBeNull();
  });

  it('collects fixed widths, body font size, @font-face without font-display and buttons', () => {
    const page = buildTestPage(`<html><head><style>body { font-size: 11px } @font-face { font-family: X; src: url(x.woff2) }</style></head><body>
      <table width="980"><tr><td>x</td></tr></table><div style="width: 1200px">wide</div><img src="/x.png" style="width:900px" alt="x">
      <button> Get a quote </button><input type="submit" value="Send"></body></html>`);
    expect(page.fixedWidthElements).toEqual([{ tag: 'table', widthPx: 980 }, { tag: 'div', widthPx: 1200 }]);
    expect(page.baseFontSizePx).toBe(11);
    expect(page.fontFacesWithoutDisplay).toBe(1);
    expect(page.buttons).toEqual(['Get a quote', 'Send']);
  });
});

describe('extractPageFacts — non-HTML and rendering', () => {
  it('returns empty content facts for non-HTML but keeps header facts', () => {
    const page = buildTestPage('%PDF-1.7 ...', { contentType: 'application/pdf', headers: { 'x-robots-tag': 'noindex' } });
    expect(page.isHtml).toBe(false);
    expect(page.title).toBeNull();
    expect(page.links).toEqual([]);
    expect(page.robots.noindex).toBe(true);
  });

  it('sniffs HTML when the content-type is missing', () => {
    expect(buildTestPage('<!doctype html><title>x</title>', { contentType: '' }).isHtml).toBe(true);
  });

  it('uses the rendered DOM and keeps raw facts in `rendering`', () => {
    const raw = '<html><head><title>Loading</title><script src="/app.js"></script></head><body><div id="root"></div><a href="/static">Static</a></body></html>';
    const rendered = '<html><head><title>Real title</title></head><body><div id="root"><h1>Heading</h1><p>Now there is content here.</p><a href="/static">Static</a><a href="/dynamic">Dynamic</a></div></body></html>';
    const page = buildTestPage(raw, { renderedHtml: rendered });
    expect(page.title).toBe('Real title');
    expect(page.h1s).toEqual(['Heading']);
    expect(page.links.map((l) => [l.href, l.renderedOnly ?? false])).toEqual([
      ['/static', false],
      ['/dynamic', true],
    ]);
    expect(page.rendering).toEqual({
      mode: 'rendered',
      looksClientRendered: true,
      rawTitle: 'Loading',
      rawH1s: [],
      rawWordCount: 1,
      rawCanonicals: [],
      rawMetaDescription: null,
      rawRobots: [],
      renderedOnlyLinks: 1,
    });
  });

  it('flags an empty app shell as client-rendered in raw mode, and honours the caller’s verdict', () => {
    const shell = '<html><head><title>App</title><script src="/main.js"></script></head><body><div id="__next"></div></body></html>';
    expect(buildTestPage(shell).rendering).toMatchObject({ mode: 'raw', looksClientRendered: true, rawWordCount: 0 });
    expect(buildTestPage(shell, { looksClientRendered: false }).rendering).toMatchObject({ mode: 'raw', looksClientRendered: false });
    // a short page without an app mount point is just short
    expect(buildTestPage('<html><body><h1>Coming soon</h1><script src="/ga.js"></script></body></html>').rendering).toBeUndefined();
  });

  it('omits `rendering` for an ordinary server-rendered page', () => {
    const page = buildTestPage(`<html><body><p>${'word '.repeat(80)}</p><script src="/a.js"></script></body></html>`);
    expect(page.rendering).toBeUndefined();
  });
});

describe('header parsers', () => {
  it('parseLinkHeader handles quoted params and several links', () => {
    expect(parseLinkHeader('<https://a.com/>; rel="canonical"; foo=bar, </b>; rel=alternate; hreflang="en-US"')).toEqual([
      { target: 'https://a.com/', params: { rel: 'canonical', foo: 'bar' } },
      { target: '/b', params: { rel: 'alternate', hreflang: 'en-US' } },
    ]);
  });

  it('parseXRobotsTag keeps dates in unavailable_after and splits bot scopes', () => {
    expect(parseXRobotsTag('unavailable_after: 25 Jun 2010 15:00:00 PST, googlebot: noindex, nofollow')).toEqual([
      { source: 'x-robots-tag', value: 'unavailable_after: 25 Jun 2010 15:00:00 PST' },
      { source: 'x-robots-tag', value: 'noindex, nofollow', bot: 'googlebot' },
    ]);
  });

  it('splitDirectives tolerates spaces and RFC 850 dates', () => {
    expect(splitDirectives('NOINDEX NOFOLLOW')).toEqual(['noindex', 'nofollow']);
    expect(splitDirectives('unavailable_after: Wednesday, 25-Jun-2010 15:00:00 GMT, max-snippet:0')).toEqual([
      'unavailable_after: wednesday, 25-jun-2010 15:00:00 gmt',
      'max-snippet: 0',
    ]);
  });
});
