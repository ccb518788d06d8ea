// A site whose every crawled value is a stored-XSS attempt, served on 127.0.0.1 for e2e tests.
// Titles, meta descriptions, H1s, link texts, link hrefs (javascript: URLs), canonicals, redirect
// targets and URLs carry payloads that, if any view of the app rendered them as HTML (or as an
// anchor's href), would set window.__xss and open an alert. A view that renders them as text shows
// the payload literally and runs nothing.
//
// setRound(2) changes the pages (H1s go away, titles change), so a second audit differs from the
// first and the diff views list the hostile URLs too.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const XSS_FLAG = '__xss';
const RUN = `window.${XSS_FLAG}=(window.${XSS_FLAG}||0)+1;alert(document.domain)`;
/** Raw payloads, as they appear in the values the crawler stores. */
export const PAYLOADS = {
  script: `<script>${RUN}</script>`,
  img: `<img src=x onerror="${RUN}">`,
  svg: `"><svg onload="${RUN}">`,
  js: `javascript:${RUN}`,
} as const;

/** HTML-escapes text for an element body or a quoted attribute. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export type XssSite = { url: string; setRound(round: 1 | 2): void; close(): Promise<void> };

export async function startXssSite(): Promise<XssSite> {
  let round: 1 | 2 = 1;
  const LINKS = [
    `<a href="/title">${esc(PAYLOADS.img)}</a>`,
    `<a href="/canonical">${esc(PAYLOADS.script)}</a>`,
    `<a href="${esc(PAYLOADS.js)}">javascript link ${esc(PAYLOADS.img)}</a>`,
    `<a href="JaVaScRiPt:${esc(RUN)}">mixed case</a>`,
    `<a href=" javascript:${esc(RUN)}">leading space</a>`,
    `<a href="/${esc(PAYLOADS.script)}">script in path</a>`,
    `<a href="/q?x=${esc(PAYLOADS.svg)}">svg in query</a>`,
    `<a href="/redirect-js">redirect to javascript</a>`,
    `<a href="data:text/html,${esc(PAYLOADS.script)}">data url</a>`,
  ].join(' ');
  const page = (o: { title: string; description: string; h1: string; canonical?: string; body?: string }) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    // <title> is raw text: a payload inside it is the title's text, exactly what a crawler stores.
    `<title>${o.title.replace(/<\/title/gi, '')}</title>` +
    `<meta name="description" content="${esc(o.description)}">` +
    (o.canonical ? `<link rel="canonical" href="${esc(o.canonical)}">` : '') +
    `<meta property="og:title" content="${esc(PAYLOADS.svg)}">` +
    `</head><body>${round === 1 ? `<h1>${esc(o.h1)}</h1>` : ''}` +
    `<p>${esc(`Body text ${PAYLOADS.script} with enough words to count as content.`)}</p>` +
    LINKS +
    (o.body ?? '') +
    `</body></html>`;

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    const r = round === 2 ? ' (round 2)' : '';
    if (path === '/robots.txt') return void res.writeHead(404).end();
    if (path === '/') return html(page({ title: `Home ${PAYLOADS.script}${r}`, description: PAYLOADS.img, h1: PAYLOADS.script, canonical: PAYLOADS.js }));
    if (path === '/title') return html(page({ title: `${PAYLOADS.img}${r}`, description: PAYLOADS.script, h1: PAYLOADS.img, canonical: `/${PAYLOADS.svg}` }));
    if (path === '/canonical') return html(page({ title: `${PAYLOADS.svg}${r}`, description: PAYLOADS.svg, h1: PAYLOADS.svg, canonical: `JAVASCRIPT:${RUN}` }));
    if (path === '/redirect-js') return void res.writeHead(302, { location: PAYLOADS.js }).end();
    // Everything else (the payload paths and queries) is a page too, with payloads of its own.
    return html(page({ title: `Path ${PAYLOADS.script}${r}`, description: PAYLOADS.img, h1: PAYLOADS.svg, canonical: PAYLOADS.js }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setRound: (next) => void (round = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
