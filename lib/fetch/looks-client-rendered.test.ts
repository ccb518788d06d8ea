import { describe, expect, it } from 'vitest';
import { looksClientRendered } from '@/lib/fetch/looks-client-rendered';

const page = (body: string, head = '<title>t</title>') => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
const ARTICLE = `<article><h1>Real heading</h1>${'<p>Server-rendered paragraph with plenty of words in it.</p>'.repeat(20)}</article>`;

describe('looksClientRendered', () => {
  it.each([
    ['an empty #root (create-react-app)', page('<div id="root"></div><script src="/static/js/main.js"></script>')],
    ['an empty #app with whitespace and a comment (Vue)', page('<div id="app">\n  <!-- mount --> </div><script src="/app.js"></script>')],
    ['an empty #__next', page('<div id="__next"></div><script src="/_next/main.js"></script>')],
    ['an empty app root next to server-rendered chrome', page(`<header>Acme Inc navigation</header><div class="x" id='root' data-x="1"></div>`)],
    ['a near-empty body that loads scripts', page('<div class="shell">Loading…</div><script src="/bundle.js"></script>')],
    [
      'an "enable JavaScript" notice with little text',
      page(`<noscript>You need to enable JavaScript to run this app.</noscript><main>${'Short intro text. '.repeat(10)}</main><script src="/b.js"></script>`),
    ],
  ])('is true for %s', (_name, html) => {
    expect(looksClientRendered(html)).toBe(true);
  });

  it.each([
    ['a server-rendered article', page(ARTICLE + '<script src="/analytics.js"></script>')],
    ['a filled #__next (Next.js SSR)', page(`<div id="__next">${ARTICLE}</div><script src="/_next/main.js"></script>`)],
    ['a full page that also has a noscript notice', page(`<noscript>Please enable JavaScript for the best experience.</noscript>${ARTICLE}`)],
    ['a tiny static page without scripts', page('<p>Hello.</p>')],
    ['a noscript without a JavaScript request', page(`<noscript><img src="/pixel.gif"></noscript><p>Hi</p>${ARTICLE}`)],
    ['an app root id inside a comment', page(`<!-- <div id="root"></div> -->${ARTICLE}`)],
    ['a div whose id merely starts with "app"', page(`<div id="application"></div>${ARTICLE}`)],
  ])('is false for %s', (_name, html) => {
    expect(looksClientRendered(html)).toBe(false);
  });

  it('ignores script and style text when measuring visible text', () => {
    const html = page(`<style>${'.a{color:red}'.repeat(50)}</style><script>${'var x = 1;'.repeat(50)}</script><p>Hi</p>`);
    expect(looksClientRendered(html)).toBe(true);
  });
});
