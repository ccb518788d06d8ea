import { runChecks } from '@/lib/checks/run-checks';
import { siteChecks } from '@/lib/checks/site-checks';
import type { Finding, SiteCheck, SiteGraph } from '@/lib/checks/types';

/** Site-scope checks over a crawled graph (see runChecks for the error convention). */
export function runSiteChecks(graph: SiteGraph, checks: readonly SiteCheck[] = siteChecks): Finding[] {
  return runChecks(graph, checks, graph.startUrl);
}
