// Audit throughput on a generated 2,000-page local site: the full pipeline (queue → worker
// process → analysis threads → checks → PostgreSQL) next to a bare fetch + parse loop over the
// same pages, in one run, plus the worker's peak RSS. Both are measured warm (a worker is a
// long-lived process) and report the median of three runs; the worker first audits a 300-page
// warm-up site. Run: npm run bench:audit [-- pages]
// BENCH_WORKER_PROF=<dir> writes the worker's CPU profile there.
import './bench-env';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { startFixtureSite } from '@/test/fixture-site';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { fetchPage } from '@/lib/fetch/fetch-page';
import { collectLinkTargets } from '@/lib/crawler/collect-link-targets';
import { normalizeUrl } from '@/lib/crawler/normalize-url';
import { extractPageFacts } from '@/lib/analysis/extract-page-facts';
import { db } from '@/lib/db';
import { startProfessionalAudit } from '@/lib/audits/start-audit';
import { auditSettingsSchema } from '@/lib/crawler/crawl-options';
import { closeQueues } from '@/lib/queue/queues';
import { isTerminal } from '@/lib/progress/events';
import { isMain, trackPeakRss } from './proc';

export type ThroughputResult = {
  pages: number;
  barePagesPerSecond: number;
  bareRuns: number[];
  pipelinePagesPerSecond: number;
  pipelineRuns: number[];
  pipelineSeconds: number;
  pipelineStatus: string;
  crawled: number;
  findings: number;
  workerPeakRssMb: number;
  cpuMsPerPage: Record<string, number>;
};

/**
 * Fetch + parse with the same extractor, at the crawler's per-host cap (4), following links from
 * the start page as the crawl does (normalised, in scope, each URL once); pages per second.
 */
