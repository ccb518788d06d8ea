// A local website with every situation a crawl must survive, for integration tests, e2e and
// benchmarks. Binds to 127.0.0.1 only; records every request path so tests can prove what was
// (never) requested.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export type FixtureSiteOptions = {
  /** Synthetic linked pages /gen/1..N (binary tree plus "next" links), e.g. 300 or 2000. */
  pages?: number;
  /**
   * 'normal' (default): the full fixture.
   * 'down': robots.txt 404s, the sitemap lists 50 URLs, and every other request has its
   * connection reset: a site where every URL fails.
   */
  mode?: 'normal' | 'down';
  /** How long /slow waits before sending headers (default 5 s). */
  slowMs?: number;
  /** Size of /huge in bytes (default 3 MiB). */
  hugeBytes?: number;
  /** Delay added to every HTML page, to simulate a real server in benchmarks (default 0). */
  latencyMs?: number;
  /** Title of generated page n (default "Generated page n"), e.g. to plant hostile text. */
  genTitle?: (n: number) => string;
  /** Serve /favicon.ico (default false: it 404s and no page declares an icon). */
  favicon?: boolean;
  /**
   * Base URL of a second local server standing in for other sites (e.g. "http://localhost:4321"):
   * /resources then links to its /ok, /gone and /moved and shows its /logo.png, next to a large
   * (/images/big.jpg, 600 KB) and a missing (/images/missing.png) image of this site.
   */
  external?: string;
};

export type FixtureSite = {
  /** Base URL, e.g. "http://127.0.0.1:43121" (no trailing slash). */
  url: string;
  /** Request paths (with query) in arrival order. */
  accessLog: string[];
  close(): Promise<void>;
};

function html(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="description" content="Description of ${title}">${head}</head><body><h1>${title}</h1>${body}</body></html>`;
}

function links(hrefs: string[]): string {
  return `<ul>${hrefs.map((href) => `<li><a href="${href}">${href}</a></li>`).join('')}</ul>`;
}

function urlset(base: string, paths: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${paths.map((path) => `  <url><loc>${base}${path}</loc></url>`).join('\n')}
</urlset>`;
}

function generatedPage(n: number, total: number, title = `Generated page ${n}`): string {
  const targets = [2 * n, 2 * n + 1, n + 1].filter((m) => m <= total).map((m) => `/gen/${m}`);
  return html(
    title,
    `<p>This is synthetic page number ${n} of ${total}. It exists so crawls of realistic size can be measured.</p>
<nav><a href="/">Home</a></nav>${links(targets)}`,
  );
}

