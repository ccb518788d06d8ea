import Link from 'next/link';
import { ChartCard } from '@/components/charts/chart-card';
import { NEUTRAL_COLOR, SEVERITY_COLORS, scoreColor, statusCodeColor } from '@/components/charts/chart-colors';
import { EmptyState } from '@/components/explorer/empty-state';
import { ExternalUrl } from '@/components/explorer/external-url';
import { HttpStatus } from '@/components/explorer/http-status';
import { IssueCard } from '@/components/explorer/issue-card';
import { Pagination } from '@/components/explorer/pagination';
import { ScoreExplanation } from '@/components/explorer/score-explanation';
import { SeverityBadge } from '@/components/severity-badge';
import { getAuditOverview, listAuditPages, listIssues, listIssueUrls, parsePagesQuery } from '@/lib/audits/explorer-queries';
import type { Histogram } from '@/lib/audits/explorer-types';
import { categoryLabel, countOf, severityLabel } from '@/lib/checks/labels';
import { SEVERITIES } from '@/lib/checks/types';
import { fromDbFormat, fromDbKind } from '@/lib/reports/report-input';
import { listSharedReports, type SharedAudit } from '@/lib/shares/shares';
import { firstParam, readPage, shareHref, shareIssueHref, shareReportHref, type SearchParams } from './share-links';

// The explorer's views, read-only, for a shared audit: the same queries and shared components as
// /audits/[id], with every link kept under /share/<token> (no page details, no owner's pages).

const bars = (histogram: Histogram, color: (label: string) => string = () => NEUTRAL_COLOR) =>
  histogram.map((h) => ({ label: h.label, value: h.count, color: color(h.label) }));

const ISSUE_URLS_PAGE_SIZE = 50;

