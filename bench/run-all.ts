// `npm run bench [-- --quick]`: the seed's promises measured side by side in one run. Prints one
// table and writes bench/results/latest.json (schema in bench/results.ts). Exits non-zero only when
// something broke (a crashed step, a failed audit, a missing key), never because of a number.
// The full mode takes 1.5 minutes on 2 idle cores, up to 5.5 on busy ones (docs/benchmarks.md); --quick (CI) stays
// well under 3 (30–90 s).
import './bench-env';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { db } from '@/lib/db';
import { closeAnalysisPool } from '@/lib/audits/analysis-pool';
import { closeQueues } from '@/lib/queue/queues';
import { measureThroughput } from './audit-throughput';
import { deleteBenchKeys } from './cleanup';
import { analyzeBenchPage, startBenchPageServer } from './analyze-latency';
import { BENCH_USER_EMAIL, ensureBenchUser, loadDashboard, type LoadRun, measureLoad } from './capacity';
import { measureExport } from './report-export';
import { measureEnqueueToStart, measureTrivialJobs } from './queue-jobs';
import { type BenchResults, benchResultsSchema, formatTable, missingNumbers, ratio, resultRows } from './results';
import { percentiles, sampleLatency } from './stats';

const quick = process.argv.includes('--quick');
const plan = quick
  ? { throughputPages: 300, warmupPages: 50, audits: 5, pagesPerAudit: 60, siteLatencyMs: 20, idleSamples: 30, maxLoadSamples: 60, latencyJobs: 100, trivialJobs: 1_000, exportPages: null }
  : { throughputPages: 2_000, warmupPages: 300, audits: 5, pagesPerAudit: 400, siteLatencyMs: 20, idleSamples: 100, maxLoadSamples: 300, latencyJobs: 300, trivialJobs: 5_000, exportPages: 10_000 };
const OUT = path.join('bench', 'results', 'latest.json');

