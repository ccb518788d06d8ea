import type { Metadata } from 'next';
import Link from 'next/link';
import { ScoreTrend } from '@/components/score-trend';
import { ScoreText } from '@/components/score-text';
import { StatusBadge } from '@/components/status-badge';
import { TimeAgo } from '@/components/time-ago';
import { formatUtc } from '@/components/format-time';
import { requirePageUser } from '@/lib/auth/require-user';
import { countOf } from '@/lib/checks/labels';
import { siteLabel } from '@/lib/sites/site-key';
import { listSiteAudits, type SiteAuditRow } from '@/lib/sites/sites';
import { getSiteOr404 } from '../site-access';
import { buildTrend, defaultDiffPair } from './trend-data';

export const metadata: Metadata = { title: 'Site' };
export const dynamic = 'force-dynamic';

const LINK = 'text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500';
const FIELD = 'min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-normal focus-visible:outline-2 focus-visible:outline-brand-500';

function TrendCard({ audits }: { audits: SiteAuditRow[] }) {
  const { points, series } = buildTrend(audits);
  return (
    <figure className="flex min-w-0 flex-col gap-2 rounded-lg bg-white p-4 shadow-sm" data-testid="score-trend" data-points={points.length}>
      <figcaption className="font-medium">Score over time</figcaption>
      {points.length === 0 ? (
        <p className="py-8 text-center text-sm text-slate-500">No finished audit yet: the trend starts with the first one.</p>
      ) : (
        <>
          <div aria-hidden="true">
            <ScoreTrend points={points} series={series} />
          </div>
          {points.length === 1 && (
            <p className="text-sm text-slate-500" data-testid="trend-hint">One audit so far: audit the site again to see the trend and what changed.</p>
          )}
          {/* In a div: a table ignores the 1px width of sr-only and would widen the page. */}
          <div className="sr-only">
            <table>
              <caption>Scores per audit, oldest first</caption>
              <thead>
                <tr><th scope="col">Audit</th><th scope="col">Overall</th>{series.map((s) => <th key={s.key} scope="col">{s.label}</th>)}</tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.id}><th scope="row">{p.label}</th><td>{p.overall}</td>{series.map((s) => <td key={s.key}>{p.categories[s.key] ?? '—'}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </figure>
  );
}

const optionLabel = (a: SiteAuditRow) => `${formatUtc(a.createdAt)} · ${a.score ?? 'no score'}`;

/** Two select boxes and a button; a plain GET form, so it works before (and without) JavaScript. */
function DiffPicker({ siteId, audits }: { siteId: string; audits: SiteAuditRow[] }) {
  const pair = defaultDiffPair(audits);
  if (!pair) return null;
  return (
    <form method="get" action={`/sites/${siteId}/diff`} className="flex flex-wrap items-end gap-2 rounded-lg bg-white p-4 shadow-sm" aria-label="Compare two audits" data-testid="diff-picker">
      <h2 className="w-full font-medium">What changed between two audits</h2>
      <label className="flex min-w-0 flex-col gap-1 text-sm font-medium">
        From
        <select name="from" defaultValue={pair.from} className={FIELD}>
          {audits.map((a) => <option key={a.id} value={a.id}>{optionLabel(a)}</option>)}
        </select>
      </label>
      <label className="flex min-w-0 flex-col gap-1 text-sm font-medium">
        To
        <select name="to" defaultValue={pair.to} className={FIELD}>
          {audits.map((a) => <option key={a.id} value={a.id}>{optionLabel(a)}</option>)}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500">
        Show changes
      </button>
    </form>
  );
}

function SiteAuditsTable({ audits }: { audits: SiteAuditRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full table-fixed text-left text-sm" data-testid="site-audits">
        <caption className="sr-only">Audits of this site, newest first</caption>
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th scope="col" className="p-3 font-medium">Started</th>
            <th scope="col" className="w-32 p-3 font-medium sm:w-48">Status</th>
            <th scope="col" className="w-16 p-3 text-right font-medium sm:w-20">Score</th>
            <th scope="col" className="hidden w-24 p-3 text-right font-medium sm:table-cell">Pages</th>
            <th scope="col" className="w-28 p-3 font-medium sm:w-40">Changes</th>
          </tr>
        </thead>
        <tbody>
          {audits.map((a) => (
            <tr key={a.id} className="border-b border-slate-100 align-top last:border-0 hover:bg-slate-50">
              <td className="p-3">
                <Link href={`/audits/${a.id}`} className={LINK} title={a.url}>
                  <TimeAgo date={a.createdAt} />
                </Link>
                <span className="mt-0.5 block text-xs text-slate-500">{formatUtc(a.createdAt)}</span>
              </td>
              <td className="p-3"><StatusBadge status={a.status} /></td>
              <td className="p-3 text-right"><ScoreText score={a.score} /></td>
              <td className="hidden p-3 text-right tabular-nums sm:table-cell">{a.pagesDone.toLocaleString('en')}</td>
              <td className="p-3">
                {a.previousId && <Link href={`/audits/${a.previousId}/diff/${a.id}`} className={LINK}>vs previous</Link>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A site's history: its score trend, a picker for the diff of any two audits, and every audit. */
export default async function SitePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  const site = await getSiteOr404(id, user);
  const audits = await listSiteAudits(site.id);

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-1">
        <p className="text-sm text-slate-500"><Link href="/sites" className={LINK}>Sites</Link> · {countOf(audits.length, 'audit')}</p>
        <h1 className="break-all text-2xl font-bold" data-testid="site-name">{siteLabel(site)}</h1>
        <p className="break-all font-mono text-xs text-slate-500">{site.origin}{site.startPath}</p>
      </header>
      <TrendCard audits={audits} />
      <DiffPicker siteId={site.id} audits={audits} />
      {audits.length === 0 ? (
        <p className="text-sm text-slate-600">No audits of this site yet.</p>
      ) : (
        <SiteAuditsTable audits={audits} />
      )}
    </div>
  );
}
