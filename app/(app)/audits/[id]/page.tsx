import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LiveProgress } from '@/components/live-progress';
import { SharePanel } from '@/components/share-panel';
import { getAuditSnapshot } from '@/lib/audits/audit-snapshot';
import { requirePageUser } from '@/lib/auth/require-user';
import { getAuditOr404 } from './audit-access';
import { AuditHeader } from './audit-header';
import { AuditTabs } from './audit-tabs';
import { firstParam, readTab, type SearchParams } from './explorer-links';
import { InvalidLines } from './invalid-lines';
import { IssuesTab } from './issues-tab';
import { OverviewTab } from './overview-tab';
import { PagesTab } from './pages-tab';
import { SingleAuditView } from './single-audit-view';

export const metadata: Metadata = { title: 'Audit' };
export const dynamic = 'force-dynamic';

/**
 * An audit. A single-page analysis is one simple page; a site audit or bulk analysis is an
 * explorer whose every view (tab, issue, filters, sort, page) lives in the URL's search params.
 */
export default async function AuditPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser();
  const { id } = await params;
  const query = await searchParams;
  const audit = await getAuditOr404(id, user);
  const single = audit.kind === 'SINGLE';
  // Set by the analyze form when the URL was typed without a scheme; only these two words are shown.
  const scheme = firstParam(query, 'scheme');
  const schemeUsed = single && (scheme === 'http' || scheme === 'https') ? scheme : null;
  const snapshot = single ? null : await getAuditSnapshot(id);
  const tab = readTab(query);

  return (
    <div className="flex flex-col gap-6">
      <AuditHeader audit={audit} schemeUsed={schemeUsed} />
      <InvalidLines audit={audit} />
      {snapshot && <LiveProgress initial={snapshot} />}
      {single ? (
        <SingleAuditView audit={audit} />
      ) : (
        <>
          <AuditTabs auditId={audit.id} current={tab} />
          {/* Keyed by the view, so the header stays put and only the view shows it is loading. */}
          <Suspense key={JSON.stringify(query)} fallback={<p className="py-10 text-center text-sm text-slate-500" role="status">Loading…</p>}>
            {tab === 'overview' && <OverviewTab audit={audit} />}
            {tab === 'issues' && <IssuesTab audit={audit} query={query} />}
            {tab === 'pages' && <PagesTab audit={audit} query={query} />}
          </Suspense>
          {tab === 'overview' && <SharePanel auditId={audit.id} />}
        </>
      )}
    </div>
  );
}
