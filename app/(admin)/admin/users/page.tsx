import Link from 'next/link';
import { adminMetadata } from '@/components/admin/admin-metadata';
import { Pager } from '@/components/admin/pager';
import { StatusBadge } from '@/components/status-badge';
import { requirePageAdmin } from '@/lib/auth/require-user';
import { adminAuditQuery, listAuditsForAdmin } from '@/lib/users/admin-audits';
import { listUsersForAdmin, userListQuery } from '@/lib/users/admin-users';
import { UserControls } from './user-controls';

export const generateMetadata = adminMetadata('Users');
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requirePageAdmin('/admin/users');
  const raw = await searchParams;
  const userQuery = userListQuery.parse({ q: first(raw.q), page: first(raw.page) });
  const auditQuery = adminAuditQuery.parse({ aq: first(raw.aq), apage: first(raw.apage) });
  const [{ users, total, pageSize }, audits] = await Promise.all([listUsersForAdmin(userQuery), listAuditsForAdmin(auditQuery)]);

  // One URL holds both lists' state, so paging one keeps the other where it was.
  const href = (change: Partial<{ q: string; page: number; aq: string; apage: number }>) => {
    const next = { q: userQuery.q, page: userQuery.page, aq: auditQuery.aq, apage: auditQuery.apage, ...change };
    const params = new URLSearchParams();
    if (next.q) params.set('q', next.q);
    if (next.page > 1) params.set('page', String(next.page));
    if (next.aq) params.set('aq', next.aq);
    if (next.apage > 1) params.set('apage', String(next.apage));
    const qs = params.toString();
    return `/admin/users${qs ? `?${qs}` : ''}`;
  };
  const input = 'rounded border border-slate-300 bg-white px-2 py-1';

  return (
    <div className="flex flex-col gap-8">
      <section className="flex flex-col gap-3" aria-labelledby="users-heading">
        <h1 id="users-heading" className="text-2xl font-bold">Users</h1>
        <form method="get" className="flex flex-wrap items-end gap-2 text-sm" role="search" aria-label="Search users">
          {auditQuery.aq && <input type="hidden" name="aq" value={auditQuery.aq} />}
          <label className="flex flex-col gap-1">
            Email or name
            <input name="q" type="search" defaultValue={userQuery.q ?? ''} className={input} />
          </label>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">Search users</button>
        </form>
        <p className="text-sm text-slate-600">{total} {total === 1 ? 'user' : 'users'}. A disabled user cannot sign in, and their open sessions are refused on the next request.</p>
        <div className="overflow-x-auto">
          <table className="min-w-full bg-white text-left text-sm shadow-sm" data-testid="users-table">
            <thead className="border-b text-slate-500">
              <tr><th className="p-2">Email</th><th className="p-2">Role</th><th className="p-2">Created</th><th className="p-2">Audits</th><th className="p-2">Status</th><th className="p-2">Change</th></tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-b align-top last:border-0" data-testid={`user-${u.email}`} data-role={u.role} data-disabled={Boolean(u.disabledAt)}>
                  <td className="min-w-48 p-2">
                    <div className="font-medium break-all">{u.email}</div>
                    {u.name && <div className="text-xs text-slate-500">{u.name}</div>}
                  </td>
                  <td className="p-2">{u.role}</td>
                  <td className="whitespace-nowrap p-2">{day(u.createdAt)}</td>
                  <td className="p-2">
                    {u.auditCount > 0 ? <Link href={href({ aq: u.email, apage: 1 })} className="underline">{u.auditCount}</Link> : 0}
                  </td>
                  <td className="whitespace-nowrap p-2">{u.disabledAt ? <span className="text-red-700">Disabled {day(u.disabledAt)}</span> : 'Active'}</td>
                  <td className="min-w-56 p-2"><UserControls user={{ id: u.id, email: u.email, role: u.role, disabled: Boolean(u.disabledAt) }} self={u.id === admin.id} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager page={userQuery.page} total={total} pageSize={pageSize} href={(page) => href({ page })} label="User pages" />
      </section>

      <section className="flex flex-col gap-3" aria-labelledby="all-audits-heading">
        <h2 id="all-audits-heading" className="text-lg font-semibold">All audits</h2>
        <form method="get" className="flex flex-wrap items-end gap-2 text-sm" role="search" aria-label="Search all audits">
          {userQuery.q && <input type="hidden" name="q" value={userQuery.q} />}
          <label className="flex flex-col gap-1">
            URL or owner email
            <input name="aq" type="search" defaultValue={auditQuery.aq ?? ''} className={input} />
          </label>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">Search audits</button>
        </form>
        <p className="text-sm text-slate-600">{audits.total} {audits.total === 1 ? 'audit' : 'audits'}</p>
        <div className="overflow-x-auto">
          <table className="min-w-full bg-white text-left text-sm shadow-sm" data-testid="all-audits-table">
            <thead className="border-b text-slate-500">
              <tr><th className="p-2">URL</th><th className="p-2">Owner</th><th className="p-2">Kind</th><th className="p-2">Status</th><th className="p-2">Score</th><th className="p-2">Created</th></tr>
            </thead>
            <tbody>
              {audits.audits.map((a) => (
                <tr key={a.id} className="border-b last:border-0">
                  <td className="min-w-48 max-w-xs p-2"><Link href={`/audits/${a.id}`} className="break-all underline">{a.url}</Link></td>
                  <td className="min-w-40 p-2 break-all">{a.user?.email ?? '—'}</td>
                  <td className="p-2">{a.kind.toLowerCase()}</td>
                  <td className="p-2"><StatusBadge status={a.status} /></td>
                  <td className="p-2">{a.score ?? '—'}</td>
                  <td className="whitespace-nowrap p-2">{day(a.createdAt)}</td>
                </tr>
              ))}
              {audits.audits.length === 0 && <tr><td colSpan={6} className="p-2 text-slate-500">No audits match.</td></tr>}
            </tbody>
          </table>
        </div>
        <Pager page={auditQuery.apage} total={audits.total} pageSize={audits.pageSize} href={(apage) => href({ apage })} label="Audit pages" />
      </section>
    </div>
  );
}