export async function SharedOverview({ audit, token }: { audit: SharedAudit; token: string }) {
  const [overview, reports] = await Promise.all([getAuditOverview(audit.id), listSharedReports(audit.id)]);
  const findings = SEVERITIES.reduce((sum, s) => sum + overview.severityCounts[s], 0);
  const stats = [
    { label: 'Pages crawled', value: overview.pages.total },
    { label: 'Failed', value: overview.pages.failed },
    { label: 'Blocked by robots.txt', value: overview.pages.blocked },
    { label: 'Findings', value: findings },
  ];
  const categories = [...overview.categoryScores].sort((a, b) => a.score - b.score).map((c) => ({ label: categoryLabel(c.category), value: c.score, color: scoreColor(c.score) }));
  const severities = SEVERITIES.map((s) => ({ label: severityLabel(s), value: overview.severityCounts[s], color: SEVERITY_COLORS[s] }));
  return (
    <div className="flex flex-col gap-6" data-testid="overview">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="page-counts">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg bg-white p-3 shadow-sm">
            <dt className="text-xs text-slate-500">{s.label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{s.value.toLocaleString('en')}</dd>
          </div>
        ))}
      </dl>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <section className="flex min-w-0 flex-col gap-3 lg:col-span-3" data-testid="fix-first" aria-labelledby="fix-first-heading">
          <h2 id="fix-first-heading" className="text-lg font-semibold">Fix first</h2>
          {overview.fixFirst.length === 0 ? (
            <p className="rounded-lg bg-white p-4 text-sm text-slate-600 shadow-sm">Nothing to fix first: no finding costs the score any points.</p>
          ) : (
            <ol className="flex flex-col gap-2">
              {overview.fixFirst.map((issue) => (
                <li key={issue.checkId}><IssueCard issue={issue} href={shareIssueHref(token, issue.checkId)} open showImpact /></li>
              ))}
            </ol>
          )}
        </section>
        <section className="flex min-w-0 flex-col gap-3 lg:col-span-2" aria-labelledby="score-heading">
          <h2 id="score-heading" className="text-lg font-semibold">{overview.score === null ? 'Score' : `Why the score is ${overview.score}`}</h2>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <ScoreExplanation explanation={overview.explanation} issueHref={(checkId) => shareIssueHref(token, checkId)} emptyText="This audit has no score." />
          </div>
        </section>
      </div>
      <section className="grid grid-cols-1 gap-4 md:grid-cols-2" aria-label="Charts">
        <div className="md:row-span-2"><ChartCard title="Score by category" data={categories} valueName="Score" horizontal max={100} height={Math.max(220, categories.length * 26 + 40)} emptyText="No category scores." /></div>
        <ChartCard title="Findings by severity" data={severities} valueName="Findings" emptyText="No findings." />
        <ChartCard title="Status codes" data={bars(overview.statusCodes, statusCodeColor)} valueName="Pages" horizontal height={overview.statusCodes.length * 30 + 50} emptyText="No pages crawled." />
        <ChartCard title="Response times" data={bars(overview.responseTimes)} valueName="Pages" emptyText="No response times measured." />
      </section>
      <section className="flex flex-col gap-3" aria-labelledby="reports-heading" data-testid="shared-reports">
        <h2 id="reports-heading" className="text-lg font-semibold">Reports</h2>
        {reports.length === 0 ? (
          <p className="rounded-lg bg-white p-4 text-sm text-slate-600 shadow-sm">No report files have been made for this audit yet.</p>
        ) : (
          <ul className="flex flex-col gap-2 rounded-lg bg-white p-4 text-sm shadow-sm">
            {reports.map((r) => (
              <li key={r.id}>
                <a href={shareReportHref(token, r.id)} className="text-brand-600 underline" download>
                  {fromDbFormat(r.format) === 'xlsx' ? 'Excel workbook' : `CSV of ${fromDbKind(r.kind)}`}
                </a>
                {r.sizeBytes ? <span className="text-slate-500"> · {Math.max(1, Math.round(r.sizeBytes / 1024))} KB</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export async function SharedIssues({ audit, token, query }: { audit: SharedAudit; token: string; query: SearchParams }) {
  const issues = await listIssues(audit.id);
  const checkId = firstParam(query, 'check');
  const back = <Link href={shareHref(token, { tab: 'issues' })} className="self-start text-sm text-brand-600 underline">← All issues</Link>;
  if (checkId) {
    const issue = issues.find((i) => i.checkId === checkId);
    if (!issue) return <div className="flex flex-col gap-4" data-testid="issue-urls">{back}<EmptyState title="This issue is not in this audit" /></div>;
    const page = readPage(firstParam(query, 'p'));
    const urls = await listIssueUrls(audit.id, issue.checkId, { page, pageSize: ISSUE_URLS_PAGE_SIZE });
    return (
      <div className="flex flex-col gap-4" data-testid="issue-urls">
        {back}
        <section className="flex flex-col gap-2 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="issue-heading">
          <div className="flex flex-wrap items-center gap-2"><SeverityBadge severity={issue.severity} /><h2 id="issue-heading" className="text-lg font-semibold">{issue.title}</h2></div>
          <p className="text-sm text-slate-500">{categoryLabel(issue.category)} · {countOf(issue.urls, 'URL')} affected</p>
          <p className="text-sm"><span className="font-semibold">Why it matters: </span>{issue.why}</p>
          <p className="text-sm"><span className="font-semibold">How to fix: </span>{issue.fix}</p>
        </section>
        <Pagination page={page} pageSize={ISSUE_URLS_PAGE_SIZE} total={urls.total} href={(p) => shareIssueHref(token, issue.checkId, p)} noun="URL" label="Pagination of the affected URLs" />
        <ul className="flex flex-col divide-y divide-slate-100 rounded-lg bg-white text-sm shadow-sm">
          {urls.items.map((row, i) => (
            <li key={`${row.url}-${i}`} className="grid gap-1 p-2 sm:grid-cols-2"><ExternalUrl url={row.url} /><span className="whitespace-pre-line wrap-anywhere text-slate-700">{row.message}</span></li>
          ))}
        </ul>
      </div>
    );
  }
  if (issues.length === 0) return <div data-testid="issues"><EmptyState title="No issues found">Every check passed on every crawled page.</EmptyState></div>;
  return (
    <div className="flex flex-col gap-2" data-testid="issues">
      <p className="text-sm text-slate-600">{countOf(issues.length, 'issue')}, most costly first.</p>
      <ul className="flex flex-col gap-2">
        {issues.map((issue) => <li key={issue.checkId}><IssueCard issue={issue} href={shareIssueHref(token, issue.checkId)} /></li>)}
      </ul>
    </div>
  );
}

export async function SharedPages({ audit, token, query }: { audit: SharedAudit; token: string; query: SearchParams }) {
  const pagesQuery = parsePagesQuery({ page: firstParam(query, 'page') });
  const result = await listAuditPages(audit.id, pagesQuery);
  if (result.total === 0) return <section data-testid="pages"><EmptyState title="No pages crawled" /></section>;
  const href = (page: number) => shareHref(token, { tab: 'pages', page: page > 1 ? page : undefined });
  return (
    <section className="flex flex-col gap-4" data-testid="pages" aria-label="Pages">
      <Pagination page={pagesQuery.page} pageSize={pagesQuery.pageSize} total={result.total} href={href} noun="page" label="Pagination of the pages table" />
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Crawled pages</caption>
          <thead className="border-b border-slate-200 text-slate-500">
            <tr><th scope="col" className="p-2">URL</th><th scope="col" className="p-2">Status</th><th scope="col" className="p-2">Title</th><th scope="col" className="p-2 text-right">Score</th><th scope="col" className="p-2 text-right">Findings</th></tr>
          </thead>
          <tbody>
            {result.items.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 align-top last:border-0">
                <td className="max-w-md p-2"><ExternalUrl url={row.url} /></td>
                <td className="p-2"><HttpStatus status={row.status} /></td>
                <td className="p-2 wrap-anywhere">{row.title ?? '—'}</td>
                <td className="p-2 text-right tabular-nums">{row.score ?? '—'}</td>
                <td className="p-2 text-right tabular-nums">{row.findings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
