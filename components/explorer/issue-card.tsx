import Link from 'next/link';
import { SeverityBadge } from '@/components/severity-badge';
import { countOf } from '@/lib/checks/labels';
import type { IssueRow } from '@/lib/audits/explorer-types';
import { categoryLabel } from '@/lib/checks/labels';
import { formatPoints } from './format';

/**
 * One issue of an audit: what it is and how many URLs it affects at a glance; why it matters and
 * how to fix it one click away (or already open), with the way to its affected URLs.
 */
export function IssueCard({ issue, href, open = false, showImpact = false }: { issue: IssueRow; href: string; open?: boolean; showImpact?: boolean }) {
  return (
    <details open={open} className="group rounded-lg bg-white shadow-sm">
      <summary className="flex cursor-pointer list-none flex-wrap items-start gap-x-3 gap-y-1 rounded-lg p-3 focus-visible:outline-2 focus-visible:outline-brand-500 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="mt-0.5 text-slate-400 transition-transform group-open:rotate-90">▸</span>
        <SeverityBadge severity={issue.severity} />
        <span className="min-w-0 flex-1">
          <span className="font-medium">{issue.title}</span>
          <span className="block text-sm text-slate-500">
            {categoryLabel(issue.category)} · {countOf(issue.urls, 'URL')} affected
            {showImpact && issue.impact > 0 && <> · costs {formatPoints(issue.impact)}</>}
          </span>
        </span>
      </summary>
      <div className="flex flex-col gap-2 border-t border-slate-100 px-3 pt-2 pb-3 text-sm sm:pl-9">
        <p><span className="font-semibold">Why it matters: </span>{issue.why}</p>
        <p><span className="font-semibold">How to fix: </span>{issue.fix}</p>
        <p>
          <Link href={href} className="font-medium text-brand-600 underline focus-visible:outline-2 focus-visible:outline-brand-500">
            See the {countOf(issue.urls, 'affected URL')}
          </Link>
        </p>
      </div>
    </details>
  );
}
