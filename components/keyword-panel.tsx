import type { KeywordAnalysis } from '@/lib/analysis/keyword';

function Mark({ ok }: { ok: boolean }) {
  return <span className={ok ? 'text-green-600' : 'text-red-600'}>{ok ? '✓' : '✗'}</span>;
}

/** Where the target keyword appears on the page, its density and what to change. */
export function KeywordPanel({ k }: { k: KeywordAnalysis }) {
  const rows: [string, boolean, string?][] = [
    ['Title', k.title.found],
    ['Meta description', k.metaDescription.found],
    ['H1', k.h1.found, k.h1.text ?? undefined],
    ['H2 headings', k.h2s.matches.length > 0, `${k.h2s.matches.length} of ${k.h2s.total}`],
    ['URL', k.url.found, k.url.path],
    [`First ${k.firstWords.window} words`, k.firstWords.found],
    ['Image alt text', k.imageAlts.matches > 0, `${k.imageAlts.matches} of ${k.imageAlts.total}`],
    ['Anchor texts', k.anchorTexts.matches > 0, `${k.anchorTexts.matches} of ${k.anchorTexts.total}`],
  ];
  return (
    <section className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm" data-testid="keyword">
      <h2 className="text-lg font-semibold">Keyword “{k.keyword}”</h2>
      <div className="flex flex-wrap gap-6 text-sm">
        <span><span className="font-medium">{k.count}</span> occurrences</span>
        <span>density <span className="font-medium">{k.density.toFixed(2)}%</span>{k.stuffing && <span className="ml-1 text-red-600">(keyword stuffing)</span>}</span>
        <span>prominence <span className="font-medium">{k.prominence}</span>/100</span>
      </div>
      <ul className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-2">
        {rows.map(([label, ok, note]) => (
          <li key={label}><Mark ok={ok} /> {label}{note ? <span className="text-slate-500"> — {note}</span> : null}</li>
        ))}
      </ul>
      {k.suggestions.length > 0 && (
        <div className="text-sm">
          <p className="font-medium">Suggestions</p>
          <ul className="list-disc pl-5">{k.suggestions.map((s) => <li key={s}>{s}</li>)}</ul>
        </div>
      )}
      {k.relatedTerms.length > 0 && (
        <p className="text-sm text-slate-600">Related terms on the page: {k.relatedTerms.slice(0, 12).map((t) => t.term).join(', ')}</p>
      )}
    </section>
  );
}
