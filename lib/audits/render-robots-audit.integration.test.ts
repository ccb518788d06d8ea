// An audit that renders its pages obeys robots.txt for every subresource too: the stylesheet
// robots.txt disallows is never requested (the server's own log says so), robots.txt is read once
// for crawl and renderer alike, and the audit reports the blocked stylesheet.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';
const { db } = await import('@/lib/db');
const { createAudit } = await import('@/lib/audits/audit-lifecycle');
const { auditSettingsSchema } = await import('@/lib/crawler/crawl-options');
const { runAudit } = await import('@/lib/audits/run-audit');
const { getAuditResult } = await import('@/lib/audits/audit-queries');
const { createRenderPool } = await import('@/lib/fetch/render-pool');

const requests: string[] = [];
let server: http.Server;
let base: string;
const pool = createRenderPool({ allowedPrivateHosts: ['127.0.0.1'], size: 1 });

const html = (title: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/private/style.css"></head><body><h1>${title}</h1><p>Text.</p><a href="/about">About</a></body></html>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
    if (req.url === '/' || req.url === '/about') return void res.writeHead(200, { 'content-type': 'text/html' }).end(html(req.url === '/' ? 'Home' : 'About'));
    if (req.url === '/private/style.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end('body{}');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await pool.close();
  await new Promise((resolve) => server.close(resolve));
  await db.$disconnect();
});

describe('a rendered audit', () => {
  it('never fetches what robots.txt disallows and reports the blocked stylesheet', async () => {
    const user = await db.user.create({ data: { email: `render-robots-${randomUUID()}@example.com` } });
    const options = auditSettingsSchema.parse({ maxPages: 5, maxDepth: 2, renderMode: 'always' });
    const audit = await createAudit({ kind: 'PROFESSIONAL', url: `${base}/`, options, userId: user.id, limit: 5, priority: 0 });
    await runAudit(audit.id, { redis: null, render: (url, opts) => pool.render(url, opts) });

    const result = await getAuditResult(audit.id);
    expect(result.pages.map((p) => p.url).sort()).toEqual([`${base}/`, `${base}/about`]);
    expect(requests).not.toContain('/private/style.css');
    // One robots.txt request: the renderer used the crawl's rules.
    expect(requests.filter((r) => r === '/robots.txt')).toHaveLength(1);
    const blocked = result.pages.flatMap((p) => p.findings).filter((f) => f.checkId === 'resources-blocked-by-robots');
    expect(blocked.map((f) => f.url).sort()).toEqual([`${base}/`, `${base}/about`]);
    expect(blocked[0]!.message).toContain('/private/style.css');
  });
});
