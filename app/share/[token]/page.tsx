import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ComparisonResult } from '@/components/comparison-result';
import { Logo } from '@/components/logo';
import { StatusBadge } from '@/components/status-badge';
import { ScoreCircle } from '@/components/explorer/score-circle';
import { countOf } from '@/lib/checks/labels';
import { getComparisonView } from '@/lib/comparisons/comparisons';
import { resolveShare, type SharedAudit } from '@/lib/shares/shares';
import { readShareTab, shareHref, SHARE_TABS, type SearchParams } from './share-links';
import { SharedIssues, SharedOverview, SharedPages } from './share-views';

// Outside the signed-in (app) group on purpose: anyone holding the link may read this audit or
// comparison, and nothing else. The link is checked on every request, so a revoked one is a 404
// at once and an expired one says so.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Shared results', robots: { index: false, follow: false }, referrer: 'no-referrer' };

const TAB_LABELS = { overview: 'Overview', issues: 'Issues', pages: 'Pages' } as const;
const day = (d: Date) => d.toISOString().slice(0, 10);

function ShareFrame({ notice, children, testId }: { notice: string; children: React.ReactNode; testId: string }) {
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-3 text-sm sm:px-6">
          <span className="flex items-center gap-2 text-base font-bold text-brand-700"><Logo />Rival Outranker</span>
          <span className="ml-auto text-slate-500" data-testid="share-notice">{notice}</span>
        </div>
      </header>
      <main id="main" className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6 sm:py-8" data-testid={testId}>
        {children}
      </main>
    </>
  );
}

function SharedAuditBody({ audit, token, query }: { audit: SharedAudit; token: string; query: SearchParams }) {
  const tab = readShareTab(query);
  return (
    <>
      <header className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <ScoreCircle score={audit.score} />
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <p className="text-sm text-slate-500">Site audit · <StatusBadge status={audit.status} /></p>
          <h1 className="break-all text-xl font-bold" title={audit.url}>{audit.url}</h1>
          {audit.finishedAt && <p className="text-sm text-slate-500">Finished {audit.finishedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</p>}
        </div>
      </header>
      <nav aria-label="Audit views" className="border-b border-slate-200">
        <ul className="-mb-px flex gap-1">
          {SHARE_TABS.map((t) => (
            <li key={t}>
              <Link href={shareHref(token, { tab: t })} aria-current={t === tab ? 'page' : undefined} className={`block border-b-2 px-4 py-2 text-sm font-medium ${t === tab ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}>
                {TAB_LABELS[t]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'overview' && <SharedOverview audit={audit} token={token} />}
      {tab === 'issues' && <SharedIssues audit={audit} token={token} query={query} />}
      {tab === 'pages' && <SharedPages audit={audit} token={token} query={query} />}
    </>
  );
}

export default async function SharedPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<SearchParams> }) {
  const { token } = await params;
  const query = await searchParams;
  const share = await resolveShare(token);
  if (!share) notFound();
  if (share.kind === 'expired') {
    return (
      <ShareFrame notice="Shared read-only" testId="share-expired">
        <div className="mx-auto flex max-w-xl flex-col gap-2 py-10 text-center">
          <h1 className="text-xl font-bold">This link has expired</h1>
          <p className="text-slate-600">It stopped working on {day(share.expiresAt)}. Ask the person who shared it for a new link.</p>
        </div>
      </ShareFrame>
    );
  }
  const notice = `Shared read-only · link expires ${day(share.expiresAt)}`;
  if (share.kind === 'audit') {
    return <ShareFrame notice={notice} testId="shared-audit"><SharedAuditBody audit={share.audit} token={token} query={query} /></ShareFrame>;
  }
  const view = await getComparisonView(share.comparison);
  return (
    <ShareFrame notice={notice} testId="shared-comparison">
      <header className="flex flex-col gap-1">
        <p className="text-sm text-slate-500">Competitor comparison · <StatusBadge status={view.status} /></p>
        <h1 className="break-all text-xl font-bold">{view.url} vs {countOf(view.rivals.length, 'rival')}</h1>
        {view.finishedAt && <p className="text-sm text-slate-500">Finished {view.finishedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</p>}
      </header>
      <ComparisonResult view={view} />
    </ShareFrame>
  );
}
