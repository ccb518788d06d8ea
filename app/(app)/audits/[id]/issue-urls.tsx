import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SeverityBadge } from '@/components/severity-badge';
import { EmptyState } from '@/components/explorer/empty-state';
import { ExternalUrl } from '@/components/explorer/external-url';
import { Pagination } from '@/components/explorer/pagination';
import { countOf } from '@/lib/checks/labels';
import { listIssueUrls } from '@/lib/audits/explorer-queries';
import type { IssueRow } from '@/lib/audits/explorer-types';
import { categoryLabel } from '@/lib/checks/labels';
import type { AuditRecord } from './audit-access';
import { auditHref, ISSUE_URLS_PAGE_SIZE, issueHref, pageDetailHref, queryOf } from './explorer-links';

function BackToIssues({ auditId }: { auditId: string }) {
  return (
    <Link href={auditHref(auditId, { tab: 'issues' })} className="self-start text-sm text-brand-600 underline focus-visible:outline-2 focus-visible:outline-brand-500">
      ← All issues
    </Link>
  );
}

/** One issue: why it matters, how to fix it, and every URL it affects, a page at a time. */
export async function IssueUrls({ audit, issue, page }: { audit: AuditRecord; issue: IssueRow | null; page: number }) {
  if (!issue) {
    return (
      <div className="flex flex-col gap-4" data-testid="issue-urls">
        <BackToIssues auditId={audit.id} />
        <EmptyState title="This issue is not in this audit" action={{ href: auditHref(audit.id, { tab: 'issues' }), label: 'See all issues' }}>
          No page of this audit has a finding of this check.
        </EmptyState>
      </div>
    );
  }
  const urls = await listIssueUrls(audit.id, issue.checkId, { page, pageSize: ISSUE_URLS_PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(urls.total / ISSUE_URLS_PAGE_SIZE));
  if (page > pages) redirect(issueHref(audit.id, issue.checkId, pages));
  // A page detail opened from here comes back to this very page of URLs.
  const from = queryOf(issueHref(audit.id, issue.checkId, page));
  return (
    <div className="flex flex-col gap-4" data-testid="issue-urls">
      <BackToIssues auditId={audit.id} />
      <section className="flex flex-col gap-2 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="issue-heading">
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={issue.severity} />
          <h2 id="issue-heading" className="text-lg font-semibold">{issue.title}</h2>
        </div>
        <p className="text-sm text-slate-500">{categoryLabel(issue.category)} · {countOf(issue.urls, 'URL')} affected</p>
        <p className="text-sm"><span className="font-semibold">Why it matters: </span>{issue.why}</p>
        <p className="text-sm"><span className="font-semibold">How to fix: </span>{issue.fix}</p>
      </section>
      <Pagination page={page} pageSize={ISSUE_URLS_PAGE_SIZE} total={urls.total} href={(p) => issueHref(audit.id, issue.checkId, p)} noun="URL" label="Pagination of the affected URLs" />
      <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">URLs affected by “{issue.title}”</caption>
          <thead className="border-b border-slate-200 text-slate-500">
            <tr><th scope="col" className="p-2">URL</th><th scope="col" className="p-2">What was found</th></tr>
          </thead>
          <tbody>
            {urls.items.map((row, i) => (
              <tr key={`${row.url}-${i}`} className="border-b border-slate-100 align-top last:border-0">
                <td className="w-1/2 min-w-40 p-2">
                  {row.pageId ? (
                    <Link href={pageDetailHref(audit.id, row.pageId, { from })} className="break-all font-mono text-xs text-brand-600 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
                      {row.url}
                    </Link>
                  ) : (
                    <ExternalUrl url={row.url} />
                  )}
                </td>
                <td className="min-w-40 whitespace-pre-line p-2 wrap-anywhere text-slate-700">{row.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {urls.total > ISSUE_URLS_PAGE_SIZE && (
        <Pagination page={page} pageSize={ISSUE_URLS_PAGE_SIZE} total={urls.total} href={(p) => issueHref(audit.id, issue.checkId, p)} noun="URL" label="Pagination of the affected URLs, bottom" />
      )}
    </div>
  );
}
