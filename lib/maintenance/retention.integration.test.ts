import { afterAll, describe, expect, it } from 'vitest';

// Retention of long audits (AUDIT_RETENTION_DAYS): finished ones past the cutoff go with their
// pages and reports; running ones and recent ones stay; 0 keeps everything.
const { db } = await import('@/lib/db');
const { removeOldAudits, runCleanup } = await import('@/lib/maintenance/run-cleanup');

const DAY = 86_400_000;
const ids: string[] = [];

afterAll(async () => {
  await db.audit.deleteMany({ where: { id: { in: ids } } });
  await db.$disconnect();
});

describe('audit retention', () => {
  it('deletes finished audits older than the retention with their pages and reports; keeps running and recent ones', async () => {
    const now = Date.now();
    const mk = async (status: 'COMPLETED' | 'RUNNING' | 'FAILED', ageDays: number, kind: 'PROFESSIONAL' | 'BULK' = 'PROFESSIONAL') => {
      const a = await db.audit.create({ data: { kind, url: 'https://example.com/', status, createdAt: new Date(now - ageDays * DAY) } });
      ids.push(a.id);
      return a.id;
    };
    const oldDone = await mk('COMPLETED', 400);
    const oldFailedBulk = await mk('FAILED', 400, 'BULK');
    const oldRunning = await mk('RUNNING', 400);
    const recent = await mk('COMPLETED', 10);
    await db.page.create({ data: { auditId: oldDone, url: 'https://example.com/', status: 200 } });
    await db.report.create({ data: { auditId: oldDone, format: 'CSV', status: 'READY', expiresAt: new Date(now + DAY) } });

    expect(await removeOldAudits(0)).toBe(0);
    expect(await db.audit.count({ where: { id: { in: ids } } })).toBe(4);

    const result = await runCleanup({ olderThanDays: 30, auditRetentionDays: 365 });
    expect(result.removedLongAudits).toBeGreaterThanOrEqual(2);
    const left = (await db.audit.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((a) => a.id).sort();
    expect(left).toEqual([oldRunning, recent].sort());
    expect(await db.page.count({ where: { auditId: oldDone } })).toBe(0);
    expect(await db.report.count({ where: { auditId: oldDone } })).toBe(0);
    expect(left).not.toContain(oldFailedBulk);
  });
});
