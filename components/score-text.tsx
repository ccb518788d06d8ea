/** Text colour of a 0–100 score: green from 80, amber from 50, red below. */
export function scoreColor(score: number | null): string {
  return score === null ? 'text-slate-400' : score >= 80 ? 'text-green-700' : score >= 50 ? 'text-amber-700' : 'text-red-700';
}

/** A score as a coloured number, or a dash when there is none (yet). */
export function ScoreText({ score, className = '' }: { score: number | null; className?: string }) {
  return <span className={`font-semibold tabular-nums ${scoreColor(score)} ${className}`}>{score ?? '—'}</span>;
}
