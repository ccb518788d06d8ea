import Link from 'next/link';
import { SeverityBadge } from '@/components/severity-badge';
import type { PageFinding } from '@/lib/audits/explorer-types';
import { categoryLabel } from '@/lib/checks/labels';

// Why and how to fix are open on the most severe few, one click away on the rest.
const OPEN_FIRST = 3;

/** A page's findings, most severe first as stored, each with what exactly was found, why it matters and how to fix it. */
export function PageFindings({ findings, issueHref }: { findings: PageFinding[]; issueHref: (checkId: string) => string }) {
  return (
    <section className="flex flex-col gap-3" aria-labelledby="page-findings-heading" data-testid="page-findings">
      <h2 id="page-findings-heading" className="text-lg font-semibold">Findings ({findings.length})</h2>
      {findings.length === 0 ? (
        <p className="rounded-lg bg-white p-4 text-sm text-slate-600 shadow-sm">No issues found on this page.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {findings.map((f, i) => (
            <li key={`${f.checkId}-${i}`}>
              <details open={i < OPEN_FIRST} className="group rounded-lg bg-white shadow-sm">
                <summary className="flex cursor-pointer list-none flex-wrap items-start gap-x-3 gap-y-1 rounded-lg p-3 focus-visible:outline-2 focus-visible:outline-brand-500 [&::-webkit-details-marker]:hidden">
                  <span aria-hidden="true" className="mt-0.5 text-slate-400 transition-transform group-open:rotate-90">▸</span>
                  <SeverityBadge severity={f.severity} />
                  <span className="min-w-0 flex-1">
                    <span className="font-medium">{f.title}</span>
                    <span className="block wrap-anywhere text-sm text-slate-600">{f.message}</span>
                  </span>
                </summary>
                <div className="flex flex-col gap-2 border-t border-slate-100 px-3 pt-2 pb-3 text-sm sm:pl-9">
                  <p><span className="font-semibold">Why it matters: </span>{f.why}</p>
                  <p><span className="font-semibold">How to fix: </span>{f.fix}</p>
                  <p className="text-slate-500">
                    {categoryLabel(f.category)} ·{' '}
                    <Link href={issueHref(f.checkId)} className="text-brand-600 underline focus-visible:outline-2 focus-visible:outline-brand-500">Every page with this issue</Link>
                  </p>
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
