import { describe, expect, it } from 'vitest';
import { createResourceCollector, findJsRedirect } from '@/lib/analysis/extract-resources';
import { collectFrom } from '@/test/extract-test-support';

describe('resource collector', () => {
  it('lists scripts and stylesheets, resolved, with whether they load from the head', () => {
    const facts = collectFrom('<head><script src="/a.js" async></script><link rel="stylesheet" href="s.css" media="print"><link rel="preload" href="p.css"></head><body><script type="module" src="b.js" defer></script></body>', createResourceCollector);
    expect(facts.scripts).toEqual([
      { src: 'https://example.com/a.js', async: true, defer: false, inHead: true, type: null },
      { src: 'https://example.com/dir/b.js', async: false, defer: true, inHead: false, type: 'module' },
    ]);
    expect(facts.stylesheets).toEqual([{ href: 'https://example.com/dir/s.css', inHead: true, media: 'print' }]);
  });

  it('measures inline JavaScript only, and notices document.write and a top-level redirect in it', () => {
    const facts = collectFrom('<script>document.write("é")</script><script type="application/ld+json">{"a":1}</script><script type="text/template">location.href = "/t"</script><script>location.replace("/next")</script>', createResourceCollector);
    expect(facts.inlineScriptBytes).toBe(Buffer.byteLength('document.write("é")location.replace("/next")'));
    expect(facts.usesDocumentWrite).toBe(true);
    expect(facts.jsRedirect).toBe('/next');
  });

  it('counts iframes and notices plugins and <noscript>', () => {
    expect(collectFrom('<iframe src="/f"></iframe><iframe></iframe><embed src="movie.swf">', createResourceCollector)).toMatchObject({ iframes: 2, usesPlugins: true, hasNoscript: false });
    expect(collectFrom('<object data="x.pdf" type="application/pdf"></object><noscript>x</noscript>', createResourceCollector)).toMatchObject({ usesPlugins: false, hasNoscript: true });
    expect(collectFrom('<applet code="A.class"></applet>', createResourceCollector).usesPlugins).toBe(true);
  });
});

describe('findJsRedirect', () => {
  it('finds a top-level location assignment, ignoring fragments and redirects inside handlers', () => {
    expect(findJsRedirect('window.location.href = "https://example.com/new";')).toBe('https://example.com/new');
    expect(findJsRedirect("location = '#top'; location.assign('/b')")).toBe('/b');
    expect(findJsRedirect('button.addEventListener("click", () => { location.href = "/x" })')).toBeNull();
    expect(findJsRedirect('function go() { location.href = "/x" }')).toBeNull();
  });
});