export async function startFixtureSite(options: FixtureSiteOptions = {}): Promise<FixtureSite> {
  const pages = options.pages ?? 0;
  const mode = options.mode ?? 'normal';
  const slowMs = options.slowMs ?? 5_000;
  const hugeBytes = options.hugeBytes ?? 3 * 1024 * 1024;
  const latencyMs = options.latencyMs ?? 0;
  const accessLog: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let base = '';

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const genPaths = Array.from({ length: pages }, (_, i) => `/gen/${i + 1}`);
  const homeLinks = [
    '/about',
    '/about#team',
    '/about?utm_source=newsletter',
    '/private/secret',
    '/redirect-start',
    '/redirect-to-private',
    '/loop-a',
    '/missing',
    '/error',
    '/slow',
    '/huge',
    '/js-only',
    '/data.json',
    '/dup-a',
    '/dup-b',
    'https://example.invalid/external',
    ...(pages > 0 ? ['/gen/1'] : []),
    ...(options.external ? ['/resources'] : []),
  ];

  let hugeBody: string | null = null;
  const getHugeBody = () => {
    if (hugeBody === null) {
      const paragraph = '<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p>\n';
      const head = html('Huge page', '').replace('</body></html>', '');
      const tail = '<a href="/after-huge">after</a></body></html>';
      const count = Math.max(0, Math.ceil((hugeBytes - head.length - tail.length) / paragraph.length));
      hugeBody = head + paragraph.repeat(count) + tail;
    }
    return hugeBody;
  };

  type Reply = { status?: number; type?: string; body: string | Buffer; headers?: Record<string, string> };
  const route = (path: string): Reply | { redirect: string; status: number } | 'reset' | 'slow' | null => {
    if (mode === 'down') {
      if (path === '/robots.txt') return { status: 404, type: 'text/plain', body: 'not found' };
      if (path === '/sitemap.xml') {
        return { type: 'application/xml', body: urlset(base, Array.from({ length: 50 }, (_, i) => `/down/${i + 1}`)) };
      }
      return 'reset';
    }
    switch (path) {
      case '/robots.txt':
        return { type: 'text/plain', body: `User-agent: *\nDisallow: /private/\n\nSitemap: ${base}/sitemap.xml\n` };
      case '/sitemap.xml':
        return {
          type: 'application/xml',
          body: `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>${base}/sitemap-pages.xml</loc></sitemap>
  <sitemap><loc>${base}/sitemap-extra.xml.gz</loc></sitemap>
</sitemapindex>`,
        };
      case '/sitemap-pages.xml':
        return { type: 'application/xml', body: urlset(base, ['/', '/about', '/orphan', '/private/in-sitemap']) };
      case '/sitemap-extra.xml.gz':
        // Raw gzip bytes, no Content-Encoding: what most servers do for .xml.gz files.
        return { type: 'application/x-gzip', body: gzipSync(urlset(base, ['/orphan-gz', ...genPaths])) };
      case '/':
        return {
          body: html(
            'Fixture home',
            `<p>Welcome to the fixture site.</p>${links(homeLinks)}<a href="/nofollow-target" rel="nofollow">nofollow</a>`,
            `<link rel="canonical" href="${base}/">`,
          ),
        };
      case '/about':
        return { body: html('About us', links(['/', '/about/team'])) };
      case '/about/team':
        return { body: html('Our team', links(['/about'])) };
      case '/redirect-start':
        return { redirect: '/redirect-middle', status: 301 };
      case '/redirect-middle':
        return { redirect: `${base}/redirect-end`, status: 302 };
      case '/redirect-end':
        return { body: html('Redirect target', links(['/'])) };
      case '/redirect-to-private':
        return { redirect: '/private/landing', status: 302 };
      case '/loop-a':
        return { redirect: '/loop-b', status: 301 };
      case '/loop-b':
        return { redirect: '/loop-a', status: 301 };
      case '/missing':
        return { status: 404, body: html('Page not found', links(['/'])) };
      case '/error':
        return { status: 500, body: html('Server error', '<p>Something broke.</p>') };
      case '/slow':
        return 'slow';
      case '/huge':
        return { body: getHugeBody() };
      case '/js-only':
        return {
          body: `<!doctype html><html><head><title>JS app</title></head><body><div id="root"></div>
<script>document.getElementById('root').innerHTML = '<a href="/js-target">Rendered link</a>';</script></body></html>`,
        };
      case '/js-target':
        return { body: html('Found by rendering', links(['/'])) };
      case '/data.json':
        return { type: 'application/json', body: '{"not":"html"}' };
      case '/orphan':
        return { body: html('Orphan page', '<p>Only the sitemap knows me.</p>') };
      case '/orphan-gz':
        return { body: html('Orphan from gzip sitemap', '<p>Only the gzipped sitemap knows me.</p>') };
      case '/nofollow-target':
        return { body: html('Nofollow target', '') };
      case '/dup-a':
      case '/dup-b':
        // Same title, description and text under two URLs: the duplicate checks must name both.
        return { body: html('Duplicate offer', '<p>The very same text on two different URLs, word for word, for the duplicate checks.</p>') };
      case '/after-huge':
        return { body: html('After huge', '') };
      case '/resources': {
        if (!options.external) return null;
        const ext = options.external;
        return {
          body: html(
            'Links and images',
            `${links([`${ext}/ok`, `${ext}/gone`, `${ext}/moved`, `${ext}/private/page`])}<img src="/images/big.jpg" alt="Big"><img src="/images/missing.png" alt="Missing"><img src="${ext}/logo.png" alt="Logo">`,
          ),
        };
      }
      case '/images/big.jpg':
        // Content-Length sent explicitly: Node omits it from HEAD answers otherwise.
        return options.external ? { type: 'image/jpeg', body: Buffer.alloc(600 * 1024, 1), headers: { 'content-length': String(600 * 1024) } } : null;
      case '/favicon.ico':
        return options.favicon ? { type: 'image/x-icon', body: Buffer.from([0, 0, 1, 0, 1, 0]) } : null;
    }
    if (path.startsWith('/private/')) return { body: html('Private', '<p>Robots should never see this.</p>') };
    const gen = /^\/gen\/(\d+)$/.exec(path);
    if (gen && Number(gen[1]) >= 1 && Number(gen[1]) <= pages) return { body: generatedPage(Number(gen[1]), pages, options.genTitle?.(Number(gen[1]))) };
    return null;
  };

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    accessLog.push(path);
    const pathname = new URL(path, 'http://fixture').pathname;
    const answer = route(pathname);

    if (answer === 'reset') {
      req.socket.destroy();
      return;
    }
    if (answer === 'slow') {
      later(slowMs, () => {
        if (!res.destroyed) res.writeHead(200, { 'content-type': 'text/html' }).end(html('Finally', ''));
      });
      return;
    }
    const send = () => {
      if (res.destroyed) return;
      if (answer === null) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(html('Not found', ''));
      } else if ('redirect' in answer) {
        res.writeHead(answer.status, { location: answer.redirect, 'content-type': 'text/html' }).end('<a href="">moved</a>');
      } else {
        res.writeHead(answer.status ?? 200, { 'content-type': answer.type ?? 'text/html; charset=utf-8', ...answer.headers }).end(answer.body);
      }
    };
    const isPage = answer !== null && !('redirect' in answer) && (answer.type ?? 'text/html').startsWith('text/html');
    if (latencyMs > 0 && isPage) later(latencyMs, send);
    else send();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    accessLog,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
