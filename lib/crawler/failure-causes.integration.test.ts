// Failure paths tell the user one true story: an audit of a site that does not answer fails fast
// with the real cause (and nothing about robots.txt or sitemaps it never saw), a robots-disallowed
// URL is only "blocked", and redirect findings belong to the URL that redirects. Audits run
// in-process with runAudit against servers this test starts.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Only loopback 127.0.0.1 is allowed: 10.0.0.1 must meet the private-address guard.
process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';

const { db } = await import('@/lib/db');
const { createAudit } = await import('@/lib/audits/audit-lifecycle');
const { auditSettingsSchema } = await import('@/lib/crawler/crawl-options');
const { getAuditResult } = await import('@/lib/audits/audit-queries');
const { runAudit } = await import('@/lib/audits/run-audit');
const { analyzeUrl } = await import('@/lib/audits/analyze-url');
const { closeAnalysisPool } = await import('@/lib/audits/analysis-pool');

/** The bound promised for an audit of a site that does not answer (see DEFAULT_SITE_ANSWER_TIMEOUT_MS). */
const DOWN_SITE_BUDGET_MS = 10_000;

async function audit(url: string, options: Record<string, unknown> = {}) {
  const row = await createAudit({ kind: 'PROFESSIONAL', url, options: auditSettingsSchema.parse({ maxPages: 30, renderMode: 'never', ...options }) });
  const started = performance.now();
  await runAudit(row.id, { redis: null });
  const elapsedMs = performance.now() - started;
  return { ...(await getAuditResult(row.id)), elapsedMs };
}

type Result = Awaited<ReturnType<typeof audit>>;

function allFindings(result: Result) {
  return [...result.siteFindings, ...result.pages.flatMap((p) => p.findings)];
}

function listen(server: http.Server | net.Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

let silent: net.Server;
const held = new Set<net.Socket>();
let silentHost = '';
let site: http.Server;
let base = '';
const requested: string[] = [];

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta name="description" content="${title} of the failure-causes fixture."></head><body><h1>${title}</h1>${body}</body></html>`;

beforeAll(async () => {
  // Accepts connections and never says a word.
  silent = net.createServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
  });
  silentHost = await listen(silent);

  site = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requested.push(path);
    const html = (body: string, status = 200) => res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (path === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
    if (path === '/') return html(page('Home', '<a href="/private/report">Report</a> <a href="/old">Old</a> <a href="/about">About</a>'));
    if (path === '/about') return html(page('About', '<a href="/">Home</a>'));
    if (path === '/old') return void res.writeHead(302, { location: '/new' }).end();
    if (path === '/new') return html(page('New', '<a href="/">Home</a>'));
    html(page('Not found', ''), 404);
  });
  base = `http://${await listen(site)}`;
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  site?.closeAllConnections();
  await new Promise((resolve) => site?.close(resolve));
  await closeAnalysisPool();
  await db.$disconnect();
});

describe('an audit of a site that does not answer', () => {
  const cases = [
    { name: 'refused port', url: 'http://127.0.0.1:1/', error: /^The site did not answer: connection refused \(127\.0\.0\.1:1\)\. Check that the web server is running/ },
    { name: 'unresolvable host', url: 'http://nonexistent.invalid/', error: /^The site did not answer: host not found \(nonexistent\.invalid\)\. The domain name does not resolve/ },
    { name: 'address not allowed', url: 'http://10.0.0.1/', error: /^The site was not contacted: address not allowed \(10\.0\.0\.1\)\. .*ALLOWED_PRIVATE_HOSTS setting/ },
    { name: 'TLS error', url: () => `https://${base.slice('http://'.length)}/`, error: /^The site did not answer: TLS error \(127\.0\.0\.1:\d+\)\. No secure \(HTTPS\) connection could be set up/ },
    { name: 'server that never answers', url: () => `http://${silentHost}/`, error: /^The site did not answer: timed out waiting for an answer \(127\.0\.0\.1:\d+\)\./ },
  ];

  for (const c of cases) {
    it(`${c.name}: fails within ${DOWN_SITE_BUDGET_MS / 1000} s with that cause, once, and no findings`, async () => {
      const result = await audit(typeof c.url === 'function' ? c.url() : c.url);
      expect(result.status).toBe('FAILED');
      expect(result.error).toMatch(c.error);
      expect(result.error).toMatch(/\nTechnical detail: .+/);
      // The cause is the host, not robots.txt (which is only named as the request that failed).
      expect(result.error!.split('\n')[0]).not.toMatch(/blocked|robots|sitemap/i);
      // Nothing about robots.txt or sitemaps it never saw, and no page rows repeating the cause.
      expect(allFindings(result)).toEqual([]);
      expect(result.pages).toEqual([]);
      expect(result.elapsedMs).toBeLessThan(DOWN_SITE_BUDGET_MS);
    });
  }
});

