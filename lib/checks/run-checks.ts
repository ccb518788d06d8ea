import type { Check, Finding } from '@/lib/checks/types';

type Runnable<T> = Pick<Check, 'id' | 'category' | 'severity' | 'title'> & { run: (input: T) => { message: string; url?: string; details?: Record<string, unknown> }[] };

/**
 * Pure: runs every check over one input (a page's facts or the site graph) and turns issues into
 * findings. A check that throws doesn't stop the others: its error comes back as an info finding
 * with checkId 'check-error' (details.failedCheckId names the check), so callers handle one shape.
 */
export function runChecks<T>(input: T, checks: readonly Runnable<T>[], defaultUrl: string): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    try {
      for (const issue of check.run(input)) {
        findings.push({
          checkId: check.id,
          category: check.category,
          severity: check.severity,
          title: check.title,
          message: issue.message,
          url: issue.url ?? defaultUrl,
          ...(issue.details ? { details: issue.details } : {}),
        });
      }
    } catch (error) {
      findings.push({
        checkId: 'check-error',
        category: check.category,
        severity: 'info',
        title: `Check "${check.id}" failed`,
        message: `Check "${check.id}" could not run: ${error instanceof Error ? error.message : String(error)}`,
        url: defaultUrl,
        details: { failedCheckId: check.id },
      });
    }
  }
  return findings;
}
