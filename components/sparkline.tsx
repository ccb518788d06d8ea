/**
 * A small line of scores (0–100), oldest left. The vertical range is the points' own, widened to
 * at least 10 points, so a 2-point wobble does not look like a cliff.
 */
export function Sparkline({ points, width = 96, height = 28, label }: { points: number[]; width?: number; height?: number; label: string }) {
  if (points.length < 2) return null;
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = Math.max(max - min, 10);
  const low = Math.max(0, Math.min(min - (span - (max - min)) / 2, 100 - span));
  const pad = 3;
  const x = (i: number) => pad + (i * (width - 2 * pad)) / (points.length - 1);
  const y = (v: number) => pad + (1 - (v - low) / span) * (height - 2 * pad);
  const path = points.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`).join(' ');
  const last = points.length - 1;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="shrink-0 text-brand-600">
      <title>{label}</title>
      <path d={path} fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={x(last)} cy={y(points[last]!)} r="3" fill="currentColor" />
    </svg>
  );
}
