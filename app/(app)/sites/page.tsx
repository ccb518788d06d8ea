import type { Metadata } from 'next';
import Link from 'next/link';
import { ScoreText } from '@/components/score-text';
import { TimeAgo } from '@/components/time-ago';
import { requirePageUser } from '@/lib/auth/require-user';
import { siteLabel } from '@/lib/sites/site-key';
import { listSites } from '@/lib/sites/sites';

export const metadata: Metadata = { title: 'Sites' };
export const dynamic = 'force-dynamic';

/** The user's sites (one per origin and start path their audits crawled), most recently audited first. */
export default async function SitesPage() {
  const user = await requirePageUser();
  const sites = await listSites(user.id);

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Sites</h1>
      <p className="max-w-prose text-sm text-slate-600">Every site you have audited, with its score over time and what changed between two audits.</p>
      {sites.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-10 text-center text-sm text-slate-600" data-testid="sites-empty">
          No sites yet. <Link href="/audits/new" className="text-brand-700 underline">Start a site audit</Link> and its site appears here.
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full table-fixed text-left text-sm" data-testid="sites-table">
            <caption className="sr-only">Your sites</caption>
            <thead className="border-b border-slate-200 text-slate-500">
              <tr>
                <th scope="col" className="p-3 font-medium">Site</th>
                <th scope="col" className="w-20 p-3 text-right font-medium sm:w-24">Audits</th>
                <th scope="col" className="w-20 p-3 text-right font-medium sm:w-24">Last score</th>
                <th scope="col" className="hidden w-36 p-3 font-medium sm:table-cell">Last audit</th>
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <tr key={s.id} className="border-b border-slate-100 align-top last:border-0 hover:bg-slate-50">
                  <td className="p-3">
                    <Link href={`/sites/${s.id}`} className="line-clamp-2 break-all font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500" title={`${s.origin}${s.startPath}`}>
                      {siteLabel(s)}
                    </Link>
                    <span className="mt-0.5 block break-all font-mono text-xs text-slate-500">{s.origin}{s.startPath}</span>
                  </td>
                  <td className="p-3 text-right tabular-nums">{s.audits.toLocaleString('en')}</td>
                  <td className="p-3 text-right"><ScoreText score={s.lastScore} /></td>
                  <td className="hidden p-3 text-slate-500 sm:table-cell">
                    {s.lastAuditAt && s.lastAuditId ? (
                      <Link href={`/audits/${s.lastAuditId}`} className="hover:underline focus-visible:outline-2 focus-visible:outline-brand-500"><TimeAgo date={s.lastAuditAt} /></Link>
                    ) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
