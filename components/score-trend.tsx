'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

export type TrendPoint = {
  /** The audit's id: one point per finished audit. */
  id: string;
  /** When it ran, as the axis shows it ("3 Dec 14:05"), formatted on the server. */
  label: string;
  overall: number;
  categories: Record<string, number>;
};

export type TrendSeries = { key: string; label: string; color: string };

/**
 * The overall score and each category's score, one point per finished audit, oldest left. Drawn
 * without animation so it reads the same on every render; the numbers are also in the page's table.
 */
export function ScoreTrend({ points, series, height = 320 }: { points: TrendPoint[]; series: TrendSeries[]; height?: number }) {
  const data = points.map((p) => ({ id: p.id, label: p.label, overall: p.overall, ...p.categories }));
  return (
    <LineChart responsive accessibilityLayer={false} data={data} margin={{ top: 12, right: 16, bottom: 4, left: 0 }} style={{ width: '100%', height }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      {/* Padded so the first and last labels fit; with few audits every one is shown. */}
      <XAxis dataKey="label" tick={{ fontSize: 12 }} padding={{ left: 48, right: 48 }} interval="preserveStartEnd" />
      <YAxis domain={[0, 100]} allowDecimals={false} width={36} tick={{ fontSize: 12 }} />
      <Tooltip />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {/* Thin category lines first, so the overall line is drawn on top of them. */}
      {series.map((s) => (
        <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={1} dot={{ r: 2 }} isAnimationActive={false} connectNulls />
      ))}
      <Line dataKey="overall" name="Overall" stroke="#0f172a" strokeWidth={3} dot={{ r: 5, className: 'trend-overall-dot' }} isAnimationActive={false} />
    </LineChart>
  );
}
