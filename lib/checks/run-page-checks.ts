import type { PageFacts } from '@/lib/crawler/page-facts';
import { pageChecks } from '@/lib/checks/page-checks';
import { runChecks } from '@/lib/checks/run-checks';
import type { Finding, PageCheck } from '@/lib/checks/types';

/** Page-scope checks over one page's facts (see runChecks for the error convention). */
export function runPageChecks(page: PageFacts, checks: readonly PageCheck[] = pageChecks): Finding[] {
  return runChecks(page, checks, page.finalUrl);
}
