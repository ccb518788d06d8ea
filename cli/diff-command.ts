import { parseArgs } from 'node:util';
import type { AuditDiff } from '@/lib/audits/audit-diff';
import { SEVERITIES, type Severity } from '@/lib/checks/types';

// `diff <auditA> <auditB> [--json] [--fail-on severity]`: what changed between two audits of one
// site (the earlier one is the baseline whichever comes first). Also used by `audit --baseline`.

export const DIFF_USAGE = 'rival-outranker diff <auditA> <auditB> [--json] [--fail-on severity]';

const stderr = (line: string) => process.stderr.write(`${line}\n`);

function usageError(message: string): number {
  stderr(`error: ${message}\n\nUsage:\n  ${DIFF_USAGE}`);
  return 64;
}

const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));

/** The diff for people: counts, score change, then the new and fixed findings. */
export function formatDiff(diff: AuditDiff): string {
  const lines = [
    `Diff ${diff.base.id} → ${diff.head.id}`,
    `Score: ${diff.base.score ?? '—'} → ${diff.head.score ?? '—'} (${signed(diff.scoreDelta.overall)})`,
    ...Object.entries(diff.scoreDelta.byCategory)
      .filter(([, d]) => d !== 0)
      .map(([c, d]) => `  ${c.padEnd(18)} ${signed(d)}`),
    `New findings: ${diff.counts.new} · fixed: ${diff.counts.fixed} · persisting: ${diff.counts.persisting}`,
    `Pages added: ${diff.counts.pagesAdded} · removed: ${diff.counts.pagesRemoved} · status changes: ${diff.counts.statusChanges}`,
    ...diff.new.map((f) => `  NEW   ${f.severity.toUpperCase().padEnd(8)} ${f.checkId.padEnd(34)} ${f.url}`),
    ...diff.fixed.map((f) => `  FIXED ${f.severity.toUpperCase().padEnd(8)} ${f.checkId.padEnd(34)} ${f.url}`),
    ...diff.statusChanges.map((c) => `  STATUS ${c.before} → ${c.after} ${c.url}`),
  ];
  return lines.join('\n');
}

/** The diff between two audit ids, read straight from the database (the CLI is trusted like an administrator). */
export async function loadDiff(idA: string, idB: string): Promise<AuditDiff> {
  const { db } = await import('@/lib/db');
  const { assertSameSite, diffAudits, orderPair } = await import('@/lib/audits/audit-diff');
  const [a, b] = await Promise.all([db.audit.findUnique({ where: { id: idA } }), db.audit.findUnique({ where: { id: idB } })]);
  if (!a) throw new Error(`No audit ${idA}.`);
  if (!b) throw new Error(`No audit ${idB}.`);
  assertSameSite(a, b, { sameOwner: false });
  const { base, head } = orderPair(a, b);
  return diffAudits(base, head);
}

export async function commandDiff(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false }, 'fail-on': { type: 'string' } } });
  } catch (err) {
    return usageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const [idA, idB, ...extra] = positionals;
  if (!idA || !idB) return usageError('diff needs two audit ids.');
  if (extra.length > 0) return usageError(`Unexpected argument "${extra[0]}".`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(SEVERITIES as readonly string[]).includes(failOn)) return usageError(`--fail-on must be one of ${SEVERITIES.join(', ')} (got "${failOn}").`);
  const { db } = await import('@/lib/db');
  try {
    const diff = await loadDiff(idA, idB);
    console.log(values.json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
    const { hasRegression } = await import('@/lib/audits/audit-diff');
    return failOn && hasRegression(diff, failOn as Severity) ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}
