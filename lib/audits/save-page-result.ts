import { db } from '@/lib/db';
import type { Finding } from '@/lib/checks/types';
import type { Severity as DbSeverity } from '@/lib/generated/prisma/enums';
import type { Prisma } from '@/lib/generated/prisma/client';

export type PageRecord = {
  url: string;
  finalUrl?: string | null;
  status: number;
  depth?: number | null;
  title?: string | null;
  wordCount?: number;
  loadMs?: number | null;
  error?: string | null;
  score?: number | null;
  /** Compact facts the site-scope checks and crawl resume need. */
  facts?: Prisma.InputJsonValue;
};

export const toDbSeverity = (s: Finding['severity']) => s.toUpperCase() as DbSeverity;

function findingRows(auditId: string, pageId: string | null, findings: Finding[]): Prisma.FindingCreateManyInput[] {
  return findings.map((f) => ({
    auditId,
    pageId,
    scope: pageId ? 'PAGE' : 'SITE',
    checkId: f.checkId,
    category: f.category,
    severity: toDbSeverity(f.severity),
    title: f.title,
    message: f.message,
    url: f.url,
    details: (f.details ?? undefined) as Prisma.InputJsonValue | undefined,
  }));
}

/**
 * Idempotent: one row per (audit, url). Re-running a page replaces its row and findings in one
 * transaction, so a retried or resumed job never duplicates anything.
 */
export async function savePageResult(auditId: string, page: PageRecord, findings: Finding[]) {
  const data = {
    finalUrl: page.finalUrl ?? null,
    status: page.status,
    depth: page.depth ?? null,
    title: page.title ?? null,
    wordCount: page.wordCount ?? 0,
    loadMs: page.loadMs ?? null,
    error: page.error ?? null,
    score: page.score ?? null,
    facts: page.facts,
    crawledAt: new Date(),
  };
  return db.$transaction(async (tx) => {
    const row = await tx.page.upsert({
      where: { auditId_url: { auditId, url: page.url } },
      create: { auditId, url: page.url, ...data },
      update: data,
      select: { id: true },
    });
    await tx.finding.deleteMany({ where: { pageId: row.id } });
    if (findings.length) await tx.finding.createMany({ data: findingRows(auditId, row.id, findings) });
    return row.id;
  });
}

/** Replaces all site-scope findings of an audit (site checks run once, at the end, on the whole graph). */
export async function saveSiteFindings(auditId: string, findings: Finding[]) {
  await db.$transaction([
    db.finding.deleteMany({ where: { auditId, scope: 'SITE' } }),
    db.finding.createMany({ data: findingRows(auditId, null, findings) }),
  ]);
}
