import { describe, expect, it } from 'vitest';
import { parseHtml } from '@/lib/analysis/extract-document';
import { createPageContext } from '@/lib/analysis/extract-page-context';

const contextOf = (html: string, pageUrl = 'https://example.com/a/b') => createPageContext(html, parseHtml(html), pageUrl);

describe('createPageContext', () => {
  it('resolves relative URLs against the first <base href>, itself resolved against the page', () => {
    const { page, baseHref } = contextOf('<head><base href="/static/"><base href="https://other.example/"></head>');
    expect(baseHref).toBe('https://example.com/static/');
    expect(page.baseUrl).toBe('https://example.com/static/');
  });

  it('falls back to the page URL without a usable <base href>', () => {
    for (const html of ['<p>no base</p>', '<base target="_blank">', '<base href="  ">', '<p>&lt;base href="/x"&gt;</p>']) {
      const { page, baseHref } = contextOf(html);
      expect(baseHref).toBeNull();
      expect(page.baseUrl).toBe('https://example.com/a/b');
    }
  });

  it('collects http:// resources on an https page once each, in the order reported', () => {
    const { page, mixedContent } = contextOf('<base href="http://cdn.example/">');
    for (const raw of ['img.png', ' https://secure.example/x.js ', 'http://a.example/1.css', undefined, '', 'img.png']) page.noteResource(raw);
    expect(mixedContent()).toEqual(['http://cdn.example/img.png', 'http://a.example/1.css']);
  });

  it('reports no mixed content on an http page', () => {
    const { page, mixedContent } = contextOf('', 'http://example.com/');
    page.noteResource('http://a.example/1.css');
    expect(mixedContent()).toEqual([]);
  });
});
