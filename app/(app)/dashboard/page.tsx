import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusBadge } from '@/components/status-badge';
import { listAuditsForUser } from '@/lib/audits/list-audits';
import { requirePageUser } from '@/lib/auth/require-user';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const user = await requirePageUser();
  const audits = await listAuditsForUser(user.id);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Your analyses</h1>
      {audits.length === 0 ? (
        <p className="text-slate-600">No analyses yet.</p>
      ) : (
        <table className="w-full bg-white text-left text-sm shadow-sm">
          <thead className="border-b text-slate-500">
            <tr><th className="p-3">URL</th><th className="p-3">Kind</th><th className="p-3">Status</th><th className="p-3">Score</th><th className="p-3">Started</th></tr>
          </thead>
          <tbody>
            {audits.map((a) => (
              <tr key={a.id} className="border-b last:border-0">
                <td className="p-3 font-mono text-xs"><Link href={`/audits/${a.id}`} className="text-brand-700 hover:underline">{a.url}</Link></td>
                <td className="p-3">{a.kind.toLowerCase()}</td>
                <td className="p-3"><StatusBadge status={a.status} /></td>
                <td className="p-3">{a.score ?? '—'}</td>
                <td className="p-3 text-slate-500">{a.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
