import Link from 'next/link';
import { AutoSubmitSelect } from '@/components/explorer/auto-submit-select';
import type { IssueRow, PageStatusFilter, PagesQuery } from '@/lib/audits/explorer-types';
import { PAGE_STATUS_FILTERS } from '@/lib/audits/explorer-types';
import { severityLabel } from '@/lib/checks/labels';
import { SEVERITIES } from '@/lib/checks/types';
import { auditHref } from './explorer-links';

const STATUS_LABELS: Record<PageStatusFilter, string> = {
  ok: 'OK (2xx)',
  redirect: 'Redirects (3xx)',
  'client-error': 'Client errors (4xx)',
  'server-error': 'Server errors (5xx)',
  failed: 'Failed (no response)',
  blocked: 'Blocked by robots.txt',
};

export const PAGE_SIZES = [25, 50, 100, 200];

const FIELD = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-brand-500';

/**
 * The pages table's filters as a plain GET form: submitting it is a navigation to the filtered
 * URL (bookmarkable), and it goes back to page 1 because the page number is not part of the form.
 */
export function PagesFilters({ auditId, query, defaults, issues }: { auditId: string; query: PagesQuery; defaults: PagesQuery; issues: IssueRow[] }) {
  const filtered = Boolean(query.status || query.hasIssue || query.q);
  return (
    <form action={`/audits/${auditId}`} method="get" role="search" aria-label="Filter pages" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm">
      <input type="hidden" name="tab" value="pages" />
      {/* The sort stays as it is; left out when it is the default, to keep bookmarked URLs short. */}
      {query.sort !== defaults.sort && <input type="hidden" name="sort" value={query.sort} />}
      {query.order !== defaults.order && <input type="hidden" name="order" value={query.order} />}
      <label className="flex min-w-0 flex-1 basis-48 flex-col gap-1 text-xs font-medium text-slate-600">
        Search URL or title
        <input type="search" name="q" defaultValue={query.q ?? ''} placeholder="e.g. /blog/" className={FIELD} />
      </label>
      <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-600">
        Status
        <AutoSubmitSelect name="status" defaultValue={query.status ?? ''} className={FIELD}>
          <option value="">All statuses</option>
          {PAGE_STATUS_FILTERS.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </AutoSubmitSelect>
      </label>
      <label className="flex min-w-0 max-w-full flex-col gap-1 text-xs font-medium text-slate-600 sm:max-w-xs">
        Has issue
        <AutoSubmitSelect name="hasIssue" defaultValue={query.hasIssue ?? ''} className={`${FIELD} max-w-full`}>
          <option value="">Any (or none)</option>
          {SEVERITIES.map((severity) => {
            const list = issues.filter((i) => i.severity === severity);
            return list.length === 0 ? null : (
              <optgroup key={severity} label={severityLabel(severity)}>
                {list.map((i) => <option key={i.checkId} value={i.checkId}>{i.title} ({i.urls.toLocaleString('en')})</option>)}
              </optgroup>
            );
          })}
        </AutoSubmitSelect>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Per page
        <AutoSubmitSelect name="pageSize" defaultValue={String(query.pageSize)} className={FIELD}>
          {[...new Set([...PAGE_SIZES, query.pageSize])].sort((a, b) => a - b).map((n) => <option key={n} value={n}>{n}</option>)}
        </AutoSubmitSelect>
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500">
          Apply
        </button>
        {filtered && (
          <Link href={auditHref(auditId, { tab: 'pages' })} className="text-sm text-brand-600 underline focus-visible:outline-2 focus-visible:outline-brand-500">
            Reset filters
          </Link>
        )}
      </div>
    </form>
  );
}
