// The shape of bench/results/latest.json (one schema: the runner parses what it writes, CI fails
// when a key is missing) and the one table `npm run bench` prints. Pure: no I/O here.
import { z } from 'zod';

const ms = z.number().nonnegative();
const rate = z.number().nonnegative();
const percentilesSchema = z.object({ n: z.number().int().nonnegative(), p50: ms, p95: ms, p99: ms });
const latencyByLoad = z.object({ idle: percentilesSchema, syncLoad: percentilesSchema, asyncLoad: percentilesSchema });
const capacityRun = z.object({ auditsPerMinute: rate, seconds: rate, completed: z.number().int(), failed: z.number().int(), pages: z.number().int(), workerPeakRssMb: rate.nullable() });
const queueRun = z.object({ concurrency: z.number().int().positive(), jobs: z.number().int().positive(), jobsPerSecond: rate, enqueueToStartP50Ms: ms, enqueueToStartP95Ms: ms });

export const benchResultsSchema = z.object({
  mode: z.enum(['quick', 'full']),
  startedAt: z.string(),
  durationSeconds: rate,
  machine: z.object({ cores: z.number().int().positive(), memGb: rate, node: z.string(), loadAvg1mAtStart: rate, loadAvg1mAtEnd: rate }),
  throughputRatio: rate,
  throughput: z.object({ pages: z.number().int().positive(), pipelinePagesPerSecond: rate, barePagesPerSecond: rate, workerPeakRssMb: rate, pipelineStatus: z.string() }),
  capacityRatio: rate,
  capacity: z.object({ audits: z.number().int().positive(), pagesPerAudit: z.number().int().positive(), siteLatencyMs: ms, cores: z.number().int().positive(), sync: capacityRun, async: capacityRun }),
  analyzeP50Ms: ms,
  analyzeP95Ms: ms,
  analyzeP99Ms: ms,
  analyzeP95UnderLoadMs: z.object({ sync: ms, async: ms }),
  latency: z.object({ analyze: latencyByLoad, dashboard: latencyByLoad }),
  enqueueToStartP95Ms: ms,
  trivialJobs: z.object({ c1: queueRun, c50: queueRun }),
  exportPeakRssMb: rate.nullable(),
  exportNote: z.string().nullable(),
});

export type BenchResults = z.infer<typeof benchResultsSchema>;

/**
 * Every number the issue asks for, by path into the results. `exportPeakRssMb` is null in --quick
 * mode (the export is not run) and required in the full run.
 */
export const REQUIRED_NUMBERS = [
  'throughputRatio',
  'throughput.workerPeakRssMb',
  'capacityRatio',
  'capacity.cores',
  'capacity.sync.auditsPerMinute',
  'capacity.async.auditsPerMinute',
  'analyzeP95Ms',
  'analyzeP95UnderLoadMs.sync',
  'analyzeP95UnderLoadMs.async',
  ...(['analyze', 'dashboard'] as const).flatMap((what) =>
    (['idle', 'syncLoad', 'asyncLoad'] as const).flatMap((load) => (['p50', 'p95', 'p99'] as const).map((p) => `latency.${what}.${load}.${p}`)),
  ),
  'enqueueToStartP95Ms',
  'trivialJobs.c1.jobsPerSecond',
  'trivialJobs.c50.jobsPerSecond',
  'exportPeakRssMb',
] as const;

/**
 * The required keys that are missing or not a finite number (NaN: a measurement that took no
 * samples). Empty when the run measured everything. Targets are not checked: only that a number exists.
 */
export function missingNumbers(results: unknown): string[] {
  const mode = (results as { mode?: unknown } | null)?.mode;
  return REQUIRED_NUMBERS.filter((key) => {
    const value = key.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), results);
    if (key === 'exportPeakRssMb' && mode === 'quick' && value === null) return false;
    return typeof value !== 'number' || !Number.isFinite(value);
  });
}

/** Ratio a ÷ b, 0 when b is 0 (a run that did nothing must not write Infinity into JSON). */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const pct = (p: z.infer<typeof percentilesSchema>) => `${f(p.p50)} / ${f(p.p95)} / ${f(p.p99)} ms (n=${p.n})`;

/** [metric, value, what it is compared with] rows, in the order the seed's promises are listed. */
export function resultRows(r: BenchResults): [string, string, string][] {
  const c = r.capacity;
  return [
    ['machine', `${r.machine.cores} cores, ${f(r.machine.memGb)} GB, node ${r.machine.node}`, `load ${f(r.machine.loadAvg1mAtStart, 2)} → ${f(r.machine.loadAvg1mAtEnd, 2)}`],
    ['throughputRatio', f(r.throughputRatio, 2), `pipeline ${f(r.throughput.pipelinePagesPerSecond)} ÷ bare ${f(r.throughput.barePagesPerSecond)} pages/s, ${r.throughput.pages} pages (target ≥ 0.33)`],
    ['worker peak RSS', `${f(r.throughput.workerPeakRssMb, 0)} MB`, 'during the throughput run'],
    ['capacityRatio', f(r.capacityRatio, 2), `queue ${f(c.async.auditsPerMinute)} ÷ sync ${f(c.sync.auditsPerMinute)} audits/min, ${c.audits} × ${c.pagesPerAudit} pages, ${c.cores} cores (seed: 1.25–5)`],
    ['analyze p50/p95/p99 idle', pct(r.latency.analyze.idle), 'seed: < 2000 ms'],
    ['analyze under sync load', pct(r.latency.analyze.syncLoad), 'audits in the web process'],
    ['analyze under async load', pct(r.latency.analyze.asyncLoad), 'audits in the worker'],
    ['dashboard idle', pct(r.latency.dashboard.idle), 'the dashboard page’s queries'],
    ['dashboard under sync load', pct(r.latency.dashboard.syncLoad), ''],
    ['dashboard under async load', pct(r.latency.dashboard.asyncLoad), ''],
    ['enqueueToStartP95Ms', f(r.enqueueToStartP95Ms), 'one job at a time, idle queue'],
    ['trivial jobs c=1', `${f(r.trivialJobs.c1.jobsPerSecond, 0)} jobs/s`, `${r.trivialJobs.c1.jobs} jobs`],
    ['trivial jobs c=50', `${f(r.trivialJobs.c50.jobsPerSecond, 0)} jobs/s`, `${r.trivialJobs.c50.jobs} jobs`],
    ['exportPeakRssMb', r.exportPeakRssMb === null ? 'null' : f(r.exportPeakRssMb, 0), r.exportNote ?? 'xlsx of a 10,000-page audit (target < 600 MB)'],
  ];
}

/** Left-aligned columns separated by two spaces, a rule under the header. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
