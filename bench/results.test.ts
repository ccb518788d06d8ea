import { describe, expect, it } from 'vitest';
import { type BenchResults, benchResultsSchema, formatTable, missingNumbers, ratio, REQUIRED_NUMBERS, resultRows } from './results';
import { percentile, percentiles } from './stats';
import { isBenchPrefix } from './cleanup';

const p = (n: number) => ({ n: 10, p50: n, p95: n * 2, p99: n * 3 });
const run = { auditsPerMinute: 6, seconds: 50, completed: 5, failed: 0, pages: 500, workerPeakRssMb: null };
const queue = (concurrency: number) => ({ concurrency, jobs: 1000, jobsPerSecond: 800, enqueueToStartP50Ms: 3, enqueueToStartP95Ms: 9 });

function sample(): BenchResults {
  return {
    mode: 'quick',
    startedAt: '2026-12-01T22:00:00.000Z',
    durationSeconds: 170,
    machine: { cores: 2, memGb: 23.5, node: 'v20.20.2', loadAvg1mAtStart: 1.5, loadAvg1mAtEnd: 2 },
    throughputRatio: 0.84,
    throughput: { pages: 500, pipelinePagesPerSecond: 51.8, barePagesPerSecond: 61.9, workerPeakRssMb: 529, pipelineStatus: 'COMPLETED' },
    capacityRatio: 1.5,
    capacity: { audits: 5, pagesPerAudit: 60, siteLatencyMs: 20, cores: 2, sync: run, async: { ...run, auditsPerMinute: 9, workerPeakRssMb: 400 } },
    analyzeP50Ms: 160,
    analyzeP95Ms: 370,
    analyzeP99Ms: 440,
    analyzeP95UnderLoadMs: { sync: 3700, async: 2200 },
    latency: { analyze: { idle: p(160), syncLoad: p(1100), asyncLoad: p(1200) }, dashboard: { idle: p(11), syncLoad: p(400), asyncLoad: p(340) } },
    enqueueToStartP95Ms: 21,
    trivialJobs: { c1: queue(1), c50: queue(50) },
    exportPeakRssMb: null,
    exportNote: 'skipped in --quick mode',
  };
}

describe('percentiles', () => {
  it('uses the nearest rank on sorted samples', () => {
    const s = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(s, 50), percentile(s, 95), percentile(s, 99), percentile(s, 100)]).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('sorts unsorted samples first and counts them', () => {
    expect(percentiles([30, 10, 20, 40])).toEqual({ n: 4, p50: 20, p95: 40, p99: 40 });
  });
});

describe('results schema', () => {
  it('accepts a complete result', () => {
    expect(benchResultsSchema.parse(sample())).toEqual(sample());
  });

  it.each(['throughputRatio', 'capacityRatio', 'analyzeP50Ms', 'analyzeP95Ms', 'analyzeP99Ms', 'analyzeP95UnderLoadMs', 'enqueueToStartP95Ms', 'exportPeakRssMb', 'machine', 'trivialJobs'] as const)(
    'rejects a result without %s',
    (key) => {
      const rest: Partial<BenchResults> = sample();
      delete rest[key];
      expect(benchResultsSchema.safeParse(rest).success).toBe(false);
    },
  );

  it('rejects NaN (a run that took no samples) and a missing nested key', () => {
    expect(benchResultsSchema.safeParse({ ...sample(), analyzeP95Ms: NaN }).success).toBe(false);
    expect(benchResultsSchema.safeParse({ ...sample(), trivialJobs: { c1: queue(1) } }).success).toBe(false);
    const noCores: Partial<BenchResults['machine']> = { ...sample().machine };
    delete noCores.cores;
    expect(benchResultsSchema.safeParse({ ...sample(), machine: noCores }).success).toBe(false);
  });

  it('allows exportPeakRssMb null (quick mode) but not undefined', () => {
    expect(benchResultsSchema.safeParse({ ...sample(), exportPeakRssMb: 312 }).success).toBe(true);
    expect(benchResultsSchema.safeParse({ ...sample(), exportPeakRssMb: undefined }).success).toBe(false);
  });
});

