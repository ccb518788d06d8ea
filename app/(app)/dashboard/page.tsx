import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditsTable } from '@/components/audits-table';
import { LiveProgress } from '@/components/live-progress';
import { ScoreText } from '@/components/score-text';
import { Sparkline } from '@/components/sparkline';
import { StatusBadge } from '@/components/status-badge';
import { TimeAgo } from '@/components/time-ago';
import { countOf } from '@/lib/checks/labels';
import { countAuditsForUser, listRunningAudits, listSitesForUser, type SiteSummary } from '@/lib/audits/dashboard-queries';
import { auditListHref, kindLabel, listAuditsForUser } from '@/lib/audits/list-audits';
import { requirePageUser } from '@/lib/auth/require-user';
import { QuickStartForm } from './quick-start-form';

export const metadata: Metadata = { title: 'Dashboard' };
export const dynamic = 'force-dynamic';

const SITES_SHOWN = 9;
const RUNNING_SHOWN = 5;
const RECENT_SHOWN = 8;

const LINK = 'text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500';

function Delta({ delta }: { delta: number | null }) {
  if (delta === null) return null;
  const text = delta > 0 ? `▲ +${delta}` : delta < 0 ? `▼ −${-delta}` : '±0';
  const color = delta > 0 ? 'text-green-700' : delta < 0 ? 'text-red-700' : 'text-slate-500';
  return (
    <span className={`whitespace-nowrap text-sm font-medium ${color}`} title="Change since the previous score">
      {text}
      <span className="sr-only"> since the previous score</span>
    </span>
  );
}

function SiteCard({ site }: { site: SiteSummary }) {
  const { latest, score } = site;
  const scoreLabel = score?.kind === 'PROFESSIONAL' ? 'Site audit score' : 'Page score';
  return (
    <li className="flex min-w-0 flex-col gap-3 rounded-lg bg-white p-4 shadow-sm" data-testid="site-card">
      <div className="flex min-w-0 items-start justify-between gap-2">
        <h3 className="min-w-0 font-semibold">
          <Link href={`/audits/${latest.id}`} className={`block truncate ${LINK}`} title={`Latest: ${latest.url}`}>
            {site.site}
          </Link>
        </h3>
        {latest.status !== 'COMPLETED' && <StatusBadge status={latest.status} />}
      </div>
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
        <div className="flex flex-col">
          <span className="text-xs text-slate-500">{score ? scoreLabel : 'Score'}</span>
          <span className="text-3xl leading-none">
            <ScoreText score={score?.value ?? null} />
            {score && <span className="text-sm font-normal text-slate-400">/100</span>}
          </span>
        </div>
        <Sparkline points={site.trend} label={`${scoreLabel}s, oldest first: ${site.trend.join(', ')}`} />
        <Delta delta={site.delta} />
      </div>
      {score?.kind === 'SINGLE' && <p className="truncate font-mono text-xs text-slate-500" title={score.url}>{score.url}</p>}
      <p className="mt-auto text-xs text-slate-500">
        {kindLabel(latest.kind)} <TimeAgo date={latest.createdAt} /> ·{' '}
        <Link href={auditListHref({ site: site.site })} className={LINK} aria-label={`All ${countOf(site.audits, 'audit')} of ${site.site}`}>
          {countOf(site.audits, 'audit')}
        </Link>
      </p>
    </li>
  );
}

function FirstStep() {
  return (
    <section className="flex flex-col gap-4 rounded-lg bg-white p-6 shadow-sm" aria-labelledby="first-step" data-testid="first-step">
      <h2 id="first-step" className="text-lg font-semibold">Start with a URL</h2>
      <p className="max-w-prose text-slate-600">
        Analyse one page and get its score and fixes in a few seconds, or audit the whole site: we crawl up to 100 of its
        pages in the background, check each one and the site as a whole, and you can watch the progress here.
      </p>
      <QuickStartForm autoFocus />
      <p className="text-sm text-slate-500">
        Have a list of URLs? <Link href="/bulk" className={LINK}>Analyse up to 1,000 at once</Link>.
      </p>
    </section>
  );
}

export default async function DashboardPage() {
  const user = await requirePageUser();
  const count = await countAuditsForUser(user.id);
  if (count === 0) {
    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-2xl font-bold">Dashboard</h1>
        <FirstStep />
      </div>
    );
  }

  const [{ sites, total: siteCount }, running, recent] = await Promise.all([
    listSitesForUser(user.id, SITES_SHOWN),
    listRunningAudits(user.id, RUNNING_SHOWN),
    listAuditsForUser(user.id, RECENT_SHOWN),
  ]);

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold">Dashboard</h1>
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <QuickStartForm />
        </div>
      </div>

      {running.total > 0 && (
        <section className="flex flex-col gap-3" aria-labelledby="running-heading" data-testid="running-audits">
          <h2 id="running-heading" className="text-lg font-semibold">In progress ({running.total.toLocaleString('en')})</h2>
          <ul className="grid gap-3 lg:grid-cols-2">
            {running.audits.map((a) => (
              <li key={a.id} className="flex min-w-0 flex-col gap-1">
                <div className="flex min-w-0 items-baseline justify-between gap-2 text-sm">
                  <Link href={`/audits/${a.id}`} className={`min-w-0 truncate font-mono text-xs ${LINK}`} title={a.url}>{a.url}</Link>
                  <span className="shrink-0 text-xs text-slate-500">{kindLabel(a.kind)}</span>
                </div>
                <LiveProgress initial={a.snapshot} variant="compact" unit={a.kind === 'BULK' ? 'URL' : 'page'} />
              </li>
            ))}
          </ul>
          {running.total > running.audits.length && (
            <p className="text-sm text-slate-600">
              Showing the newest {running.audits.length} of {running.total.toLocaleString('en')}.{' '}
              <Link href={auditListHref({ status: 'RUNNING' })} className={LINK}>All running</Link> ·{' '}
              <Link href={auditListHref({ status: 'QUEUED' })} className={LINK}>All queued</Link>
            </p>
          )}
        </section>
      )}

      <section className="flex flex-col gap-3" aria-labelledby="sites-heading">
        <h2 id="sites-heading" className="text-lg font-semibold">Your sites</h2>
        {sites.length === 0 ? (
          <p className="text-sm text-slate-600">No site audited or page analysed yet: your bulk runs are listed below.</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {sites.map((s) => <SiteCard key={s.site} site={s} />)}
          </ul>
        )}
        {siteCount > sites.length && (
          <p className="text-sm text-slate-600">
            Showing the {sites.length} most recently audited of {countOf(siteCount, 'site')}; search for the others in{' '}
            <Link href="/audits" className={LINK}>all audits</Link>.
          </p>
        )}
      </section>

      <section className="flex flex-col gap-3" aria-labelledby="recent-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="recent-heading" className="text-lg font-semibold">Recent</h2>
          <Link href="/audits" className={`text-sm ${LINK}`}>
            {count > recent.length ? `See all ${count.toLocaleString('en')}` : 'Search and filter'}
          </Link>
        </div>
        <AuditsTable audits={recent} caption="Your most recent audits and analyses" />
      </section>
    </div>
  );
}
