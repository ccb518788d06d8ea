// Runs page-scope checks over one page's facts.
import type { PageFacts } from '@/lib/analysis/page-facts';
import { pageChecks } from '@/lib/checks/page-checks';
import type { Finding, PageCheck } from '@/lib/checks/types';

/**
 * Pure: runs every check and turns its issues into findings. A check that throws doesn't stop the
 * others — its error comes back as an info finding with checkId 'check-error' (details.failedCheckId
 * names the check), the same convention runSiteChecks uses, so callers handle one shape.
 */
export function runPageChecks(page: PageFacts, checks: readonly PageCheck[] = pageChecks): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    try {
      for (const issue of check.run(page)) {
        findings.push({
          checkId: check.id,
          category: check.category,
          severity: check.severity,
          title: check.title,
          message: issue.message,
          url: issue.url ?? page.finalUrl,
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
        url: page.finalUrl,
        details: { failedCheckId: check.id },
      });
    }
  }
  return findings;
}
