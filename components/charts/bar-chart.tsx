'use client';

import { Bar, BarChart as RechartsBarChart, CartesianGrid, LabelList, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';

export type BarDatum = { label: string; value: number; color: string };

// Each bar carries its own colour (severity, score band) in its datum.
const colouredBar = (props: BarShapeProps) => <Rectangle {...props} fill={(props.payload as BarDatum).color} />;
// One failed page among thousands still shows as a sliver; an empty bucket stays empty.
const minPointSize = (value: number | null | undefined) => (value ? 2 : 0);

/**
 * Bars for labelled counts or scores. Horizontal bars suit long labels (categories); columns suit
 * ordered buckets (status codes, depths, response times). Drawn without animation, so it reads the
 * same on every render and for people who prefer reduced motion.
 */
export function BarChart({ data, valueName, horizontal = false, max, height = 220 }: {
  data: BarDatum[];
  /** What a value counts, for the tooltip ("pages", "findings", "score"). */
  valueName: string;
  horizontal?: boolean;
  /** Fixed end of the value axis (100 for scores); counts scale to their data. */
  max?: number;
  height?: number;
}) {
  const domain: [number, number | 'auto'] = [0, max ?? 'auto'];
  return (
    <RechartsBarChart
      responsive
      // The numbers are also in ChartCard's table for screen readers; a second, keyboard-driven copy would only repeat them.
      accessibilityLayer={false}
      data={data}
      layout={horizontal ? 'vertical' : 'horizontal'}
      margin={{ top: horizontal ? 4 : 20, right: horizontal ? 40 : 12, bottom: 4, left: 0 }}
      style={{ width: '100%', height }}
    >
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={horizontal} horizontal={!horizontal} />
      {horizontal ? (
        <>
          <XAxis type="number" domain={domain} allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={128} tick={{ fontSize: 12 }} interval={0} />
        </>
      ) : (
        <>
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis domain={domain} allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
        </>
      )}
      <Tooltip formatter={(value) => [value, valueName]} cursor={{ fill: '#f1f5f9' }} />
      <Bar dataKey="value" name={valueName} shape={colouredBar} minPointSize={minPointSize} isAnimationActive={false} maxBarSize={48}>
        {/* The exact number on each bar: small counts (one 404 among thousands of 200s) matter most. */}
        <LabelList dataKey="value" position={horizontal ? 'right' : 'top'} fontSize={11} fill="#475569" />
      </Bar>
    </RechartsBarChart>
  );
}
