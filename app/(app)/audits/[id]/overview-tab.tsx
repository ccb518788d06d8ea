import Link from 'next/link';
import { ChartCard } from '@/components/charts/chart-card';
import { NEUTRAL_COLOR, SEVERITY_COLORS, scoreColor, statusCodeColor } from '@/components/charts/chart-colors';
import { IssueCard } from '@/components/explorer/issue-card';
import { ReportsPanel } from '@/components/explorer/reports-panel';
import { ScoreExplanation } from '@/components/explorer/score-explanation';
import { getAuditOverview } from '@/lib/audits/explorer-queries';
import type { AuditOverview, Histogram } from '@/lib/audits/explorer-types';
import { categoryLabel, countOf, severityLabel } from '@/lib/checks/labels';
import { SEVERITIES } from '@/lib/checks/types';
import { isTerminal } from '@/lib/progress/events';
import type { AuditRecord } from './audit-access';
import { auditHref, issueHref } from './explorer-links';

const bars = (histogram: Histogram, color: (label: string) => string = () => NEUTRAL_COLOR) =>
  histogram.map((h) => ({ label: h.label, value: h.count, color: color(h.label) }));

function PageCounts({ overview, audit }: { overview: AuditOverview; audit: AuditRecord }) {
  const auditId = audit.id;
  const findings = SEVERITIES.reduce((sum, s) => sum + overview.severityCounts[s], 0);
  const stats = [
    { label: audit.kind === 'BULK' ? 'URLs analysed' : 'Pages crawled', value: overview.pages.total, href: auditHref(auditId, { tab: 'pages' }) },
    { label: 'Failed', value: overview.pages.failed, href: auditHref(auditId, { tab: 'pages', status: 'failed' }) },
    { label: 'Blocked by robots.txt', value: overview.pages.blocked, href: auditHref(auditId, { tab: 'pages', status: 'blocked' }) },
    { label: 'Findings', value: findings, href: auditHref(auditId, { tab: 'issues' }) },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="page-counts">
      {stats.map((s) => (
        <div key={s.label} className="rounded-lg bg-white p-3 shadow-sm">
          <dt className="text-xs text-slate-500">{s.label}</dt>
          <dd className="text-xl font-semibold tabular-nums">
            <Link href={s.href} className="hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">{s.value.toLocaleString('en')}</Link>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function FixFirst({ overview, auditId }: { overview: AuditOverview; auditId: string }) {
  return (
    <section className="flex min-w-0 flex-col gap-3" data-testid="fix-first" aria-labelledby="fix-first-heading">
      <h2 id="fix-first-heading" className="text-lg font-semibold">Fix first</h2>
      {overview.fixFirst.length === 0 ? (
        <p className="rounded-lg bg-white p-4 text-sm text-slate-600 shadow-sm">Nothing to fix first: no finding costs the score any points.</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">The {countOf(overview.fixFirst.length, 'issue')} that cost the score the most points.</p>
          <ol className="flex flex-col gap-2">
            {overview.fixFirst.map((issue) => (
              <li key={issue.checkId}>
                <IssueCard issue={issue} href={issueHref(auditId, issue.checkId)} open showImpact />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Charts({ overview, crawled }: { overview: AuditOverview; crawled: boolean }) {
  const categories = [...overview.categoryScores]
    .sort((a, b) => a.score - b.score)
    .map((c) => ({ label: categoryLabel(c.category), value: c.score, color: scoreColor(c.score) }));
  const severities = SEVERITIES.map((s) => ({ label: severityLabel(s), value: overview.severityCounts[s], color: SEVERITY_COLORS[s] }));
  return (
    <section className="grid grid-cols-1 gap-4 md:grid-cols-2" data-testid="charts" aria-label="Charts">
      <div className="md:row-span-2" data-testid="category-scores">
        <ChartCard title="Score by category" data={categories} valueName="Score" horizontal max={100} height={Math.max(220, categories.length * 26 + 40)} emptyText="No category scores yet: the audit is scored when it ends." />
      </div>
      <ChartCard title="Findings by severity" data={severities} valueName="Findings" emptyText="No findings." />
      <ChartCard title="Status codes" data={bars(overview.statusCodes, statusCodeColor)} valueName="Pages" horizontal height={overview.statusCodes.length * 30 + 50} emptyText="No pages crawled yet." />
      {/* A bulk list is not crawled: its URLs have no click depth. */}
      {crawled && <ChartCard title="Crawl depth (clicks from the start page)" data={bars(overview.depths)} valueName="Pages" emptyText="No pages crawled yet." />}
      <ChartCard title="Response times" data={bars(overview.responseTimes)} valueName="Pages" emptyText="No response times measured yet." />
    </section>
  );
}

/** The audit at a glance: what to fix first, why the score is what it is, and the site's shape in charts. */
export async function OverviewTab({ audit }: { audit: AuditRecord }) {
  const overview = await getAuditOverview(audit.id);
  const running = !isTerminal(audit.status);
  return (
    <div className="flex flex-col gap-6" data-testid="overview">
      {running && <p className="text-sm text-slate-600">The audit is still running: these numbers grow as pages are crawled, and the score comes at the end.</p>}
      <PageCounts overview={overview} audit={audit} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <div className="lg:col-span-3"><FixFirst overview={overview} auditId={audit.id} /></div>
        <section className="flex min-w-0 flex-col gap-3 lg:col-span-2" aria-labelledby="score-heading">
          <h2 id="score-heading" className="text-lg font-semibold">{overview.score === null ? 'Score' : `Why the score is ${overview.score}`}</h2>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <ScoreExplanation
              explanation={overview.explanation}
              issueHref={(checkId) => issueHref(audit.id, checkId)}
              emptyText={running ? 'The score is worked out when the audit ends.' : 'This audit has no score.'}
            />
          </div>
        </section>
      </div>
      <Charts overview={overview} crawled={audit.kind !== 'BULK'} />
      {isTerminal(audit.status) && <ReportsPanel auditId={audit.id} />}
    </div>
  );
}
