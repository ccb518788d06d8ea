// External links and images in a real audit: the fixture site links to a second local server
// reached as "localhost" (another host, so another site) and shows a large and a missing image.
// After the crawl the audit probes them — robots.txt of the other host obeyed, HEAD first, GET when
// HEAD is refused — and reports the broken and redirecting external links, the broken and the large image.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '@/test/fixture-site';

process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1,localhost';
const { db } = await import('@/lib/db');
const { createAudit } = await import('@/lib/audits/audit-lifecycle');
const { auditSettingsSchema } = await import('@/lib/crawler/crawl-options');
const { runAudit } = await import('@/lib/audits/run-audit');
const { getAuditResult } = await import('@/lib/audits/audit-queries');
const { closeAnalysisPool } = await import('@/lib/audits/analysis-pool');

const otherRequests: string[] = [];
let other: http.Server;
let otherBase: string;
let site: FixtureSite;

beforeAll(async () => {
  other = http.createServer((req, res) => {
    otherRequests.push(`${req.method} ${req.url}`);
    switch (req.url) {
      case '/robots.txt':
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
      case '/ok':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<title>ok</title>');
      case '/moved':
        return void res.writeHead(301, { location: '/ok' }).end();
      case '/logo.png':
        // Refuses HEAD, as some servers do: the probe must fall back to GET.
        if (req.method === 'HEAD') return void res.writeHead(405).end();
        return void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(2_000));
      default:
        return void res.writeHead(404, { 'content-type': 'text/html' }).end('gone');
    }
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherBase = `http://localhost:${(other.address() as AddressInfo).port}`;
  site = await startFixtureSite({ external: otherBase, slowMs: 200 });
});

afterAll(async () => {
  await site.close();
  await new Promise((resolve) => other.close(resolve));
  await closeAnalysisPool();
  await db.$disconnect();
});

describe('external links and images in an audit', () => {
  it('probes them politely and reports broken and redirecting links, broken and large images', async () => {
    const user = await db.user.create({ data: { email: `resource-probe-${randomUUID()}@example.com` } });
    const options = auditSettingsSchema.parse({ maxPages: 40, maxDepth: 1 });
    const audit = await createAudit({ kind: 'PROFESSIONAL', url: `${site.url}/`, options, userId: user.id, limit: 40, priority: 0 });
    await runAudit(audit.id, { redis: null, probe: { perHostDelayMs: 10 } });

    const { siteFindings } = await getAuditResult(audit.id);
    const urlsOf = (id: string) => siteFindings.filter((f) => f.checkId === id).map((f) => f.url).sort();
    expect(urlsOf('broken-external-link')).toEqual([`${otherBase}/gone`, 'https://example.invalid/external']);
    expect(urlsOf('external-link-redirect')).toEqual([`${otherBase}/moved`]);
    expect(siteFindings.find((f) => f.checkId === 'external-link-redirect')!.message).toContain(`redirects (301) to ${otherBase}/ok`);
    expect(urlsOf('broken-image')).toEqual([`${site.url}/images/missing.png`]);
    expect(urlsOf('image-too-large')).toEqual([`${site.url}/images/big.jpg`]);
    expect(siteFindings.find((f) => f.checkId === 'image-too-large')!.message).toContain('600 KB');

    // robots.txt of the other host was read and obeyed; HEAD first, GET only where HEAD was refused.
    expect(otherRequests).toContain('GET /robots.txt');
    expect(otherRequests.some((r) => r.includes('/private/'))).toBe(false);
    // /ok is asked for itself and as /moved's redirect target: HEAD both times.
    expect(otherRequests.filter((r) => r.endsWith(' /ok'))).toEqual(['HEAD /ok', 'HEAD /ok']);
    expect(otherRequests.filter((r) => r.endsWith('/logo.png'))).toEqual(['HEAD /logo.png', 'GET /logo.png']);
    expect(site.accessLog.filter((path) => path === '/images/big.jpg')).toHaveLength(1);
  });
});
