import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditsTable } from '@/components/audits-table';
import { AutoSubmitSelect } from '@/components/explorer/auto-submit-select';
import { Pagination } from '@/components/explorer/pagination';
import { AUDIT_KINDS, auditListHref, kindLabel, listAudits, parseAuditListQuery } from '@/lib/audits/list-audits';
import { requirePageUser } from '@/lib/auth/require-user';
import { statusLabel } from '@/lib/checks/labels';
import { AUDIT_STATUSES } from '@/lib/progress/events';

export const metadata: Metadata = { title: 'Audits' };
export const dynamic = 'force-dynamic';

const FIELD = 'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-brand-500';

/** Every audit and analysis of the user, newest first: searched, filtered and paged on the server (all in the URL). */
export default async function AuditsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const query = parseAuditListQuery(await searchParams);
  const { rows, total, page, pageSize } = await listAudits(user.id, query);
  const filtered = Boolean(query.q || query.site || query.kind || query.status);

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Audits and analyses</h1>

      {query.site && (
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600" data-testid="site-filter">
          Site: <span className="break-all rounded bg-brand-50 px-2 py-0.5 font-medium text-brand-700">{query.site}</span>
          <Link href={auditListHref({ ...query, site: undefined, page: 1 })} className="text-brand-700 underline focus-visible:outline-2 focus-visible:outline-brand-500">
            all sites
          </Link>
        </p>
      )}

      <form method="get" action="/audits" role="search" aria-label="Audits" className="flex flex-wrap items-end gap-2">
        {query.site && <input type="hidden" name="site" value={query.site} />}
        <label className="flex min-w-0 flex-1 basis-56 flex-col gap-1 text-sm font-medium">
          Search URLs
          <input type="search" name="q" defaultValue={query.q} placeholder="example.com/blog" className={`${FIELD} font-normal`} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Kind
          <AutoSubmitSelect name="kind" defaultValue={query.kind ?? ''} className={`${FIELD} font-normal`}>
            <option value="">All kinds</option>
            {AUDIT_KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
          </AutoSubmitSelect>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Status
          <AutoSubmitSelect name="status" defaultValue={query.status ?? ''} className={`${FIELD} font-normal`}>
            <option value="">All statuses</option>
            {AUDIT_STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
          </AutoSubmitSelect>
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500">
          Search
        </button>
        {filtered && (
          <Link href="/audits" className="px-2 py-2 text-sm text-brand-700 underline focus-visible:outline-2 focus-visible:outline-brand-500">
            Clear filters
          </Link>
        )}
      </form>

      {total === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-10 text-center text-sm text-slate-600" data-testid="audits-empty">
          {filtered ? (
            <p className="break-words">
              Nothing matches {[query.q && `“${query.q}”`, query.site && `site “${query.site}”`, query.kind && `kind “${kindLabel(query.kind)}”`, query.status && `status “${statusLabel(query.status)}”`].filter(Boolean).join(', ')}.
            </p>
          ) : (
            <p>
              Nothing here yet. <Link href="/analyze" className="text-brand-700 underline">Analyse one page</Link> or{' '}
              <Link href="/audits/new" className="text-brand-700 underline">start a site audit</Link>.
            </p>
          )}
        </div>
      ) : (
        <>
          <Pagination page={page} pageSize={pageSize} total={total} noun="audit" label="Pages of audits (top)" href={(p) => auditListHref({ ...query, page: p })} />
          <AuditsTable audits={rows} caption={`Audits, page ${page}`} />
          {total > pageSize && (
            <Pagination page={page} pageSize={pageSize} total={total} noun="audit" label="Pages of audits" href={(p) => auditListHref({ ...query, page: p })} />
          )}
        </>
      )}
    </div>
  );
}
