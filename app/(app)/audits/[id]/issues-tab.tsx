import { IssueCard } from '@/components/explorer/issue-card';
import { EmptyState } from '@/components/explorer/empty-state';
import { countOf } from '@/lib/checks/labels';
import { listIssues } from '@/lib/audits/explorer-queries';
import type { IssueRow } from '@/lib/audits/explorer-types';
import { categoryLabel, severityLabel } from '@/lib/checks/labels';
import { SEVERITIES } from '@/lib/checks/types';
import { isTerminal } from '@/lib/progress/events';
import type { AuditRecord } from './audit-access';
import { firstParam, issueHref, readPageNumber, type SearchParams } from './explorer-links';
import { IssueUrls } from './issue-urls';

// Why and how to fix are open on the first few issues (the most severe), one click away on the rest.
const OPEN_FIRST = 3;

type Group = { severity: IssueRow['severity']; categories: { category: IssueRow['category']; issues: IssueRow[] }[] };

/**
 * Severity first (what hurts most), then category. listIssues answers costliest first, and that
 * order is kept inside each group, so a category comes where its costliest issue would.
 */
function groupIssues(issues: IssueRow[]): Group[] {
  return SEVERITIES.map((severity) => {
    const categories = new Map<IssueRow['category'], IssueRow[]>();
    for (const issue of issues) {
      if (issue.severity === severity) categories.set(issue.category, [...(categories.get(issue.category) ?? []), issue]);
    }
    return { severity, categories: [...categories].map(([category, list]) => ({ category, issues: list })) };
  }).filter((g) => g.categories.length > 0);
}

/** Every check that fired, grouped by severity and category; `check` opens one issue's affected URLs. */
export async function IssuesTab({ audit, query }: { audit: AuditRecord; query: SearchParams }) {
  const issues = await listIssues(audit.id);
  const checkId = firstParam(query, 'check');
  if (checkId) {
    return <IssueUrls audit={audit} issue={issues.find((i) => i.checkId === checkId) ?? null} page={readPageNumber(firstParam(query, 'p'))} />;
  }
  if (issues.length === 0) {
    return (
      <div data-testid="issues">
        <EmptyState title={isTerminal(audit.status) ? 'No issues found' : 'No issues found yet'}>
          {isTerminal(audit.status) ? 'Every check passed on every crawled page.' : 'Issues appear here as pages are crawled and checked.'}
        </EmptyState>
      </div>
    );
  }
  const groups = groupIssues(issues);
  const openFirst = new Set(groups.flatMap((g) => g.categories.flatMap((c) => c.issues)).slice(0, OPEN_FIRST).map((i) => i.checkId));
  return (
    <div className="flex flex-col gap-6" data-testid="issues">
      <p className="text-sm text-slate-600">{countOf(issues.length, 'issue')}, most severe first. Open one to see every URL it affects.</p>
      {groups.map((group) => (
        <section key={group.severity} className="flex flex-col gap-3" aria-labelledby={`severity-${group.severity}`}>
          <h2 id={`severity-${group.severity}`} className="text-lg font-semibold">
            {severityLabel(group.severity)} <span className="text-sm font-normal text-slate-500">({countOf(group.categories.reduce((n, c) => n + c.issues.length, 0), 'issue')})</span>
          </h2>
          {group.categories.map(({ category, issues: list }) => (
            <div key={category} className="flex flex-col gap-2">
              <h3 className="text-sm font-medium text-slate-600">{categoryLabel(category)}</h3>
              <ul className="flex flex-col gap-2">
                {list.map((issue) => (
                  <li key={issue.checkId}>
                    <IssueCard issue={issue} href={issueHref(audit.id, issue.checkId)} open={openFirst.has(issue.checkId)} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
