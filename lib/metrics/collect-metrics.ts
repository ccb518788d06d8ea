import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { db } from '@/lib/db';
import { logger } from '@/lib/logger';
import { readFinishedJobs } from '@/lib/maintenance/finished-jobs';
import { sumPagesCrawledBefore } from '@/lib/maintenance/daily-aggregates';
import { utcDay } from '@/lib/maintenance/aggregate-days';
import { withTimeout } from '@/lib/queue/connection';
import { QUEUE_NAMES } from '@/lib/queue/jobs';
import { getProducerRedis, getQueue } from '@/lib/queue/queues';
import { feedHarvest, HARVEST_LAG_MS, newCursor } from '@/lib/metrics/job-harvest';
import { countPoolBacklog, POOL_BACKLOG_HELP, POOL_BACKLOG_METRIC } from '@/lib/metrics/pool-backlog';

// The Prometheus registry of the web process (GET /api/metrics). Queue gauges and database numbers
// are read at scrape time; job counters and histograms are fed from BullMQ's finished jobs
// (lib/metrics/job-harvest.ts). Every collector is bounded, so a Redis outage still answers.

const PREFIX = 'ro_';
const TIMEOUT_MS = 2_000;
const QUEUE_STATES = ['waiting', 'prioritized', 'waiting-children', 'active', 'delayed', 'completed', 'failed'] as const;

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: `${PREFIX}web_` });

  const queueUp = new Gauge({ name: `${PREFIX}queue_up`, help: 'Whether the queue could be read from Redis at this scrape (1) or not (0).', labelNames: ['queue'], registers: [registry] });
  const queueJobs = new Gauge({ name: `${PREFIX}queue_jobs`, help: 'Jobs in each BullMQ queue by state, at scrape time.', labelNames: ['queue', 'state'], registers: [registry] });
  // A pool serves exactly one queue of its name (lib/queue/pools.ts). No sample for a pool whose queue
  // could not be read: a scaler then errors and holds its replicas, where a 0 would scale them down.
  const poolBacklog = new Gauge({ name: POOL_BACKLOG_METRIC, help: POOL_BACKLOG_HELP, labelNames: ['pool'], registers: [registry] });
  /** The queue gauges from one read per queue (a collect() each would read Redis several times and race). */
  async function refreshQueues() {
    queueJobs.reset();
    poolBacklog.reset();
    await Promise.all(
      QUEUE_NAMES.map(async (queue) => {
        try {
          const counts = await withTimeout((await getQueue(queue)).getJobCounts(...QUEUE_STATES), TIMEOUT_MS, `${queue} counts`);
          for (const state of QUEUE_STATES) queueJobs.set({ queue, state }, counts[state] ?? 0);
          poolBacklog.set({ pool: queue }, countPoolBacklog(counts));
          queueUp.set({ queue }, 1);
        } catch {
          queueUp.set({ queue }, 0);
        }
      }),
    );
  }

  const duration = new Histogram({
    name: `${PREFIX}job_duration_seconds`,
    help: 'Duration of the last attempt of finished jobs (processedOn to finishedOn), by queue, job name and outcome.',
    labelNames: ['queue', 'job', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [registry],
  });
  const finished = new Counter({ name: `${PREFIX}jobs_finished_total`, help: 'Jobs finished since this web process started, by queue, job name and outcome (failed = failed for good).', labelNames: ['queue', 'job', 'outcome'], registers: [registry] });
  const retries = new Counter({ name: `${PREFIX}job_retries_total`, help: 'Extra attempts (attempts beyond the first) of jobs finished since this web process started.', labelNames: ['queue', 'job'], registers: [registry] });

  const deadLetters = new Gauge({
    name: `${PREFIX}dead_letters`,
    help: 'Dead letters in PostgreSQL by status (open = not replayed or discarded yet).',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const [open, resolved] = await Promise.all([db.deadLetter.count({ where: { resolvedAt: null } }), db.deadLetter.count({ where: { resolvedAt: { not: null } } })]);
      this.set({ status: 'open' }, open);
      this.set({ status: 'resolved' }, resolved);
    },
  });
  const audits = new Gauge({
    name: `${PREFIX}audits_running`,
    help: 'Audits with status RUNNING, by kind.',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const kind of ['SINGLE', 'PROFESSIONAL', 'BULK', 'COMPARISON'] as const) this.set({ kind }, 0);
      const rows = await db.audit.groupBy({ by: ['kind'], where: { status: 'RUNNING', parentId: null }, _count: { _all: true } });
      for (const r of rows) this.set({ kind: r.kind }, r._count._all);
    },
  });
  const alerts = new Gauge({
    name: `${PREFIX}queue_alerts_open`,
    help: 'Open queue health alerts, by queue and rule.',
    labelNames: ['queue', 'rule'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.queueAlert.groupBy({ by: ['queue', 'rule'], where: { resolvedAt: null }, _count: { _all: true } });
      for (const r of rows) this.set({ queue: r.queue, rule: r.rule }, r._count._all);
    },
  });
  // A counter: final days' totals from the daily aggregates (they survive retention) plus today's
  // pages from the Page table; it only moves forward (a recomputed lower total is not applied).
  let pagesSeen = 0;
  const pages = new Counter({
    name: `${PREFIX}pages_crawled_total`,
    help: 'Pages crawled: the daily aggregates before today plus pages stored today.',
    registers: [registry],
    async collect() {
      const today = utcDay(Date.now());
      const [before, todayCount] = await Promise.all([sumPagesCrawledBefore(today), db.page.count({ where: { crawledAt: { gte: today } } })]);
      const total = before + todayCount;
      if (total > pagesSeen) this.inc(total - pagesSeen);
      pagesSeen = Math.max(pagesSeen, total);
    },
  });
  void [deadLetters, audits, alerts, pages];

  // Counters start at zero when the process starts (as Prometheus expects of a counter), so the
  // first harvest reads the jobs that finished since then — not since the first scrape.
  const cursor = newCursor(Math.round(performance.timeOrigin));
  let harvesting: Promise<void> | null = null;
  /** Reads jobs finished since the last scrape; one harvest at a time so none is counted twice. */
  async function harvest() {
    harvesting ??= (async () => {
      const to = Date.now() - HARVEST_LAG_MS;
      const redis = await getProducerRedis();
      for (const queue of QUEUE_NAMES) {
        const from = cursor.get(queue)!;
        if (to <= from) continue;
        const jobs = await withTimeout(readFinishedJobs(redis, await getQueue(queue), from, to), TIMEOUT_MS, `${queue} finished jobs`);
        feedHarvest(queue, jobs, {
          observe: (labels, seconds, extra) => {
            finished.inc(labels);
            if (seconds !== null) duration.observe(labels, seconds);
            if (extra > 0) retries.inc({ queue: labels.queue, job: labels.job }, extra);
          },
        });
        cursor.set(queue, to);
      }
    })().finally(() => {
      harvesting = null;
    });
    return harvesting;
  }

  return { registry, harvest, refreshQueues };
}

// One registry per process (Next may evaluate this module more than once in development).
const globalMetrics = globalThis as unknown as { roMetrics?: ReturnType<typeof build> };

export async function collectMetrics(): Promise<{ body: string; contentType: string }> {
  globalMetrics.roMetrics ??= build();
  const { registry, harvest, refreshQueues } = globalMetrics.roMetrics;
  // A Redis outage must not hide the database metrics: the harvest is skipped and retried next time.
  await Promise.all([
    refreshQueues(),
    harvest().catch((err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'metrics: finished jobs not read')),
  ]);
  return { body: await registry.metrics(), contentType: registry.contentType };
}
