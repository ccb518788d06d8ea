import { BarChart, type BarDatum } from './bar-chart';

/**
 * A titled chart with its numbers also as a table for screen readers (an SVG of bars says
 * nothing to them), and an empty state instead of a blank axis.
 */
export function ChartCard({ title, data, valueName, horizontal, max, height, emptyText = 'Nothing to show yet.' }: {
  title: string;
  data: BarDatum[];
  valueName: string;
  horizontal?: boolean;
  max?: number;
  height?: number;
  emptyText?: string;
}) {
  const empty = data.every((d) => d.value === 0);
  return (
    <figure className="flex min-w-0 flex-col gap-2 rounded-lg bg-white p-4 shadow-sm">
      <figcaption className="font-medium">{title}</figcaption>
      {empty ? (
        <p className="py-8 text-center text-sm text-slate-500">{emptyText}</p>
      ) : (
        <div aria-hidden="true">
          <BarChart data={data} valueName={valueName} horizontal={horizontal} max={max} height={height} />
        </div>
      )}
      {!empty && (
        <table className="sr-only">
          <caption>{title}</caption>
          <thead><tr><th scope="col">Label</th><th scope="col">{valueName}</th></tr></thead>
          <tbody>{data.map((d) => <tr key={d.label}><th scope="row">{d.label}</th><td>{d.value}</td></tr>)}</tbody>
        </table>
      )}
    </figure>
  );
}
