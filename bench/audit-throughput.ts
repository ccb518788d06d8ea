// Audit throughput on a generated 2,000-page local site: the full pipeline (queue → worker
// process → checks → PostgreSQL) next to a bare fetch + parse loop over the same pages, in one
// run, plus the worker's peak RSS. Run: npm run bench:audit [-- pages]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const pages = Number(process.argv[2] ?? 2000);
const prefix = `ro-bench-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;
process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';
process.env.LOG_LEVEL = 'warn';

const { startFixtureSite } = await import('@/lib/crawler/fixture-site');
const { fetchPage } = await import('@/lib/fetch/fetch-page');
const { extractPageFacts } = await import('@/lib/analysis/extract-page-facts');
const { db } = await import('@/lib/db');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { auditOptions } = await import('@/lib/audits/audit-input');
const { closeQueues } = await import('@/lib/queue/queues');

const site = await startFixtureSite({ pages });
const urls = Array.from({ length: pages }, (_, i) => `${site.url}/gen/${i + 1}`);

// 1. Bare loop: fetch + parse, same concurrency as the crawler's per-host cap (4).
let t = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      extractPageFacts({ fetch: await fetchPage(url, { allowedPrivateHosts: ['127.0.0.1'] }) });
    }
  }),
);
const bareSeconds = (performance.now() - t) / 1000;
const bareRate = pages / bareSeconds;

// 2. Full pipeline through a real worker process.
const worker = spawn('node', ['--import', 'tsx', 'worker/main.ts'], { env: { ...process.env, RO_SERVICE: 'worker', WORKER_CONCURRENCY: '1', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
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
const options = auditOptions.parse({ maxPages: pages, maxDepth: 50, renderMode: 'never' });
t = performance.now();
const audit = await startProfessionalAudit({ url: `${site.url}/gen/1`, ...options, include: ['/gen/*'] }, null);
for (;;) {
  const a = await db.audit.findUniqueOrThrow({ where: { id: audit.id } });
  if (!['QUEUED', 'RUNNING'].includes(a.status)) {
    const seconds = (performance.now() - t) / 1000;
    const crawled = await db.page.count({ where: { auditId: audit.id } });
    const findings = await db.finding.count({ where: { auditId: audit.id } });
    clearInterval(sampler);
    const rate = crawled / seconds;
    console.log(`site: ${pages} generated pages on 127.0.0.1`);
    console.log(`bare fetch + parse loop : ${bareRate.toFixed(1)} pages/s (${bareSeconds.toFixed(1)} s)`);
    console.log(`full audit pipeline     : ${rate.toFixed(1)} pages/s (${seconds.toFixed(1)} s, ${crawled} pages, ${findings} findings, status ${a.status})`);
    console.log(`ratio pipeline / bare   : ${(rate / bareRate).toFixed(2)} (target ≥ 0.33)`);
    console.log(`worker peak RSS         : ${(peakKb / 1024).toFixed(0)} MB`);
    break;
  }
  await new Promise((r) => setTimeout(r, 250));
}
worker.kill('SIGTERM');
await site.close();
await closeQueues();
await db.$disconnect();
process.exit(0);