const step = (what: string) => console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(0)} s] ${what}`);
const t0 = performance.now();

/** A load run without its latency samples (those are summarised under `latency`). */
function toCapacityRun(r: LoadRun): BenchResults['capacity']['sync'] {
  return { auditsPerMinute: r.auditsPerMinute, seconds: r.seconds, completed: r.completed, failed: r.failed, pages: r.pages, workerPeakRssMb: r.workerPeakRssMb };
}

async function run(): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0]!;
  step(`throughput: ${plan.throughputPages} pages, pipeline vs bare loop`);
  const throughput = await measureThroughput(plan.throughputPages, plan.warmupPages);
  if (throughput.pipelineStatus !== 'COMPLETED') throw new Error(`throughput audit ended ${throughput.pipelineStatus}`);

  const page = await startBenchPageServer();
  const user = await ensureBenchUser();
  try {
    const load = { audits: plan.audits, pagesPerAudit: plan.pagesPerAudit, siteLatencyMs: plan.siteLatencyMs, maxSamples: plan.maxLoadSamples, benchPageUrl: page.url, userId: user.id };
    step(`capacity, sync: ${plan.audits} audits × ${plan.pagesPerAudit} pages in this process, sampling analysis and dashboard meanwhile`);
    const sync = await measureLoad('sync', load);
    step(`idle: ${plan.idleSamples} analyses and dashboard loads`);
    const idleAnalyze = await sampleLatency(plan.idleSamples, () => analyzeBenchPage(page.url));
    const idleDashboard = await sampleLatency(plan.idleSamples, () => loadDashboard(user.id));
    step(`capacity, async: ${plan.audits} audits × ${plan.pagesPerAudit} pages through the queue to a worker process`);
    const async = await measureLoad('async', load);
    for (const [mode, r] of [['sync', sync], ['async', async]] as const) if (r.failed > 0) throw new Error(`${r.failed} of ${plan.audits} ${mode} audits did not complete`);

    step(`queue: enqueue → start (${plan.latencyJobs} jobs), trivial jobs at concurrency 1 and 50 (${plan.trivialJobs} each)`);
    const enqueueToStart = percentiles(await measureEnqueueToStart(plan.latencyJobs));
    const c1 = await measureTrivialJobs(plan.trivialJobs, 1);
    const c50 = await measureTrivialJobs(plan.trivialJobs, 50);

    let exportPeakRssMb: number | null = null;
    let exportNote: string | null = 'skipped in --quick mode (seeding and exporting a 10,000-page audit takes minutes); see the full run';
    if (plan.exportPages) {
      step(`export: xlsx and csv of a ${plan.exportPages}-page audit`);
      const exp = await measureExport(plan.exportPages);
      exportPeakRssMb = exp.xlsx.maxRssMb;
      exportNote = `xlsx ${exp.xlsx.rows} rows in ${(exp.xlsx.ms / 1000).toFixed(1)} s; csv peak ${exp.csv.maxRssMb.toFixed(0)} MB (target < 600 MB)`;
    }

    const idle = { analyze: percentiles(idleAnalyze), dashboard: percentiles(idleDashboard) };
    const syncLoad = { analyze: percentiles(sync.analyzeMs), dashboard: percentiles(sync.dashboardMs) };
    const asyncLoad = { analyze: percentiles(async.analyzeMs), dashboard: percentiles(async.dashboardMs) };
    return {
      mode: quick ? 'quick' : 'full',
      startedAt,
      durationSeconds: (performance.now() - t0) / 1000,
      machine: { cores: os.availableParallelism(), memGb: os.totalmem() / 1024 ** 3, node: process.version, loadAvg1mAtStart: loadAtStart, loadAvg1mAtEnd: os.loadavg()[0]! },
      throughputRatio: ratio(throughput.pipelinePagesPerSecond, throughput.barePagesPerSecond),
      throughput: { pages: throughput.pages, pipelinePagesPerSecond: throughput.pipelinePagesPerSecond, barePagesPerSecond: throughput.barePagesPerSecond, workerPeakRssMb: throughput.workerPeakRssMb, pipelineStatus: throughput.pipelineStatus },
      capacityRatio: ratio(async.auditsPerMinute, sync.auditsPerMinute),
      capacity: { audits: plan.audits, pagesPerAudit: plan.pagesPerAudit, siteLatencyMs: plan.siteLatencyMs, cores: os.availableParallelism(), sync: toCapacityRun(sync), async: toCapacityRun(async) },
      analyzeP50Ms: idle.analyze.p50,
      analyzeP95Ms: idle.analyze.p95,
      analyzeP99Ms: idle.analyze.p99,
      analyzeP95UnderLoadMs: { sync: syncLoad.analyze.p95, async: asyncLoad.analyze.p95 },
      latency: {
        analyze: { idle: idle.analyze, syncLoad: syncLoad.analyze, asyncLoad: asyncLoad.analyze },
        dashboard: { idle: idle.dashboard, syncLoad: syncLoad.dashboard, asyncLoad: asyncLoad.dashboard },
      },
      enqueueToStartP95Ms: enqueueToStart.p95,
      trivialJobs: { c1, c50 },
      exportPeakRssMb,
      exportNote,
    };
  } finally {
    await page.close();
    // The bench user's audits (pages and findings cascade) and the user go; nothing of ours stays.
    await db.audit.deleteMany({ where: { user: { email: BENCH_USER_EMAIL } } });
    await db.user.deleteMany({ where: { email: BENCH_USER_EMAIL } });
  }
}

try {
  // A failed run leaves no results file behind that an earlier run wrote.
  await rm(OUT, { force: true });
  const raw = await run();
  // A measurement that could not be taken fails the run (and nothing is written); a slow one does not.
  const missing = missingNumbers(raw);
  if (missing.length > 0) throw new Error(`no finite number for: ${missing.join(', ')}`);
  const results = benchResultsSchema.parse(raw);
  await mkdir(path.dirname(OUT), { recursive: true });
  await writeFile(OUT, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatTable(['metric', 'value', 'compared with'], resultRows(results)));
  console.log(`\n${results.mode} run in ${results.durationSeconds.toFixed(0)} s; written to ${OUT}`);
  await Promise.all([closeQueues(), closeAnalysisPool(), db.$disconnect()]);
  await deleteBenchKeys();
  process.exit(0);
} catch (err) {
  console.error('bench failed:', err);
  await closeQueues().catch(() => {});
  await deleteBenchKeys().catch((e: unknown) => console.error('bench keys not deleted:', e));
  process.exit(1);
}
