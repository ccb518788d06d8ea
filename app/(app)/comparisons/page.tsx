import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusBadge } from '@/components/status-badge';
import { TimeAgo } from '@/components/time-ago';
import { requirePageUser } from '@/lib/auth/require-user';
import { countOf } from '@/lib/checks/labels';
import { listComparisons } from '@/lib/comparisons/comparisons';

export const metadata: Metadata = { title: 'Comparisons' };
export const dynamic = 'force-dynamic';

/** The user's comparisons, newest first. */
export default async function ComparisonsPage() {
  const user = await requirePageUser();
  const comparisons = await listComparisons(user.id);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">Comparisons</h1>
        <Link href="/comparisons/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500">
          New comparison
        </Link>
      </div>
      {comparisons.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-10 text-center text-sm text-slate-600" data-testid="comparisons-empty">
          No comparisons yet. <Link href="/comparisons/new" className="text-brand-700 underline">Compare your site with up to four rivals</Link>.
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full table-fixed text-left text-sm" data-testid="comparisons-table">
            <caption className="sr-only">Your comparisons</caption>
            <thead className="border-b border-slate-200 text-slate-500">
              <tr>
                <th scope="col" className="p-3 font-medium">Your site and rivals</th>
                <th scope="col" className="w-32 p-3 font-medium sm:w-40">Status</th>
                <th scope="col" className="hidden w-32 p-3 font-medium sm:table-cell">Started</th>
              </tr>
            </thead>
            <tbody>
              {comparisons.map((c) => (
                <tr key={c.id} className="border-b border-slate-100 align-top last:border-0 hover:bg-slate-50">
                  <td className="p-3">
                    <Link href={`/comparisons/${c.id}`} className="line-clamp-1 break-all font-mono text-xs text-brand-700 hover:underline" title={c.url}>{c.url}</Link>
                    <span className="mt-0.5 block truncate text-xs text-slate-500" title={c.rivals.join(', ')}>vs {countOf(c.rivals.length, 'rival')}: {c.rivals.join(', ')}</span>
                  </td>
                  <td className="p-3"><StatusBadge status={c.status} /></td>
                  <td className="hidden p-3 text-slate-500 sm:table-cell"><TimeAgo date={c.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
