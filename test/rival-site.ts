// A small local site whose defects a test chooses and can change between two audits, for the
// comparison and diff tests (test/fixture-site.ts is one fixed site with every crawl situation).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const RIVAL_DEFECTS = ['no-description', 'no-alt', 'broken-link', 'no-h1', 'no-lang', 'short-title'] as const;
export type RivalDefect = (typeof RIVAL_DEFECTS)[number];

export type RivalSiteOptions = {
  name: string;
  defects?: RivalDefect[];
  /** Every URL answers 500: an audit of it fails. */
  broken?: boolean;
};

export type RivalSite = {
  url: string;
  /** Change what the site serves from the next request on (a defect fixed, another added). */
  setDefects(defects: RivalDefect[]): void;
  close(): Promise<void>;
};

const PATHS = ['/', '/services', '/about', '/contact'];

function page(name: string, path: string, defects: Set<RivalDefect>): string {
  const label = path === '/' ? 'Home' : path.slice(1).replace(/^./, (c) => c.toUpperCase());
  const title = defects.has('short-title') ? label : `${label} | ${name} roof repair and gutter cleaning in Springfield`;
  const description = defects.has('no-description')
    ? ''
    : `<meta name="description" content="${name}: ${label.toLowerCase()} — roof repair, gutter cleaning and emergency leak fixes across Springfield, with free written quotes.">`;
  const links = PATHS.filter((p) => p !== path).map((p) => `<a href="${p}">${p === '/' ? 'Home' : p.slice(1)}</a>`);
  if (defects.has('broken-link')) links.push('<a href="/gone">Old offers</a>');
  const words = Array.from({ length: 60 }, (_, i) => `Roof repair guidance paragraph ${i + 1} for ${name} customers in Springfield covers shingles, flashing and gutters in plain words.`).join(' ');
  return `<!doctype html><html${defects.has('no-lang') ? '' : ' lang="en"'}><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${description}
<link rel="canonical" href="${path}">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"LocalBusiness","name":"${name}"}</script></head>
<body>${defects.has('no-h1') ? '' : `<h1>${label} — ${name} roof repair</h1>`}
<nav>${links.join(' ')}</nav><main><p>${words}</p>
<img src="/logo.png" width="120" height="40"${defects.has('no-alt') ? '' : ` alt="${name} logo"`}></main></body></html>`;
}

export async function startRivalSite(options: RivalSiteOptions): Promise<RivalSite> {
  let defects = new Set(options.defects ?? []);
  let base = '';
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (options.broken) {
      res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Internal error</h1>');
      return;
    }
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nAllow: /\nSitemap: ${base}/sitemap.xml\n`);
      return;
    }
    if (path === '/sitemap.xml') {
      const urls = PATHS.map((p) => `<url><loc>${base}${p}</loc></url>`).join('');
      res.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`);
      return;
    }
    if (path === '/logo.png') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from('89504e470d0a1a0a', 'hex'));
      return;
    }
    if (!PATHS.includes(path)) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<!doctype html><title>Not found</title><h1>Not found</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(options.name, path, defects));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/`,
    setDefects(next) {
      defects = new Set(next);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
