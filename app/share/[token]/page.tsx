import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Logo } from '@/components/logo';
import { StatusBadge } from '@/components/status-badge';
import { ScoreCircle } from '@/components/explorer/score-circle';
import { resolveShare } from '@/lib/shares/shares';
import { readShareTab, shareHref, SHARE_TABS, type SearchParams } from './share-links';
import { SharedIssues, SharedOverview, SharedPages } from './share-views';

// Outside the signed-in (app) group on purpose: anyone holding the link may read this audit, and
// nothing else. The link is checked on every request, so a revoked or expired one is a 404 at once.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Shared audit', robots: { index: false, follow: false }, referrer: 'no-referrer' };

const TAB_LABELS = { overview: 'Overview', issues: 'Issues', pages: 'Pages' } as const;

export default async function SharedAuditPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<SearchParams> }) {
  const { token } = await params;
  const query = await searchParams;
  const share = await resolveShare(token);
  if (!share) notFound();
  const { audit } = share;
  const tab = readShareTab(query);
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-3 text-sm sm:px-6">
          <span className="flex items-center gap-2 text-base font-bold text-brand-700"><Logo />Rival Outranker</span>
          <span className="ml-auto text-slate-500" data-testid="share-notice">Shared read-only · link expires {share.expiresAt.toISOString().slice(0, 10)}</span>
        </div>
      </header>
      <main id="main" className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6 sm:py-8" data-testid="shared-audit">
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
      </main>
    </>
  );
}