describe('an audit of a site that answers', () => {
  let result: Result;
  const url = (path: string) => `${base}${path}`;

  beforeAll(async () => {
    result = await audit(url('/'));
  });

  it('reports a robots-disallowed URL only as blocked by robots.txt, never as broken', () => {
    expect(requested.filter((p) => p.startsWith('/private/'))).toEqual([]);
    const blocked = result.pages.find((p) => p.url === url('/private/report'));
    expect(blocked?.error).toMatch(/^Blocked by robots\.txt: the site asks crawlers not to fetch this URL/);
    const about = allFindings(result).filter((f) => f.url === url('/private/report'));
    expect(about.map((f) => f.checkId)).toEqual(['internal-link-to-robots-blocked']);
    expect(allFindings(result).filter((f) => f.checkId === 'broken-internal-link')).toEqual([]);
    // Blocked is not failed: the audit completed.
    expect(result.status).toBe('COMPLETED');
  });

  it('files the temporary-redirect finding under the URL that redirects, not its target', () => {
    const findings = allFindings(result);
    expect(findings.filter((f) => f.checkId === 'redirect-temporary').map((f) => f.url)).toEqual([url('/old')]);
    expect(findings.filter((f) => f.url === url('/new') && f.checkId.startsWith('redirect'))).toEqual([]);
    // The link to the redirect is the site checks' business, once.
    expect(findings.filter((f) => f.url === url('/old')).map((f) => f.checkId).sort()).toEqual(['internal-link-to-redirect', 'redirect-temporary']);
  });

  it('keeps the robots.txt finding when robots.txt answers 5xx while the site answers', async () => {
    // A second site whose robots.txt answers 503: the site answers, so the robots story is the true one.
    const broken = http.createServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
      res.writeHead(200, { 'content-type': 'text/html' }).end(page('Home', ''));
    });
    const host = await listen(broken);
    try {
      const r = await audit(`http://${host}/`);
      expect(r.status).toBe('FAILED');
      expect(r.error).toBe('No page could be crawled: robots.txt returns 503, and crawlers must then treat the whole site as disallowed.');
      expect(r.siteFindings.map((f) => [f.checkId, f.message])).toEqual([['robots-txt-unreachable', 'robots.txt returns 503']]);
      expect(r.pages.map((p) => p.error)).toEqual([
        'Blocked by robots.txt: robots.txt returns 503, and crawlers must then treat the whole site as disallowed, so this URL was not requested.',
      ]);
    } finally {
      broken.closeAllConnections();
      await new Promise((resolve) => broken.close(resolve));
    }
  });
});

describe('analyze of a URL that redirects', () => {
  it('attaches the redirect findings to the URL asked about', async () => {
    const analyzed = await analyzeUrl(`${base}/old`, { render: 'never' });
    const redirectFindings = analyzed.result.findings.filter((f) => ['redirect-temporary', 'redirected-url'].includes(f.checkId));
    expect(redirectFindings.map((f) => [f.checkId, f.url]).sort()).toEqual([
      ['redirect-temporary', `${base}/old`],
      ['redirected-url', `${base}/old`],
    ]);
    // Findings about the document itself stay on the page it landed on.
    expect(analyzed.result.findings.filter((f) => !f.checkId.startsWith('redirect')).every((f) => f.url === `${base}/new`)).toBe(true);
  });
});
