import Link from 'next/link';
import { SeverityBadge } from '@/components/severity-badge';
import { countOf } from '@/lib/checks/labels';
import type { ScoreExplanation as Explanation } from '@/lib/audits/explorer-types';
import { categoryLabel } from '@/lib/checks/labels';
import { formatPoints, roundPoints } from './format';

// The costliest lines explain most of the score; the long tail of fractions of a point waits behind a click.
const SHOWN_LINES = 10;

type Line = Explanation['lines'][number];

function ExplanationLine({ line, issueHref }: { line: Line; issueHref?: (checkId: string) => string }) {
  const points = roundPoints(line.points);
  return (
    <li className="grid grid-cols-[4.5rem_1fr] items-baseline gap-x-3 py-2">
      <span className="text-right font-semibold tabular-nums text-red-700">
        −{points.toLocaleString('en')}<span className="sr-only"> {points === 1 ? 'point' : 'points'}</span>
      </span>
      <span className="min-w-0">
        <span className="mr-2 inline-block align-middle"><SeverityBadge severity={line.severity} /></span>
        {issueHref ? (
          <Link href={issueHref(line.checkId)} className="font-medium underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">{line.title}</Link>
        ) : (
          <span className="font-medium">{line.title}</span>
        )}
        <span className="block text-slate-500">{categoryLabel(line.category)} · {countOf(line.count, 'occurrence')}</span>
      </span>
    </li>
  );
}

/** Which findings cost how many points, most costly first, and how the number is made. */
export function ScoreExplanation({ explanation, issueHref, emptyText }: {
  explanation: Explanation | null;
  /** Links each line to its issue's affected URLs, when there is such a view. */
  issueHref?: (checkId: string) => string;
  emptyText: string;
}) {
  if (!explanation) return <p className="text-sm text-slate-500" data-testid="score-explanation">{emptyText}</p>;
  const shown = explanation.lines.slice(0, SHOWN_LINES);
  const rest = explanation.lines.slice(SHOWN_LINES);
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="score-explanation">
      <p className="text-slate-600">{explanation.note}</p>
      {explanation.lines.length === 0 ? (
        <p className="text-slate-500">No finding costs any points.</p>
      ) : (
        <>
          <p className="grid grid-cols-[4.5rem_1fr] gap-x-3 border-b border-slate-200 pb-1 text-xs font-medium text-slate-500" aria-hidden="true">
            <span className="text-right">Points</span><span>Issue</span>
          </p>
          <ol className="-mt-3 flex flex-col divide-y divide-slate-100">
            {shown.map((line) => <ExplanationLine key={line.checkId} line={line} issueHref={issueHref} />)}
          </ol>
          {rest.length > 0 && (
            <details>
              <summary className="cursor-pointer text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-500">
                {countOf(rest.length, 'more issue')} costing {formatPoints(rest.reduce((sum, l) => sum + l.points, 0))} together
              </summary>
              <ol className="flex flex-col divide-y divide-slate-100">
                {rest.map((line) => <ExplanationLine key={line.checkId} line={line} issueHref={issueHref} />)}
              </ol>
            </details>
          )}
        </>
      )}
    </div>
  );
}
