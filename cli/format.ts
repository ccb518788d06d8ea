import type { Finding, Severity } from '@/lib/checks/types';
import { SEVERITIES } from '@/lib/checks/types';

const COLORS: Record<Severity, string> = { critical: '\x1b[41;97m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[90m' };
const RESET = '\x1b[0m';

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** True when any finding is at or above the threshold (critical is the highest). */
export function breachesThreshold(findings: Pick<Finding, 'severity'>[], failOn: Severity | undefined): boolean {
  if (!failOn) return false;
  return findings.some((f) => severityRank(f.severity) <= severityRank(failOn));
}

export function formatFindings(findings: Finding[], color: boolean): string {
  const sorted = [...findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.category.localeCompare(b.category));
  return sorted
    .map((f) => {
      const tag = color ? `${COLORS[f.severity]}${f.severity.toUpperCase().padEnd(8)}${RESET}` : f.severity.toUpperCase().padEnd(8);
      return `${tag} ${f.checkId.padEnd(34)} ${f.message}`;
    })
    .join('\n');
}

export function formatScores(score: number | null, categoryScores: Record<string, number>): string {
  const cats = Object.entries(categoryScores)
    .sort((a, b) => a[1] - b[1])
    .map(([c, s]) => `  ${c.padEnd(18)} ${String(s).padStart(3)}`)
    .join('\n');
  return `Score: ${score ?? '—'}/100\n${cats}`;
}
