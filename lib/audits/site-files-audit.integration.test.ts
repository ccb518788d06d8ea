// A professional audit reads the site files no link leads to (/favicon.ico, /llms.txt) and the
// sitemaps' <lastmod> dates, and its site checks report on them: an audit of the fixture site
// without a favicon gets the favicon finding, one with a favicon does not.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '@/test/fixture-site';

process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';
const { db } = await import('@/lib/db');
const { createAudit } = await import('@/lib/audits/audit-lifecycle');
const { auditSettingsSchema } = await import('@/lib/crawler/crawl-options');
const { runAudit } = await import('@/lib/audits/run-audit');
const { getAuditResult } = await import('@/lib/audits/audit-queries');
const { closeAnalysisPool } = await import('@/lib/audits/analysis-pool');

const sites: FixtureSite[] = [];

afterAll(async () => {
  await Promise.all(sites.map((site) => site.close()));
  await closeAnalysisPool();
  await db.$disconnect();
});

async function auditFixture(favicon: boolean) {
  const site = await startFixtureSite({ favicon, slowMs: 200 });
  sites.push(site);
  const user = await db.user.create({ data: { email: `site-files-${randomUUID()}@example.com` } });
  const options = auditSettingsSchema.parse({ maxPages: 10, maxDepth: 1 });
  const audit = await createAudit({ kind: 'PROFESSIONAL', url: `${site.url}/`, options, userId: user.id, limit: 10, priority: 0 });
  await runAudit(audit.id, { redis: null });
  const result = await getAuditResult(audit.id);
  return { site, findings: result.siteFindings };
}

describe('site files in an audit', () => {
  it('reports the missing /favicon.ico, the missing llms.txt and the sitemap without <lastmod>', async () => {
    const { site, findings } = await auditFixture(false);
    expect(site.accessLog.filter((path) => path === '/favicon.ico')).toHaveLength(1);
    expect(site.accessLog.filter((path) => path === '/llms.txt')).toHaveLength(1);
    const byCheck = (id: string) => findings.filter((f) => f.checkId === id).map((f) => f.url);
    expect(byCheck('favicon-missing')).toEqual([`${site.url}/favicon.ico`]);
    expect(byCheck('llms-txt-missing')).toEqual([`${site.url}/llms.txt`]);
    expect(byCheck('sitemap-lastmod-missing')).toEqual([`${site.url}/sitemap-pages.xml`]);
  });

  it('stays silent on the favicon when /favicon.ico is served', async () => {
    const { site, findings } = await auditFixture(true);
    expect(site.accessLog).toContain('/favicon.ico');
    expect(findings.filter((f) => f.checkId === 'favicon-missing')).toEqual([]);
  });
});
