// Capacity and latency under load, in one run per mode: M professional audits of local sites are
// started at once, (a) in sync mode — run by this process, which plays the web server, through the
// same in-process runner the app uses — or (b) through the queue to a worker process (the default
// deployment: one `worker/main.ts` serving every pool). While they run, this process keeps
// answering single-page analyses and the dashboard page's queries one after another, as users would.
import './bench-env';
import { startFixtureSite, type FixtureSite } from '@/test/fixture-site';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { countAuditsForUser, listRunningAudits, listSitesForUser } from '@/lib/audits/dashboard-queries';
import { listAuditsForUser } from '@/lib/audits/list-audits';
import { startProfessionalAudit } from '@/lib/audits/start-audit';
import { auditSettingsSchema } from '@/lib/crawler/crawl-options';
import { db } from '@/lib/db';
import { getFlag, updateFlag } from '@/lib/flags/flags';
import { upsertUser } from '@/lib/users/users';
import { waitForAudit } from './audit-throughput';
import { analyzeBenchPage } from './analyze-latency';
import { trackPeakRss } from './proc';

export type LoadOptions = { audits: number; pagesPerAudit: number; siteLatencyMs: number; maxSamples: number; benchPageUrl: string; userId: string };
export type LoadRun = { auditsPerMinute: number; seconds: number; completed: number; failed: number; pages: number; workerPeakRssMb: number | null; analyzeMs: number[]; dashboardMs: number[] };

export const BENCH_USER_EMAIL = 'bench@rival-outranker.invalid';

/** The user whose dashboard is measured and who starts the audits (an admin: premium priority). */
export async function ensureBenchUser(): Promise<{ id: string }> {
  return upsertUser({ email: BENCH_USER_EMAIL, password: crypto.randomUUID(), name: 'Bench', role: 'ADMIN' });
}

/** What the dashboard page reads for a user with audits (app/(app)/dashboard/page.tsx). */
export async function loadDashboard(userId: string) {
  if ((await countAuditsForUser(userId)) === 0) return;
  await Promise.all([listSitesForUser(userId, 9), listRunningAudits(userId, 5), listAuditsForUser(userId, 8)]);
}

async function time(fn: () => Promise<unknown>, into: number[]) {
  const t = performance.now();
  await fn();
  into.push(performance.now() - t);
}

/** One analysis and one dashboard load after another until `until` settles or `max` pairs are taken. */
async function sampleWhile(until: Promise<unknown>, max: number, opts: Pick<LoadOptions, 'benchPageUrl' | 'userId'>) {
  let running = true;
  void until.finally(() => (running = false));
  const analyzeMs: number[] = [];
  const dashboardMs: number[] = [];
  while (running && analyzeMs.length < max) {
    await time(() => analyzeBenchPage(opts.benchPageUrl), analyzeMs);
    await time(() => loadDashboard(opts.userId), dashboardMs);
  }
  return { analyzeMs, dashboardMs };
}

/** Runs `body` with the professional-audit flag in `mode`, then puts the flag back as it was. */
async function withAuditMode<T>(mode: 'sync' | 'async', body: () => Promise<T>): Promise<T> {
  const before = await getFlag('professional-audit');
  await updateFlag('professional-audit', { enabled: true, mode, rolloutPercent: 100 }, null);
  try {
    return await body();
  } finally {
    await updateFlag('professional-audit', { enabled: before.enabled, mode: before.mode, rolloutPercent: before.rolloutPercent }, null);
  }
}

export async function measureLoad(mode: 'sync' | 'async', o: LoadOptions): Promise<LoadRun> {
  const sites: FixtureSite[] = await Promise.all(Array.from({ length: o.audits }, () => startFixtureSite({ pages: o.pagesPerAudit, latencyMs: o.siteLatencyMs })));
  const worker = mode === 'async' ? await spawnWorker() : null;
  const rss = worker ? trackPeakRss(worker.pid!) : null;
  try {
    return await withAuditMode(mode, async () => {
      const options = auditSettingsSchema.parse({ maxPages: o.pagesPerAudit, maxDepth: 50, renderMode: 'never', include: ['/gen/*'] });
      const started = performance.now();
      const audits = await Promise.all(sites.map((s) => startProfessionalAudit({ url: `${s.url}/gen/1`, ...options }, { id: o.userId, role: 'ADMIN' })));
      const wrongMode = audits.find((a) => a.mode !== mode);
      if (wrongMode) throw new Error(`audit ${wrongMode.id} ran ${wrongMode.mode}, expected ${mode}`);
      const finished = Promise.all(audits.map((a) => waitForAudit(a.id)));
      const samples = await sampleWhile(finished, o.maxSamples, o);
      const statuses = await finished;
      const seconds = (performance.now() - started) / 1000;
      const pages = await db.page.count({ where: { auditId: { in: audits.map((a) => a.id) } } });
      const completed = statuses.filter((s) => s === 'COMPLETED').length;
      return { auditsPerMinute: completed / (seconds / 60), seconds, completed, failed: statuses.length - completed, pages, workerPeakRssMb: rss?.stop() ?? null, ...samples };
    });
  } finally {
    rss?.stop();
    if (worker) await stopWorker(worker);
    await Promise.all(sites.map((s) => s.close()));
  }
}
