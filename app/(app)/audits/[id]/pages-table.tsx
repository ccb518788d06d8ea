import Link from 'next/link';
import { HttpStatus } from '@/components/explorer/http-status';
import { formatNumber } from '@/components/explorer/format';
import type { PageRow, PageSort, PagesQuery } from '@/lib/audits/explorer-types';
import { pageDetailHref, queryOf } from './explorer-links';
import { pagesHref, sortHref } from './pages-links';

const COLUMNS: { key: PageSort; label: string; numeric?: boolean }[] = [
  { key: 'url', label: 'URL' },
  { key: 'status', label: 'Status' },
  { key: 'depth', label: 'Depth', numeric: true },
  { key: 'title', label: 'Title' },
  { key: 'wordCount', label: 'Words', numeric: true },
  { key: 'loadMs', label: 'Load (ms)', numeric: true },
  { key: 'score', label: 'Score', numeric: true },
  { key: 'findings', label: 'Findings', numeric: true },
];

function SortHeader({ column, query, href }: { column: (typeof COLUMNS)[number]; query: PagesQuery; href: string }) {
  const sorted = query.sort === column.key;
  const arrow = sorted ? (query.order === 'asc' ? '↑' : '↓') : '';
  return (
    <th scope="col" aria-sort={sorted ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none'} className={`whitespace-nowrap p-2 font-medium ${column.numeric ? 'text-right' : ''}`}>
      <Link href={href} className={`inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500 ${sorted ? 'text-slate-900' : ''}`}>
        {column.label}
        <span aria-hidden="true" className="w-3 text-xs">{arrow}</span>
        <span className="sr-only">{sorted ? `, sorted ${query.order === 'asc' ? 'ascending' : 'descending'}; sort the other way` : ', sort by this column'}</span>
      </Link>
    </th>
  );
}

/** One page of the audit's pages, each row opening the page's detail. */
export function PagesTable({ auditId, rows, query, defaults }: { auditId: string; rows: PageRow[]; query: PagesQuery; defaults: PagesQuery }) {
  // A page detail opened from here comes back to this very view (filters, sort and page).
  const from = queryOf(pagesHref(auditId, query, defaults));
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full min-w-[56rem] text-left text-sm" data-testid="pages-table">
        <caption className="sr-only">Crawled pages</caption>
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>{COLUMNS.map((c) => <SortHeader key={c.key} column={c} query={query} href={sortHref(auditId, query, defaults, c.key)} />)}</tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id} className="border-b border-slate-100 align-top last:border-0 hover:bg-slate-50">
              <td className="max-w-xs p-2">
                <Link href={pageDetailHref(auditId, p.id, { from })} className="break-all font-mono text-xs text-brand-600 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
                  {p.url}
                </Link>
                {p.error && <p className="mt-1 whitespace-pre-line text-xs text-amber-700">{p.error}</p>}
              </td>
              <td className="p-2"><HttpStatus status={p.status} /></td>
              <td className="p-2 text-right tabular-nums">{p.depth === null ? <span title="Not linked from the start page">—</span> : formatNumber(p.depth)}</td>
              <td className="max-w-56 p-2"><span className="line-clamp-2 wrap-anywhere" title={p.title ?? undefined}>{p.title ?? <span className="text-slate-400">—</span>}</span></td>
              <td className="p-2 text-right tabular-nums">{formatNumber(p.wordCount)}</td>
              <td className="p-2 text-right tabular-nums">{formatNumber(p.loadMs)}</td>
              <td className="p-2 text-right tabular-nums">{formatNumber(p.score)}</td>
              <td className="p-2 text-right tabular-nums">{formatNumber(p.findings)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
