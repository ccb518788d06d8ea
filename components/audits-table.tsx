import Link from 'next/link';
import { ScoreText } from '@/components/score-text';
import { StatusBadge } from '@/components/status-badge';
import { TimeAgo } from '@/components/time-ago';
import { countOf } from '@/lib/checks/labels';
import { kindLabel } from '@/lib/audits/list-audits';

export type AuditListRow = {
  id: string;
  kind: string;
  status: string;
  url: string;
  score: number | null;
  pagesDone: number;
  pagesFailed?: number;
  createdAt: Date;
};

function describeRun(a: AuditListRow): string {
  if (a.kind === 'SINGLE') return kindLabel(a.kind);
  const unit = a.kind === 'BULK' ? 'URL' : 'page';
  const failed = a.pagesFailed ? ` · ${a.pagesFailed.toLocaleString('en')} failed` : '';
  return `${kindLabel(a.kind)} · ${countOf(a.pagesDone, unit)}${failed}`;
}

/**
 * Audits as a table: the URL (a link to the audit, cut with an ellipsis when long) with its kind
 * and size below it, then status, score and when it started. On a phone the score and the date
 * move under the URL, so the URL keeps the room; the table never widens the page.
 */
export function AuditsTable({ audits, caption }: { audits: AuditListRow[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full table-fixed text-left text-sm" data-testid="audits-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th scope="col" className="p-3 font-medium">URL</th>
            <th scope="col" className="w-32 p-3 font-medium sm:w-48">Status</th>
            <th scope="col" className="hidden w-20 p-3 text-right font-medium sm:table-cell">Score</th>
            <th scope="col" className="hidden w-32 p-3 font-medium sm:table-cell">Started</th>
          </tr>
        </thead>
        <tbody>
          {audits.map((a) => (
            <tr key={a.id} className="border-b border-slate-100 align-top last:border-0 hover:bg-slate-50">
              <td className="p-3">
                <Link
                  href={`/audits/${a.id}`}
                  className="line-clamp-2 break-all font-mono text-xs text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 sm:line-clamp-1"
                  title={a.url}
                >
                  {a.url}
                </Link>
                <span className="mt-0.5 block text-xs text-slate-500">
                  {describeRun(a)}
                  <span className="sm:hidden">
                    {a.score !== null && <> · score <ScoreText score={a.score} /></>} · <TimeAgo date={a.createdAt} />
                  </span>
                </span>
              </td>
              <td className="p-3"><StatusBadge status={a.status} /></td>
              <td className="hidden p-3 text-right sm:table-cell"><ScoreText score={a.score} /></td>
              <td className="hidden p-3 text-slate-500 sm:table-cell"><TimeAgo date={a.createdAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
