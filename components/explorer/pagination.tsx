import Link from 'next/link';
import { countOf } from '@/lib/checks/labels';

const LINK = 'rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500';
const DISABLED = 'rounded-md border border-slate-200 px-3 py-1 text-slate-400';

/** "Page 3 of 40" with first/previous/next/last links; every page is a URL of its own. */
export function Pagination({ page, pageSize, total, href, noun, label }: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
  /** What is counted, singular ("page", "URL", "link"). */
  noun: string;
  label: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const step = (to: number, text: string, rel?: string) =>
    to >= 1 && to <= pages && to !== page ? (
      <Link href={href(to)} className={LINK} rel={rel}>{text}</Link>
    ) : (
      <span className={DISABLED} aria-disabled="true">{text}</span>
    );
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="text-slate-600">
        {first > last ? `Nothing on this page (${countOf(total, noun)} in all)` : `${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${countOf(total, noun)}`} · page {page.toLocaleString('en')} of {pages.toLocaleString('en')}
      </p>
      {(pages > 1 || page > pages) && (
        <div className="flex flex-wrap gap-1">
          {step(1, 'First')}
          {step(Math.min(page - 1, pages), 'Previous', 'prev')}
          {step(page + 1, 'Next', 'next')}
          {step(pages, 'Last')}
        </div>
      )}
    </nav>
  );
}
