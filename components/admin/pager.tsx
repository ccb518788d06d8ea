import Link from 'next/link';

/** Previous/next links for a server-paginated admin list; `href(page)` builds each link. */
export function Pager({ page, total, pageSize, href, label }: { page: number; total: number; pageSize: number; href: (page: number) => string; label: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const linkClass = 'rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100';
  return (
    <nav aria-label={label} className="flex items-center gap-3 text-sm">
      {page > 1 ? <Link href={href(page - 1)} className={linkClass} rel="prev">Previous</Link> : <span className="px-2 py-0.5 text-slate-400">Previous</span>}
      <span className="text-slate-600">Page {Math.min(page, pages)} of {pages}</span>
      {page < pages ? <Link href={href(page + 1)} className={linkClass} rel="next">Next</Link> : <span className="px-2 py-0.5 text-slate-400">Next</span>}
    </nav>
  );
}
