import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCleanPageHtml, CLEAN_PAGE_HEADERS, CLEAN_PAGE_URL } from '@/test/clean-page-fixture';
import { createRenderPool, type RenderPool } from '@/lib/fetch/render-pool';
import type { Finding } from '@/lib/checks/types';

// Loopback must be allow-listed explicitly (the SSRF guard refuses it by default).
process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';
const { analyzeUrl } = await import('@/lib/audits/analyze-url');

// Instant analysis against a local site whose pages each carry known defects.
let server: http.Server;
let base = '';
let pool: RenderPool;

const page = (title: string | null, body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${title === null ? '' : `<title>${title}</title>`}
<meta name="description" content="A page of the defects fixture, served locally so the analysis can be tested end to end.">${head}</head><body>${body}</body></html>`;

const prose = '<p>' + 'Roof repair specialists fix leaks, replace shingles and inspect flashing for homeowners across the county. '.repeat(20) + '</p>';

const routes: Record<string, () => { status?: number; headers?: Record<string, string>; body: string | Buffer }> = {
  '/clean': () => ({ headers: { ...CLEAN_PAGE_HEADERS, 'content-encoding': 'gzip' }, body: gzipSync(buildCleanPageHtml().replaceAll(new URL(CLEAN_PAGE_URL).origin, base)) }),
  '/base': () => ({ body: page('Roof repair services in the county, done right', `<h1>Roof repair</h1>${prose}`) }),
  '/no-title': () => ({ body: page(null, `<h1>Roof repair</h1>${prose}`) }),
  '/noindex': () => ({ body: page('Roof repair services in the county, done right', `<h1>Roof repair</h1>${prose}`, '<meta name="robots" content="noindex">') }),
  '/bad-links-images': () => ({
    body: page('Roof repair services in the county, done right', `<h1>Roof repair</h1>${prose}<a href="/more">click here</a> <a href="javascript:void(0)">Prices</a> <img src="/roof.jpg" width="10" height="10">`),
  }),
  '/no-viewport': () => ({ body: page('Roof repair services in the county, done right', `<h1>Roof repair</h1>${prose}`).replace(/<meta name="viewport"[^>]*>/, '') }),
  '/gone': () => ({ status: 404, body: page('Not found', '<h1>Not found</h1>') }),
  '/js-app': () => ({
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Roof repair services in the county, done right</title></head><body><div id="root"></div>
<script>document.getElementById('root').innerHTML = '<h1>Roof repair</h1>' + ${JSON.stringify(prose)};</script></body></html>`,
  }),
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (!route) return void res.writeHead(404).end();
    const { status = 200, headers = {}, body } = route();
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  pool = createRenderPool({ allowedPrivateHosts: ['127.0.0.1'], size: 1 });
});

afterAll(async () => {
  await pool.close();
  server.close();
});

const analyze = (path: string, render: 'auto' | 'never' = 'never') => analyzeUrl(`${base}${path}`, { render, renderPage: (u) => pool.render(u) });
const ids = (findings: Finding[]) => findings.map((f) => f.checkId);
const aboveInfo = (findings: Finding[]) => findings.filter((f) => f.severity !== 'info');

describe('analyzeUrl on a local site with known defects', () => {
  it('reports the exact defect of each page', async () => {
    expect(ids((await analyze('/no-title')).result.findings)).toContain('title-missing');
    expect(ids((await analyze('/noindex')).result.findings)).toContain('noindex-meta');
    const links = ids((await analyze('/bad-links-images')).result.findings);
    expect(links).toEqual(expect.arrayContaining(['link-text-generic', 'crawlable-anchors', 'image-alt-missing']));
    expect(ids((await analyze('/no-viewport')).result.findings)).toContain('viewport-missing');
    const gone = await analyze('/gone');
    expect(gone.result.status).toBe(404);
    expect(ids(gone.result.findings)).toContain('http-4xx');
  });

  it('scores each defect page below the same page without the defect', async () => {
    const base = (await analyze('/base')).result.score;
    for (const path of ['/no-title', '/noindex', '/bad-links-images', '/no-viewport']) {
      expect((await analyze(path)).result.score, path).toBeLessThan(base);
    }
  });

  it('names the exact element in its messages', async () => {
    const { result } = await analyze('/bad-links-images');
    expect(result.findings.find((f) => f.checkId === 'link-text-generic')?.message).toContain('click here');
    expect(result.findings.find((f) => f.checkId === 'image-alt-missing')?.message).toContain('roof.jpg');
  });

  it('finds nothing above info on a clean page, apart from what plain HTTP on loopback causes', async () => {
    const { result } = await analyze('/clean');
    // The fixture is served over http://127.0.0.1, not https: only transport checks may fire.
    const transport = new Set(['http-not-https', 'hsts-missing', 'canonical-insecure', 'mixed-content', 'form-on-http', 'form-action-insecure']);
    expect(aboveInfo(result.findings).filter((f) => !transport.has(f.checkId))).toEqual([]);
  });

  it('renders a client-side page in auto mode: no false "missing H1"', async () => {
    const raw = await analyze('/js-app', 'never');
    expect(ids(raw.result.findings)).toContain('h1-missing');
    const auto = await analyze('/js-app', 'auto');
    expect(auto.rendered).toBe(true);
    expect(ids(auto.result.findings)).not.toContain('h1-missing');
    expect(ids(auto.result.findings)).toContain('h1-only-after-js');
  });
});
