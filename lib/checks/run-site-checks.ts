import { siteChecks } from '@/lib/checks/site-checks';
import type { Finding, SiteCheck, SiteGraph } from '@/lib/checks/types';

/**
 * Runs site-scope checks over a crawled graph. Pure: a check that throws does not stop the others;
 * its error comes back as an info finding with checkId 'check-error' and nothing is logged.
 */
export function runSiteChecks(graph: SiteGraph, checks: readonly SiteCheck[] = siteChecks): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    try {
      for (const issue of check.run(graph)) {
        findings.push({
          checkId: check.id,
          category: check.category,
          severity: check.severity,
          title: check.title,
          message: issue.message,
          url: issue.url ?? graph.startUrl,
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
        url: graph.startUrl,
        details: { failedCheckId: check.id },
      });
    }
  }
  return findings;
}
