// Crawl settings a person chooses, against servers this test starts: a site behind basic auth
// and a cookie is crawled with the stored secrets, which are encrypted at rest and never sent to
// another host; the chosen user agent still names us.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1,localhost';
process.env.CRAWL_SECRETS_KEY ??= 'integration-test-key-integration';

const { db } = await import('@/lib/db');
const { startAuditInput } = await import('@/lib/audits/audit-input');
const { createAudit } = await import('@/lib/audits/audit-lifecycle');
const { encryptSecrets } = await import('@/lib/audits/crawl-secrets');
const { getAuditResult } = await import('@/lib/audits/audit-queries');
const { runAudit } = await import('@/lib/audits/run-audit');
const { closeAnalysisPool } = await import('@/lib/audits/analysis-pool');
const { createRenderPool } = await import('@/lib/fetch/render-pool');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { rerunAudit } = await import('@/lib/audits/rerun-audit');
const { cancelAudit } = await import('@/lib/audits/audit-lifecycle');
const { decryptSecrets } = await import('@/lib/audits/crawl-secrets');
const { closeQueues } = await import('@/lib/queue/queues');

type Seen = { host: string; path: string; authorization?: string; cookie?: string; token?: string; userAgent?: string };
const seen: Seen[] = [];
const AUTH = `Basic ${Buffer.from('ann:open sesame').toString('base64')}`;

