import { db } from '@/lib/db';
import { createShare } from '@/lib/shares/shares';
import type { RouteFile } from '@/test/security/routes';

// Records of one user (the victim) for the security suite: every kind a route or action can name by id.

export type VictimRecords = {
  site: string;
  audit: string;
  otherAudit: string;
  page: string;
  report: string;
  comparison: string;
  schedule: string;
  webhook: string;
  share: string;
  shareToken: string;
  notification: string;
  deadLetter: string;
};

/** Creates them for `userId`; every URL, title and message carries `tag` so a leak is easy to spot. */
export async function createVictimRecords(userId: string, tag: string): Promise<VictimRecords> {
  const victim = { id: userId };
  const victimUrl = `https://${tag}.example/`;
  const site = await db.site.create({ data: { userId: victim.id, origin: `https://${tag}.example` } });
  const comparison = await db.comparison.create({ data: { userId: victim.id, url: victimUrl, rivals: [`https://rival-${tag}.example/`], status: 'COMPLETED' } });
  const auditData = { kind: 'PROFESSIONAL' as const, status: 'COMPLETED' as const, url: victimUrl, userId: victim.id, siteId: site.id, score: 77, finishedAt: new Date() };
  const audit = await db.audit.create({ data: { ...auditData, comparisonId: comparison.id, comparisonPosition: 0 } });
  const otherAudit = await db.audit.create({ data: auditData });
  const page = await db.page.create({ data: { auditId: audit.id, url: `${victimUrl}secret-page`, status: 200, title: `Secret ${tag}` } });
  await db.finding.create({
    data: { auditId: audit.id, pageId: page.id, scope: 'PAGE', checkId: 'title-missing', category: 'on-page', severity: 'HIGH', title: 'Missing title', message: tag, url: page.url },
  });
  const report = await db.report.create({ data: { auditId: audit.id, format: 'CSV', kind: 'FINDINGS', userId: victim.id, expiresAt: new Date(Date.now() + 86_400_000) } });
  const schedule = await db.schedule.create({ data: { userId: victim.id, siteId: site.id, url: victimUrl, frequency: 'WEEKLY' } });
  const webhook = await db.webhook.create({ data: { userId: victim.id, url: `https://hooks.${tag}.example/`, secret: `secret-${tag}` } });
  const share = await createShare({ auditId: audit.id }, { expiresInDays: 7 }, { id: victim.id, role: 'USER' });
  const notification = await db.notification.create({ data: { userId: victim.id, kind: 'AUDIT_FINISHED', auditId: audit.id, title: `Audit of ${tag}`, message: tag } });
  const deadLetter = await db.deadLetter.create({
    data: { queue: 'ro-hsec:analysis', jobId: `job-${tag}`, enqueuedAt: new Date(), name: 'analysis', payload: { url: victimUrl }, error: tag, attempts: 3, failedAt: new Date() },
  });
  return {
    site: site.id,
    audit: audit.id,
    otherAudit: otherAudit.id,
    page: page.id,
    report: report.id,
    comparison: comparison.id,
    schedule: schedule.id,
    webhook: webhook.id,
    share: share.id,
    shareToken: share.token,
    notification: notification.id,
    deadLetter: deadLetter.id,
  };

}

/** Deletes what createVictimRecords made that a user deletion does not cascade to. */
export async function deleteVictimRecords(tag: string, userIds: string[]) {
  await db.deadLetter.deleteMany({ where: { jobId: `job-${tag}` } });
  await db.audit.deleteMany({ where: { userId: { in: userIds } } });
  await db.comparison.deleteMany({ where: { userId: { in: userIds } } });
}

/** Values for each dynamic segment, by segment name and the segment before it: always the victim's records. */
export function paramsFor(route: RouteFile, rec: VictimRecords): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const { name, catchAll, before } of route.params) {
    const key = `${before}/${name}`;
    const value: Record<string, string | string[]> = {
      'audits/id': rec.audit,
      'diff/otherId': rec.otherAudit,
      'issues/checkId': 'title-missing',
      'pages/pageId': rec.page,
      'comparisons/id': rec.comparison,
      'reports/id': rec.report,
      'reports/reportId': rec.report,
      'schedules/id': rec.schedule,
      'webhooks/id': rec.webhook,
      'shares/token': rec.share,
      'share/token': `rs_${'x'.repeat(43)}`,
      'flags/key': 'bulk-analysis',
      'bull-board/path': ['api', 'queues'],
    };
    if (!(key in value)) throw new Error(`No fixture for the dynamic segment [${name}] of ${route.file}: add the victim's record for "${key}" to paramsFor.`);
    out[name] = catchAll && !Array.isArray(value[key]) ? [value[key] as string] : value[key]!;
  }
  return out;
}

