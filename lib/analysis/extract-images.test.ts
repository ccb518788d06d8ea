import { describe, expect, it } from 'vitest';
import { createImageCollector } from '@/lib/analysis/extract-images';
import { createPageContext } from '@/lib/analysis/extract-page-context';
import { parseHtml, rootOf } from '@/lib/analysis/extract-document';
import { walkDocument } from '@/lib/analysis/extract-dom-walk';
import { collectFrom } from '@/test/extract-test-support';

describe('image collector', () => {
  it('reads source, alt (absent vs empty), size, loading and lazy-loader hints', () => {
    const { images } = collectFrom('<img src=" a.png " alt="" width="10" height="5" loading=" LAZY " class="lazyload"><img data-src="b.png" style="width: 1px; height: 2px">', createImageCollector);
    expect(images[0]).toMatchObject({ src: 'a.png', url: 'https://example.com/dir/a.png', alt: '', width: '10', height: '5', loading: 'lazy', lazyHint: true, styleSized: false });
    expect(images[1]).toMatchObject({ src: null, url: null, alt: null, lazyHint: true, styleSized: true });
  });

  it('notes whether an image sits in a link, a <picture> and which landmark', () => {
    const { images } = collectFrom('<nav><a href="/"><picture><source srcset="a.webp"><img src="a.png"></picture></a></nav><img src="b.png">', createImageCollector);
    expect(images.map((i) => [i.inLink, i.inPicture, i.position])).toEqual([[true, true, 'nav'], [false, false, 'content']]);
  });

  it('counts <picture> elements that have no <img> to render', () => {
    const html = '<picture><source srcset="a.webp"></picture><picture><div><img src="b.png"></div></picture><picture><picture><img src="c.png"></picture></picture>';
    expect(collectFrom(html, createImageCollector).picturesWithoutImg).toBe(2);
  });

  it('reports http:// src and srcset candidates as mixed content', () => {
    const html = '<img src="http://a.example/1.png" srcset="http://a.example/2.png 2x, https://a.example/3.png 3x">';
    const $ = parseHtml(html);
    const { page, mixedContent } = createPageContext(html, $, 'https://example.com/');
    walkDocument(rootOf($), [createImageCollector(page)]);
    expect(mixedContent()).toEqual(['http://a.example/1.png', 'http://a.example/2.png']);
  });
});
