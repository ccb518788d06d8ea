/** The 0–100 score as a ring coloured by how good it is; a dash when there is no score yet. */
export function ScoreCircle({ score, label = 'Score', testId = 'score' }: { score: number | null; label?: string; testId?: string }) {
  const color = score === null ? 'text-slate-400' : score >= 80 ? 'text-green-600' : score >= 50 ? 'text-amber-600' : 'text-red-600';
  return (
    <div
      className={`flex h-20 w-20 shrink-0 flex-col items-center justify-center rounded-full border-4 border-current ${color}`}
      data-testid={testId}
      role="img"
      aria-label={score === null ? `${label}: not scored yet` : `${label}: ${score} out of 100`}
    >
      <span className="text-2xl font-bold">{score ?? '—'}</span>
    </div>
  );
}
