import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { FindingsList } from '@/components/findings-list';
import { KeywordPanel } from '@/components/keyword-panel';
import { LiveProgress } from '@/components/live-progress';
import { StatusBadge } from '@/components/status-badge';
import { countOf, describeInvalidLines, readBulkOptions } from '@/lib/audits/audit-input';
import { readCategoryScores } from '@/lib/audits/audit-json';
import { getAuditForUser, getKeywordAnalysis, listFindings, listPages, toFinding } from '@/lib/audits/audit-queries';
import { getAuditSnapshot } from '@/lib/audits/audit-snapshot';
import { requirePageUser } from '@/lib/auth/require-user';
import { AppError } from '@/lib/errors';
import { isTerminal } from '@/lib/progress/events';
import { CancelButton } from './cancel-button';

export const metadata: Metadata = { title: 'Audit' };
export const dynamic = 'force-dynamic';

function ScoreCircle({ score }: { score: number | null }) {
  const color = score === null ? 'text-slate-400' : score >= 80 ? 'text-green-600' : score >= 50 ? 'text-amber-600' : 'text-red-600';
  return (
    <div className={`flex h-20 w-20 flex-col items-center justify-center rounded-full border-4 border-current ${color}`} data-testid="score">
      <span className="text-2xl font-bold">{score ?? '—'}</span>
    </div>
  );
}

export default async function AuditPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser();
  const { id } = await params;
  const query = await searchParams;
  const audit = await getAuditForUser(id, user).catch((err) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  const terminal = isTerminal(audit.status);
  const single = audit.kind === 'SINGLE';
  const [snapshot, findingRows, pages, keyword] = await Promise.all([
    getAuditSnapshot(id),
    terminal ? listFindings(id, { take: 5_000 }) : [],
    single ? [] : listPages(id, 500),
    single ? getKeywordAnalysis(id) : null,
  ]);
  const findings = findingRows.map(toFinding);
  // What the bulk input left out, stored with the audit (older bulk audits have no such record).
  const bulk = audit.kind === 'BULK' ? readBulkOptions(audit.options) : null;
  const skipped = bulk?.skipped;
  // Set by the analyze form when the URL was typed without a scheme; only these two words are shown.
  const schemeUsed = single && (query.scheme === 'http' || query.scheme === 'https') ? query.scheme : null;
  const categoryScores = Object.entries(readCategoryScores(audit.categoryScores)).sort((a, b) => a[1] - b[1]);

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-center gap-6">
        <ScoreCircle score={audit.score} />
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <p className="text-sm text-slate-500">{audit.kind.toLowerCase()} analysis · <StatusBadge status={audit.status} /></p>
          <h1 className="truncate text-xl font-bold" title={audit.url}>{audit.url}</h1>
          {audit.error && <p className="whitespace-pre-line text-sm text-amber-700" data-testid="audit-error">{audit.error}</p>}
          {schemeUsed && (
            <p className="text-sm text-slate-600" data-testid="scheme-note">
              {schemeUsed === 'http' ? 'No scheme given: https:// did not answer, so http:// was used.' : 'No scheme given: https:// was used.'}
            </p>
          )}
          {skipped && (
            <p className="text-sm text-slate-600" data-testid="bulk-input-summary">
              {countOf(bulk?.urls.length ?? 0, 'URL')} queued · {countOf(skipped.invalidTotal, 'invalid line')} skipped · {countOf(skipped.duplicates, 'duplicate')} removed
            </p>
          )}
        </div>
        {!terminal && <CancelButton id={id} />}
        {terminal && !single && (
          <a href={`/api/audits/${id}`} className="text-sm text-brand-600 underline">JSON</a>
        )}
      </header>

      {skipped && skipped.invalidTotal > 0 && (
        <details className="rounded-lg bg-white p-4 text-sm shadow-sm" open={skipped.invalidTotal <= 10} data-testid="invalid-lines">
          <summary className="cursor-pointer font-medium">Skipped {countOf(skipped.invalidTotal, 'invalid line')}</summary>
          <ul className="mt-2 list-disc pl-5 text-amber-800">
            {describeInvalidLines(skipped.invalid, 100, skipped.invalidTotal).map((line, i) => <li key={i}>{line}</li>)}
          </ul>
        </details>
      )}

      {snapshot && !single && <LiveProgress initial={snapshot} />}

      {categoryScores.length > 0 && (
        <section className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-5" data-testid="category-scores">
          {categoryScores.map(([category, score]) => (
            <div key={category} className="rounded-lg bg-white p-3 shadow-sm">
              <p className="text-xs capitalize text-slate-500">{category.replaceAll('-', ' ')}</p>
              <p className="text-lg font-semibold">{score}</p>
              <div className="mt-1 h-1.5 rounded bg-slate-200"><div className={`h-full rounded ${score >= 80 ? 'bg-green-500' : score >= 50 ? 'bg-amber-500' : 'bg-red-500'}`} style={{ width: `${score}%` }} /></div>
            </div>
          ))}
        </section>
      )}

      {keyword && <KeywordPanel k={keyword} />}

      {terminal && (
        <section className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">Findings ({findings.length})</h2>
          <FindingsList findings={findings} />
        </section>
      )}

      {pages.length > 0 && (
        <section className="flex flex-col gap-2">
          <h2 className="text-lg font-semibold">Pages ({audit.pagesDone})</h2>
          <table className="w-full bg-white text-left text-sm shadow-sm" data-testid="pages">
            <thead className="border-b text-slate-500"><tr><th className="p-2">URL</th><th className="p-2">Status</th><th className="p-2">Depth</th><th className="p-2">Score</th><th className="p-2">Problem</th></tr></thead>
            <tbody>
              {pages.map((p) => (
                <tr key={p.id} className="border-b last:border-0">
                  <td className="max-w-md truncate p-2 font-mono text-xs" title={p.url}>{p.url}</td>
                  <td className="p-2">{p.status || '—'}</td>
                  <td className="p-2">{p.depth ?? '—'}</td>
                  <td className="p-2">{p.score ?? '—'}</td>
                  <td className="whitespace-pre-line p-2 text-xs text-amber-700">{p.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