async function bareLoop(startUrl: string, maxPages: number): Promise<number> {
  const started = performance.now();
  const scope = new URL(startUrl);
  const seen = new Set([normalizeUrl(startUrl)!]);
  const queue = [...seen];
  let inFlight = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (;;) {
        const url = queue.shift();
        if (!url) {
          if (inFlight === 0) return;
          await new Promise((r) => setImmediate(r));
          continue;
        }
        inFlight++;
        const facts = extractPageFacts({ fetch: await fetchPage(url, { allowedPrivateHosts: ['127.0.0.1'] }) });
        done++;
        for (const target of collectLinkTargets(facts, { followNofollow: false, followAlternates: false })) {
          const next = normalizeUrl(target);
          if (!next || seen.has(next) || seen.size >= maxPages) continue;
          const u = new URL(next);
          if (u.origin !== scope.origin || !u.pathname.startsWith('/gen/')) continue;
          seen.add(next);
          queue.push(next);
        }
        inFlight--;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** Starts a professional audit of the generated pages from `url` and polls PostgreSQL until it ends. */
export async function auditUntilDone(url: string, maxPages: number, user: { id: string; role: 'ADMIN' } | null = null) {
  const options = auditSettingsSchema.parse({ maxPages, maxDepth: 50, renderMode: 'never', include: ['/gen/*'] });
  const started = Date.now();
  const { id, mode } = await startProfessionalAudit({ url, ...options }, user);
  const status = await waitForAudit(id);
  // Ends when the worker stamped the audit finished, not at the next poll (up to 100 ms later).
  const { finishedAt } = await db.audit.findUniqueOrThrow({ where: { id }, select: { finishedAt: true } });
  return { seconds: ((finishedAt?.getTime() ?? Date.now()) - started) / 1000, status, id, mode };
}

export async function waitForAudit(id: string): Promise<string> {
  for (;;) {
    const a = await db.audit.findUniqueOrThrow({ where: { id }, select: { status: true } });
    if (isTerminal(a.status)) return a.status;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** User + system CPU clock ticks (1/100 s) of a process or thread, from its /proc stat file; 0 once it is gone. */
function ticksOf(statPath: string): { comm: string; ticks: number } {
  try {
    const stat = readFileSync(statPath, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return { comm: '', ticks: 0 };
  }
}

/** CPU clock ticks per process group, to show where a page's cost goes. */
function cpuTicksByGroup(workerPid: number): Map<string, number> {
  const groups = new Map<string, number>();
  const add = (group: string | null, ticks: number) => group && groups.set(group, (groups.get(group) ?? 0) + ticks);
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const { comm, ticks } = ticksOf(`/proc/${pid}/stat`);
    add(Number(pid) === workerPid ? 'worker' : Number(pid) === process.pid ? 'bench (site + polling)' : /^postgres/.test(comm) ? 'postgres' : /^redis/.test(comm) ? 'redis' : null, ticks);
  }
  // The worker's main thread (fetch, PostgreSQL, progress, handing pages to threads) apart from
  // its other threads (analysis threads, V8's compiler and GC helpers, libuv).
  for (const tid of readdirSync(`/proc/${workerPid}/task`)) {
    add(Number(tid) === workerPid ? 'worker main thread' : 'worker other threads', ticksOf(`/proc/${workerPid}/task/${tid}/stat`).ticks);
  }
  return groups;
}

type PipelineRun = { auditId: string; pagesPerSecond: number; seconds: number; status: string; crawled: number; findings: number; cpuMsPerPage: Record<string, number> };

/** One audit of the generated site on the running worker, with the CPU each process group spent on it. */
async function pipelineRun(url: string, pages: number, workerPid: number): Promise<PipelineRun> {
  const cpuBefore = cpuTicksByGroup(workerPid);
  const measured = await auditUntilDone(url, pages);
  const cpuAfter = cpuTicksByGroup(workerPid);
  const crawled = await db.page.count({ where: { auditId: measured.id } });
  const findings = await db.finding.count({ where: { auditId: measured.id } });
  // Clock ticks are 1/100 s on Linux; backends that exited during the run are not counted.
  const cpuMsPerPage = Object.fromEntries([...cpuAfter].map(([group, ticks]) => [group, ((ticks - (cpuBefore.get(group) ?? 0)) * 10) / Math.max(1, crawled)]));
  return { auditId: measured.id, pagesPerSecond: crawled / measured.seconds, seconds: measured.seconds, status: measured.status, crawled, findings, cpuMsPerPage };
}

/**
 * Bare loop and full pipeline (one worker process, concurrency 1), each the median of three runs,
 * warm: the worker first audits a warm-up site. A worker is long-lived, and V8 is still optimizing
 * its code well into the first 2,000-page audit (TurboFan on its helper threads: a fifth of the
 * worker's CPU in `perf`), so one audit after a short warm-up would measure the compiler.
 */
export async function measureThroughput(pages: number, warmupPages = 300): Promise<ThroughputResult> {
  const site = await startFixtureSite({ pages });
  const start = `${site.url}/gen/1`;
  const bareRuns = [await bareLoop(start, pages), await bareLoop(start, pages), await bareLoop(start, pages)].sort((a, b) => a - b);

  const prof = process.env.BENCH_WORKER_PROF;
  // Node refuses --cpu-prof in NODE_OPTIONS: it goes on the command line.
  const worker = await spawnWorker({ WORKER_CONCURRENCY: '1' }, prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []);
  const rss = trackPeakRss(worker.pid!);
  const auditIds: string[] = [];
  try {
    const warmSite = await startFixtureSite({ pages: warmupPages });
    auditIds.push((await auditUntilDone(`${warmSite.url}/gen/1`, warmupPages)).id);
    await warmSite.close();
    const runs: PipelineRun[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await pipelineRun(start, pages, worker.pid!);
      runs.push(run);
      auditIds.push(run.auditId);
    }
    const median = [...runs].sort((a, b) => a.pagesPerSecond - b.pagesPerSecond)[1]!;
    return {
      pages,
      barePagesPerSecond: bareRuns[1]!,
      bareRuns,
      pipelinePagesPerSecond: median.pagesPerSecond,
      pipelineRuns: runs.map((r) => r.pagesPerSecond),
      pipelineSeconds: median.seconds,
      // The worst of the three: a run that did not complete is never hidden behind the median.
      pipelineStatus: runs.find((r) => r.status !== 'COMPLETED')?.status ?? median.status,
      crawled: median.crawled,
      findings: median.findings,
      workerPeakRssMb: rss.stop(),
      cpuMsPerPage: median.cpuMsPerPage,
    };
  } finally {
    rss.stop();
    await stopWorker(worker);
    await site.close();
    // Left behind, every run would audit into tables a few million findings bigger than the last.
    await db.audit.deleteMany({ where: { id: { in: auditIds } } });
  }
}

if (isMain(import.meta.url)) {
  const r = await measureThroughput(Number(process.argv[2] ?? 2000));
  console.log(`site: ${r.pages} generated pages on 127.0.0.1, ${availableParallelism()} cores`);
  console.log(`bare fetch + parse loop : ${r.barePagesPerSecond.toFixed(1)} pages/s (median of ${r.bareRuns.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`full audit pipeline     : ${r.pipelinePagesPerSecond.toFixed(1)} pages/s (median of ${r.pipelineRuns.map((x) => x.toFixed(0)).join(', ')}; ${r.pipelineSeconds.toFixed(1)} s, ${r.crawled} pages, ${r.findings} findings, status ${r.pipelineStatus})`);
  console.log(`ratio pipeline / bare   : ${(r.pipelinePagesPerSecond / r.barePagesPerSecond).toFixed(2)} (target ≥ 0.33)`);
  console.log(`worker peak RSS         : ${r.workerPeakRssMb.toFixed(0)} MB`);
  console.log(`CPU ms per page         : ${Object.entries(r.cpuMsPerPage).map(([g, v]) => `${g} ${v.toFixed(2)}`).join(', ')}`);
  await closeQueues();
  await db.$disconnect();
  process.exit(0);
}
