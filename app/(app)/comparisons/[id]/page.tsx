import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ComparisonResult } from '@/components/comparison-result';
import { LiveProgress } from '@/components/live-progress';
import { SharePanel } from '@/components/share-panel';
import { StatusBadge } from '@/components/status-badge';
import { getAuditSnapshot } from '@/lib/audits/audit-snapshot';
import { requirePageUser } from '@/lib/auth/require-user';
import { countOf } from '@/lib/checks/labels';
import { ACTIVE_COMPARISON, getComparisonForUser, getComparisonView } from '@/lib/comparisons/comparisons';
import { AppError } from '@/lib/errors';
import { isTerminal } from '@/lib/progress/events';
import { ComparisonPoller } from './comparison-poller';
import { statusSignature } from './status-signature';

export const metadata: Metadata = { title: 'Comparison' };
export const dynamic = 'force-dynamic';

/** The comparison if this user may see it, else the 404 page (never a 403: ids cannot be probed). */
async function getComparisonOr404(id: string, user: Awaited<ReturnType<typeof requirePageUser>>) {
  try {
    return await getComparisonForUser(id, user);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
}

/** Your site against its rivals: each site's live progress while they run, then the result side by side. */
export default async function ComparisonPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  const view = await getComparisonView(await getComparisonOr404(id, user));
  const active = ACTIVE_COMPARISON.includes(view.status);
  const running = active ? view.sites.filter((s) => !isTerminal(s.status)) : [];
  const snapshots = await Promise.all(running.map(async (s) => ({ site: s, snapshot: await getAuditSnapshot(s.auditId) })));

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-1">
        <p className="text-sm text-slate-500"><Link href="/comparisons" className="text-brand-700 underline">Comparisons</Link> · <StatusBadge status={view.status} /></p>
        <h1 className="break-all text-xl font-bold">{view.url} vs {countOf(view.rivals.length, 'rival')}</h1>
        <p className="text-sm text-slate-500">
          Up to {countOf(view.maxPages ?? 0, 'page')} per site{view.keyword ? ` · keyword “${view.keyword}”` : ''}
        </p>
      </header>
      {active && <ComparisonPoller id={view.id} signature={statusSignature(view)} />}
      {snapshots.length > 0 && (
        <section className="flex flex-col gap-3" aria-labelledby="progress-heading" data-testid="comparison-progress">
          <h2 id="progress-heading" className="text-lg font-semibold">In progress</h2>
          <ul className="grid grid-cols-1 gap-3 md:grid-cols-2">
            {snapshots.map(({ site, snapshot }) => (
              <li key={site.auditId} className="flex min-w-0 flex-col gap-1">
                <span className="truncate font-mono text-xs text-slate-600" title={site.url}>{site.role === 'you' ? 'Your site: ' : 'Rival: '}{site.url}</span>
                {snapshot && <LiveProgress initial={snapshot} variant="compact" />}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ComparisonResult view={view} auditHref={(auditId) => `/audits/${auditId}`} />
      <SharePanel comparisonId={view.id} />
    </div>
  );
}
