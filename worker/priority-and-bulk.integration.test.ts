import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/test/wait-for';

process.env.QUEUE_PREFIX = `ro-prio-${randomUUID().slice(0, 8)}`;
process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';

const { db } = await import('@/lib/db');
const { startProfessionalAudit, startBulkAnalysis } = await import('@/lib/audits/start-audit');
const { auditSettingsSchema } = await import('@/lib/crawler/crawl-options');
const { getAuditResult } = await import('@/lib/audits/audit-queries');
const { closeQueues } = await import('@/lib/queue/queues');
const { isTerminal } = await import('@/lib/progress/events');
const { startWorkers } = await import('@/worker/start-workers');
const { processors } = await import('@/worker/processors');
const { closeRenderPool } = await import('@/lib/fetch/shared-render-pool');

afterAll(async () => {
  await closeQueues();
  await closeRenderPool();
  await db.$disconnect();
});

const makeUser = (role: 'USER' | 'PREMIUM') => db.user.create({ data: { email: `${role}-${randomUUID()}@example.com`, role } });

describe('priorities', () => {
  it('runs a premium audit before a backlog of free ones, and quick bulk items on their own pool', async () => {
    const free = await makeUser('USER');
    const premium = await makeUser('PREMIUM');
    const options = auditSettingsSchema.parse({});
    const backlog = [];
    for (let i = 0; i < 5; i++) backlog.push(await startProfessionalAudit({ url: `https://free-${i}.example.com/`, ...options }, free));
    const vip = await startProfessionalAudit({ url: 'https://premium.example.com/', ...options }, premium);
    const bulk = await startBulkAnalysis(['https://quick.example.com/'], free);

    const order: string[] = [];
    const recorder = startWorkers({
      // Crawls and bulk items are separate pools, so the bulk item never waits behind the crawl backlog.
      queues: ['crawl', 'analysis'],
      concurrency: 1,
      processors: {
        ...processors,
        // The crawl pool stays busy until the bulk item has run: on a shared pool it never would.
        'audit.crawl': async ({ auditId }) => {
          order.push(auditId);
          await waitFor(async () => order.includes(bulk.id), 10_000, 'the bulk item to run while the crawl pool is busy');
        },
        'bulk.analyze-url': async ({ auditId }) => {
          order.push(auditId);
        },
        'bulk.finalize': async () => {},
      },
    });
    await waitFor(async () => order.length === 7, 20_000, 'all jobs to run');
    await recorder.close();
    const crawls = order.filter((id) => id !== bulk.id);
    expect(order).toContain(bulk.id);
    expect(crawls[0]).toBe(vip.id);
    expect(crawls.slice(1).sort()).toEqual(backlog.map((a) => a.id).sort());
  });
});

describe('bulk analysis', () => {
  it('completes the batch when some URLs fail, with one result per URL and live counters', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/broken') {
        res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>oops</h1>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>Page ${req.url} of the bulk fixture</title></head><body><h1>Page ${req.url}</h1><p>Some text.</p></body></html>`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const user = await makeUser('USER');
    const urls = [`${base}/a`, `${base}/b`, `${base}/broken`, 'http://127.0.0.1:1/refused', `${base}/c`];
    const worker = startWorkers({ queues: ['analysis'], concurrency: 3 });
    try {
      const audit = await startBulkAnalysis(urls, user);
      const done = await waitFor(async () => {
        const a = await db.audit.findUniqueOrThrow({ where: { id: audit.id } });
        return isTerminal(a.status) ? a : null;
      }, 60_000, 'bulk run to finish');
      expect(done.status).toBe('COMPLETED_WITH_ERRORS');
      expect(done.pagesDone).toBe(5);
      expect(done.pagesFailed).toBe(2);
      expect(done.score).toBeGreaterThan(0);
      const result = await getAuditResult(audit.id);
      expect(result.pages.map((p) => p.url).sort()).toEqual([...urls].sort());
      expect(result.pages.find((p) => p.url.endsWith('/refused'))?.error).toMatch(/refused|connect|ECONNREFUSED/i);
      expect(result.pages.find((p) => p.url.endsWith('/a'))?.findings.length).toBeGreaterThan(0);
    } finally {
      await worker.close();
      server.close();
    }
  });
});
