import { ChartCard } from '@/components/charts/chart-card';
import { NEUTRAL_COLOR, SEVERITY_COLORS, scoreColor } from '@/components/charts/chart-colors';
import type { DailyAggregateView } from '@/lib/maintenance/daily-aggregates';

type JobDurationRow = { jobName: string; count: number; failed: number; p50Ms: number; p95Ms: number };

/** "12-01" (UTC): 14 bars leave no room for more. */
const shortDay = (day: string) => day.slice(5);

/** "850 ms", "12.4 s", "3.2 min". */
function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** The admin overview's activity charts, from the daily aggregates (maintenance.daily-aggregates, hourly). */
export function DailyCharts({ days, durations }: { days: DailyAggregateView[]; durations: JobDurationRow[] }) {
  const bars = (value: (d: DailyAggregateView) => number, color: (v: number) => string = () => NEUTRAL_COLOR) =>
    days.map((d) => ({ label: shortDay(d.day), value: value(d), color: color(value(d)) }));
  const empty = 'No data yet: the daily aggregates task runs every hour.';
  return (
    <section className="flex flex-col gap-3" aria-labelledby="activity-heading" data-testid="daily-charts">
      <h2 id="activity-heading" className="text-lg font-semibold">Activity, last {days.length} days <span className="text-sm font-normal text-slate-500">(UTC days)</span></h2>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <ChartCard title="Audits started per day" data={bars((d) => d.auditsStarted)} valueName="Audits" emptyText={empty} />
        <ChartCard title="Audits failed per day" data={bars((d) => d.auditsFailed, () => SEVERITY_COLORS.critical)} valueName="Failed audits" emptyText="No failed audits." />
        <ChartCard title="Average score of completed audits" data={bars((d) => Math.round(d.avgScore ?? 0), scoreColor)} valueName="Average score" max={100} emptyText={empty} />
        <ChartCard title="Pages crawled per day" data={bars((d) => d.pagesCrawled)} valueName="Pages" emptyText={empty} />
      </div>
      <div className="overflow-x-auto">
        <table className="min-w-full bg-white text-left text-sm shadow-sm" data-testid="job-durations">
          <caption className="p-2 text-left font-medium">Job durations, last 7 days (the slowest day&rsquo;s p50 and p95)</caption>
          <thead className="border-b text-slate-500">
            <tr><th className="p-2">Job</th><th className="p-2">Finished</th><th className="p-2">Failed for good</th><th className="p-2">p50</th><th className="p-2">p95</th></tr>
          </thead>
          <tbody>
            {durations.map((d) => (
              <tr key={d.jobName} className="border-b last:border-0">
                <th scope="row" className="p-2 font-mono text-xs font-normal">{d.jobName}</th>
                <td className="p-2">{d.count}</td>
                <td className={`p-2 ${d.failed ? 'text-red-700' : ''}`}>{d.failed}</td>
                <td className="p-2">{formatMs(d.p50Ms)}</td>
                <td className="p-2">{formatMs(d.p95Ms)}</td>
              </tr>
            ))}
            {durations.length === 0 && <tr><td colSpan={5} className="p-2 text-slate-500">No finished jobs recorded yet.</td></tr>}
          </tbody>
        </table>
      </div>
    </section>
  );
}