const page = (title: string, links: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>Staging page.</p>${links}</body></html>`;

function record(req: http.IncomingMessage, host: string) {
  seen.push({ host, path: req.url ?? '', authorization: req.headers.authorization, cookie: req.headers.cookie, token: req.headers['x-staging-token'] as string | undefined, userAgent: req.headers['user-agent'] });
}

let staging: http.Server;
let other: http.Server;
let site = '';
let otherUrl = '';

function listen(server: http.Server, host: string): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  other = http.createServer((req, res) => {
    record(req, 'other');
    res.writeHead(200, { 'content-type': 'text/html' }).end(page('Elsewhere', ''));
  });
  otherUrl = await listen(other, 'localhost');
  staging = http.createServer((req, res) => {
    record(req, 'staging');
    if (req.url === '/robots.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    if (req.headers.authorization !== AUTH || !req.headers.cookie?.includes('session=s1')) return res.writeHead(401, { 'www-authenticate': 'Basic realm="staging"' }).end('Log in');
    // The script on another host is fetched by the browser when the page is rendered.
    if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page('Home', `<a href="/a">A</a><a href="/away">Away</a><a href="${otherUrl}/x">Other</a><script src="${otherUrl}/widget.js"></script>`));
    if (req.url === '/a') return res.writeHead(200, { 'content-type': 'text/html' }).end(page('A', '<a href="/">Home</a>'));
    if (req.url === '/away') return res.writeHead(302, { location: `${otherUrl}/landing` }).end();
    res.writeHead(404).end();
  });
  site = await listen(staging, '127.0.0.1');
});

afterAll(async () => {
  await Promise.all([new Promise((r) => staging.close(r)), new Promise((r) => other.close(r))]);
  await closeAnalysisPool();
  await closeQueues();
  await db.$disconnect();
});

describe('an audit of a site behind a login', () => {
  it('sends the stored headers, cookies and basic auth to that site only, encrypted at rest, under our name', async () => {
    const input = startAuditInput.parse({
      url: `${site}/`,
      maxPages: 10,
      renderMode: 'always',
      userAgentPreset: 'googlebot-smartphone',
      secrets: { headers: [{ name: 'X-Staging-Token', value: 'tok-123' }], cookies: 'session=s1', basicAuth: { username: 'ann', password: 'open sesame' } },
    });
    const { url, secrets, ...options } = input;
    const row = await createAudit({ kind: 'PROFESSIONAL', url, options, secrets: encryptSecrets(secrets!) });
    const stored = await db.audit.findUniqueOrThrow({ where: { id: row.id } });
    expect(JSON.stringify(stored)).not.toMatch(/tok-123|open sesame|session=s1/);

    const pool = createRenderPool({ size: 1, allowedPrivateHosts: ['127.0.0.1', 'localhost'], navigationTimeoutMs: 15_000 });
    try {
      await runAudit(row.id, { redis: null, render: (u, o) => pool.render(u, o) });
    } finally {
      await pool.close();
    }
    const result = await getAuditResult(row.id);
    expect(result.status).toBe('COMPLETED');
    expect(seen.some((s) => s.host === 'other' && s.path === '/widget.js')).toBe(true);
    expect(result.pages.find((p) => p.url === `${site}/a`)).toMatchObject({ status: 200 });

    const toStaging = seen.filter((s) => s.host === 'staging' && s.path !== '/robots.txt');
    expect(toStaging.length).toBeGreaterThanOrEqual(3);
    for (const s of toStaging) expect(s).toMatchObject({ authorization: AUTH, cookie: 'session=s1', token: 'tok-123' });
    for (const s of seen) expect(s.userAgent).toMatch(/Googlebot\/2\.1.*RivalOutrankerBot/);
    // What the browser fetched from another host carried no secret.
    const toOther = seen.filter((s) => s.host === 'other');
    expect(toOther.length).toBeGreaterThan(0);
    for (const s of toOther) expect(s).toMatchObject({ authorization: undefined, cookie: undefined, token: undefined });
  });

  it('keeps to the chosen folder and rate', async () => {
    const hits: { path: string; at: number }[] = [];
    const docs = http.createServer((req, res) => {
      hits.push({ path: req.url ?? '', at: performance.now() });
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      const links = `${Array.from({ length: 10 }, (_, i) => `<a href="/docs/${i}">Doc ${i}</a>`).join('')}<a href="/shop/">Shop</a><a href="/">Home</a>`;
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(req.url ?? '', links));
    });
    const docsUrl = await listen(docs, '127.0.0.1');
    try {
      const { url, ...options } = startAuditInput.parse({ url: `${docsUrl}/docs/`, maxPages: 20, renderMode: 'never', scope: 'folder', maxRequestsPerSecond: 10 });
      const row = await createAudit({ kind: 'PROFESSIONAL', url, options });
      await runAudit(row.id, { redis: null });
      const result = await getAuditResult(row.id);
      expect(result.pages.map((p) => new URL(p.url).pathname).sort()).toEqual(['/docs/', ...Array.from({ length: 10 }, (_, i) => `/docs/${i}`)].sort());
      const pages = hits.filter((h) => h.path.startsWith('/docs/'));
      // 10 requests per second: 11 requests take at least 10 gaps of 100 ms. Measured over all of
      // them, so one request that reaches the server late on a busy machine cannot fake a burst.
      expect(pages.at(-1)!.at - pages[0]!.at).toBeGreaterThanOrEqual(10 * 100 * 0.9);
    } finally {
      await new Promise((r) => docs.close(r));
    }
  });

  it('runs again with the same settings and secrets, for its owner only', async () => {
    const owner = await db.user.create({ data: { email: `rerun-${Date.now()}@example.com` } });
    const stranger = await db.user.create({ data: { email: `stranger-${Date.now()}@example.com` } });
    const input = startAuditInput.parse({ url: `${site}/docs/`, maxPages: 3, scope: 'folder', userAgentPreset: 'bingbot', secrets: { cookies: 'session=s1' } });
    const first = await startProfessionalAudit(input, { id: owner.id, role: 'USER' });
    await cancelAudit(first.id); // nobody needs to crawl it; a worker of another test would skip it
    const again = await rerunAudit(first.id, { id: owner.id, role: 'USER' });
    await cancelAudit(again.id);
    const [a, b] = await Promise.all([first.id, again.id].map((id) => db.audit.findUniqueOrThrow({ where: { id } })));
    expect(b!.id).not.toBe(a!.id);
    expect(b!.options).toEqual(a!.options);
    expect(decryptSecrets(b!.secrets!).cookies).toBe('session=s1');
    await expect(rerunAudit(first.id, { id: stranger.id, role: 'USER' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('fails with a reason a person can act on when the secrets cannot be decrypted', async () => {
    const { url, ...options } = startAuditInput.parse({ url: `${site}/`, maxPages: 2, renderMode: 'never' });
    const row = await createAudit({ kind: 'PROFESSIONAL', url, options, secrets: 'v1.AAAA.BBBB.CCCC' });
    await runAudit(row.id, { redis: null });
    const audit = await db.audit.findUniqueOrThrow({ where: { id: row.id } });
    expect(audit.status).toBe('FAILED');
    expect(audit.error).toMatch(/cannot be decrypted.*Start the audit again/);
  });
});