describe('missingNumbers', () => {
  const full = (): BenchResults => ({ ...sample(), mode: 'full', exportPeakRssMb: 312, exportNote: null });

  it('finds nothing missing in a complete quick or full result', () => {
    expect(missingNumbers(sample())).toEqual([]);
    expect(missingNumbers(full())).toEqual([]);
  });

  it('names a missing top-level or nested key', () => {
    const r: Partial<BenchResults> = sample();
    delete r.capacityRatio;
    expect(missingNumbers(r)).toEqual(['capacityRatio']);
    expect(missingNumbers({ ...sample(), trivialJobs: { c1: queue(1) } })).toEqual(['trivialJobs.c50.jobsPerSecond']);
    expect(missingNumbers({ ...sample(), latency: { ...sample().latency, dashboard: undefined } })).toEqual(
      ['idle', 'syncLoad', 'asyncLoad'].flatMap((l) => ['p50', 'p95', 'p99'].map((p) => `latency.dashboard.${l}.${p}`)),
    );
  });

  it('names NaN, Infinity, null and non-number values', () => {
    const s = sample();
    expect(missingNumbers({ ...s, analyzeP95Ms: NaN, enqueueToStartP95Ms: Infinity, throughputRatio: '0.8', throughput: { ...s.throughput, workerPeakRssMb: null } })).toEqual([
      'throughputRatio',
      'throughput.workerPeakRssMb',
      'analyzeP95Ms',
      'enqueueToStartP95Ms',
    ]);
  });

  it('requires exportPeakRssMb in the full run only', () => {
    expect(missingNumbers({ ...full(), exportPeakRssMb: null })).toEqual(['exportPeakRssMb']);
    expect(missingNumbers({ ...sample(), exportPeakRssMb: undefined })).toEqual(['exportPeakRssMb']);
  });

  it('covers every key the issue lists, and every one exists in a complete result', () => {
    for (const key of ['throughputRatio', 'throughput.workerPeakRssMb', 'capacityRatio', 'capacity.cores', 'analyzeP95Ms', 'analyzeP95UnderLoadMs.sync', 'analyzeP95UnderLoadMs.async', 'latency.dashboard.idle.p99', 'latency.dashboard.asyncLoad.p50', 'enqueueToStartP95Ms', 'trivialJobs.c1.jobsPerSecond', 'trivialJobs.c50.jobsPerSecond', 'exportPeakRssMb']) {
      expect(REQUIRED_NUMBERS).toContain(key);
    }
    expect(missingNumbers({})).toEqual([...REQUIRED_NUMBERS]);
    expect(missingNumbers(null)).toEqual([...REQUIRED_NUMBERS]);
  });
});

describe('ratio', () => {
  it('divides, and gives 0 instead of Infinity or NaN for a zero denominator', () => {
    expect(ratio(9, 6)).toBe(1.5);
    expect(ratio(5, 0)).toBe(0);
    expect(ratio(0, 0)).toBe(0);
  });
});

describe('table', () => {
  it('pads every column but the last to its widest cell, with a rule under the header', () => {
    expect(formatTable(['a', 'bb', 'c'], [['xxx', 'y', 'z'], ['w', 'vvv', '']]).split('\n')).toEqual(['a    bb   c', '───  ───  ─', 'xxx  y    z', 'w    vvv']);
  });

  it('shows one row per promise with its number, and null export in quick mode', () => {
    const rows = resultRows(sample());
    const byMetric = Object.fromEntries(rows.map(([m, v, c]) => [m, { v, c }]));
    expect(byMetric.throughputRatio!.v).toBe('0.84');
    expect(byMetric.capacityRatio!.v).toBe('1.50');
    expect(byMetric.capacityRatio!.c).toContain('2 cores');
    expect(byMetric['analyze p50/p95/p99 idle']!.v).toBe('160.0 / 320.0 / 480.0 ms (n=10)');
    expect(byMetric.exportPeakRssMb).toEqual({ v: 'null', c: 'skipped in --quick mode' });
    expect(rows.every((r) => r.length === 3)).toBe(true);
  });
});

describe('bench key cleanup', () => {
  it('deletes only under a prefix bench-env made', () => {
    expect(isBenchPrefix('ro-test-bench-1a2b3c4d')).toBe(true);
    expect(isBenchPrefix('{ro-test-bench-1a2b3c4d}')).toBe(true);
    expect(isBenchPrefix('ro-test')).toBe(false);
    expect(isBenchPrefix('ro')).toBe(false);
    expect(isBenchPrefix('ro-bench-x')).toBe(false);
  });
});
