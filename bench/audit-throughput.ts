// Audit throughput on a generated 2,000-page local site: the full pipeline (queue → worker
// process → analysis threads → checks → PostgreSQL) next to a bare fetch + parse loop over the
// same pages, in one run, plus the worker's peak RSS. Both are measured warm (a worker is a
// long-lived process): the bare loop runs three times and reports its median, the worker first
// audits a 300-page warm-up site. Run: npm run bench:audit [-- pages]
// BENCH_WORKER_PROF=<dir> writes the worker's CPU profile there.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const pages = Number(process.argv[2] ?? 2000);
const prefix = `ro-bench-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;
process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';
process.env.LOG_LEVEL = 'warn';

const { startFixtureSite } = await import('@/test/fixture-site');
const { fetchPage } = await import('@/lib/fetch/fetch-page');
const { extractPageFacts } = await import('@/lib/analysis/extract-page-facts');
const { db } = await import('@/lib/db');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { auditSettingsSchema } = await import('@/lib/crawler/crawl-options');
const { closeQueues } = await import('@/lib/queue/queues');
const { isTerminal } = await import('@/lib/progress/events');

const site = await startFixtureSite({ pages });
const urls = Array.from({ length: pages }, (_, i) => `${site.url}/gen/${i + 1}`);

// 1. Bare loop: fetch + parse with the same extractor, same concurrency as the crawler's per-host cap (4).
async function bareLoop(): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        extractPageFacts({ fetch: await fetchPage(url, { allowedPrivateHosts: ['127.0.0.1'] }) });
      }
    }),
  );
  return pages / ((performance.now() - started) / 1000);
}
const bareRates = [await bareLoop(), await bareLoop(), await bareLoop()].sort((a, b) => a - b);
const bareRate = bareRates[1]!;

// 2. Full pipeline through a real worker process.
const worker = spawn('node', [...(process.env.BENCH_WORKER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_PROF}`] : []), '--import', 'tsx', 'worker/main.ts'], {
  env: { ...process.env, RO_SERVICE: 'worker', WORKER_CONCURRENCY: '1', LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) => worker.stdout!.on('data', (c: Buffer) => c.toString().includes('worker started') && resolve()));
let peakKb = 0;
const sampler = setInterval(() => {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${worker.pid}/status`, 'utf8'));
    if (m) peakKb = Math.max(peakKb, Number(m[1]));
  } catch {
    /* process gone */
  }
}, 200);

async function audit(url: string, maxPages: number) {
  const options = auditSettingsSchema.parse({ maxPages, maxDepth: 50, renderMode: 'never', include: ['/gen/*'] });
  const started = performance.now();
  const { id } = await startProfessionalAudit({ url, ...options }, null);
  for (;;) {
    const a = await db.audit.findUniqueOrThrow({ where: { id } });
    if (isTerminal(a.status)) return { seconds: (performance.now() - started) / 1000, status: a.status, id };
    await new Promise((r) => setTimeout(r, 100));
  }
}

// CPU time per process group during the measured audit (Linux /proc), to show where a page's cost goes.
function cpuTicksByGroup(): Map<string, number> {
  const groups = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const group = Number(pid) === worker.pid ? 'worker' : Number(pid) === process.pid ? 'bench (site + polling)' : /^postgres/.test(comm) ? 'postgres' : /^redis/.test(comm) ? 'redis' : null;
      if (group) groups.set(group, (groups.get(group) ?? 0) + ticks);
    } catch {
      /* process gone */
    }
  }
  return groups;
}

const warmSite = await startFixtureSite({ pages: 300 });
await audit(`${warmSite.url}/gen/1`, 300);
await warmSite.close();
const cpuBefore = cpuTicksByGroup();
const measured = await audit(`${site.url}/gen/1`, pages);
const cpuAfter = cpuTicksByGroup();
clearInterval(sampler);
const crawled = await db.page.count({ where: { auditId: measured.id } });
const findings = await db.finding.count({ where: { auditId: measured.id } });
const rate = crawled / measured.seconds;
console.log(`site: ${pages} generated pages on 127.0.0.1, ${(await import('node:os')).availableParallelism()} cores`);
console.log(`bare fetch + parse loop : ${bareRate.toFixed(1)} pages/s (median of ${bareRates.map((r) => r.toFixed(0)).join(', ')})`);
console.log(`full audit pipeline     : ${rate.toFixed(1)} pages/s (${measured.seconds.toFixed(1)} s, ${crawled} pages, ${findings} findings, status ${measured.status})`);
console.log(`ratio pipeline / bare   : ${(rate / bareRate).toFixed(2)} (target ≥ 0.33)`);
console.log(`worker peak RSS         : ${(peakKb / 1024).toFixed(0)} MB`);
// Clock ticks are 1/100 s on Linux; backends that exited during the run are not counted.
const cpuMsPerPage = [...cpuAfter].map(([group, ticks]) => `${group} ${(((ticks - (cpuBefore.get(group) ?? 0)) * 10) / crawled).toFixed(2)}`);
console.log(`CPU ms per page         : ${cpuMsPerPage.join(', ')}`);
worker.kill('SIGTERM');
await site.close();
await closeQueues();
await db.$disconnect();
process.exit(0);
