import { FindingsList } from '@/components/findings-list';
import { KeywordPanel } from '@/components/keyword-panel';
import { readCategoryScores } from '@/lib/audits/audit-json';
import { getKeywordAnalysis, listFindings, toFinding } from '@/lib/audits/audit-queries';
import { categoryLabel } from '@/lib/checks/labels';
import { isTerminal } from '@/lib/progress/events';
import type { AuditRecord } from './audit-access';

// A single page has a few dozen findings at most: they are all listed on one page.
const MAX_SINGLE_FINDINGS = 5_000;

/** An instant analysis of one page: its category scores, keyword report and findings. */
export async function SingleAuditView({ audit }: { audit: AuditRecord }) {
  const terminal = isTerminal(audit.status);
  const [findingRows, keyword] = await Promise.all([
    terminal ? listFindings(audit.id, { take: MAX_SINGLE_FINDINGS }) : [],
    getKeywordAnalysis(audit.id),
  ]);
  const findings = findingRows.map(toFinding);
  const categoryScores = Object.entries(readCategoryScores(audit.categoryScores)).sort((a, b) => a[1] - b[1]);
  return (
    <>
      {categoryScores.length > 0 && (
        <section className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-5" data-testid="category-scores" aria-label="Score by category">
          {categoryScores.map(([category, score]) => (
            <div key={category} className="rounded-lg bg-white p-3 shadow-sm">
              <p className="text-xs text-slate-500">{categoryLabel(category)}</p>
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
    </>
  );
}
