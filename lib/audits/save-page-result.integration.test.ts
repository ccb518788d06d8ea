// Page results against the real PostgreSQL: what a stranger's page can put in a title, a message or
// the facts never fails the batch, and re-saving replaces rather than duplicates.
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '@/lib/checks/types';

const { db } = await import('@/lib/db');
const { savePageResults, saveSiteFindings } = await import('@/lib/audits/save-page-result');

const auditIds: string[] = [];
afterAll(async () => {
  await db.audit.deleteMany({ where: { id: { in: auditIds } } });
  await db.$disconnect();
});

const finding = (message: string, details?: Record<string, unknown>): Finding => ({
  checkId: 'title-too-long',
  category: 'on-page',
  severity: 'low',
  title: 'Title too long',
  message,
  url: 'https://example.com/odd',
  ...(details ? { details } : {}),
});

describe('savePageResults', () => {
  it('stores a NUL and half a surrogate pair as U+FFFD, and a re-save replaces the row and its findings', async () => {
    const audit = await db.audit.create({ data: { kind: 'PROFESSIONAL', url: 'https://example.com/' } });
    auditIds.push(audit.id);
    const odd = 'Odd\u0000 title x\ud83d';
    const page = { url: 'https://example.com/odd', status: 200, title: odd, facts: { graph: { url: 'https://example.com/odd', depth: 0 }, discovered: [], note: odd } };
    await savePageResults(audit.id, [{ page: page as never, findings: [finding(`"${odd}" is long`, { title: odd }), finding('second')] }]);
    await savePageResults(audit.id, [{ page: page as never, findings: [finding(`"${odd}" is long`, { title: odd })] }]);
    await saveSiteFindings(audit.id, [finding('site \ude00 wide')]);

    const [row] = await db.page.findMany({ where: { auditId: audit.id } });
    expect(row?.title).toBe('Odd\ufffd title x\ufffd');
    expect((row?.facts as { note: string }).note).toBe('Odd\ufffd title x\ufffd');
    const findings = await db.finding.findMany({ where: { auditId: audit.id }, orderBy: { scope: 'asc' } });
    expect(findings.map((f) => [f.scope, f.message, f.details])).toEqual([
      ['PAGE', '"Odd\ufffd title x\ufffd" is long', { title: 'Odd\ufffd title x\ufffd' }],
      ['SITE', 'site \ufffd wide', null],
    ]);
    expect(findings[0]?.pageId).toBe(row?.id);
  });
});
