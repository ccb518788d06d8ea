import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '@/test/fixture-site';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { readSse } from '@/test/read-sse';
import { waitFor } from '@/test/wait-for';

// The whole pipeline: API-level producer → Redis → a real worker process → PostgreSQL, against a
// local fixture site served by this test.
const prefix = `ro-audit-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;
process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';

const { db } = await import('@/lib/db');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { startAuditInput } = await import('@/lib/audits/audit-input');
const { getAuditResult } = await import('@/lib/audits/audit-queries');
const { cancelAudit } = await import('@/lib/audits/audit-lifecycle');
const { createProgressStream, compareIds: compare } = await import('@/lib/progress/sse-stream');
const { closeQueues, getProducerRedis } = await import('@/lib/queue/queues');
const { streamKey } = await import('@/lib/progress/progress-stream');
const { isTerminal } = await import('@/lib/progress/events');
const { getAuditSnapshot } = await import('@/lib/audits/audit-snapshot');

let worker: ChildProcess;
let site: FixtureSite;
let user: { id: string; role: 'USER' };

const finished = (id: string, ms = 90_000) =>
  waitFor(async () => {
    const a = await db.audit.findUniqueOrThrow({ where: { id } });
    return isTerminal(a.status) ? a : null;
  }, ms, `audit ${id} to finish`);

beforeAll(async () => {
  site = await startFixtureSite({ slowMs: 4_000 });
  worker = await spawnWorker({ QUEUE_PREFIX: prefix, ALLOWED_PRIVATE_HOSTS: '127.0.0.1' });
  const u = await db.user.create({ data: { email: `pipeline-${randomUUID()}@example.com`, role: 'USER' } });
  user = { id: u.id, role: 'USER' };
});

afterAll(async () => {
  if (worker) await stopWorker(worker);
  await site?.close();
  await closeQueues();
  await db.$disconnect();
});

describe('professional audit of the fixture site', () => {
  it('crawls politely, records every kind of failure and reaches a terminal state with the right findings', async () => {
    const audit = await startProfessionalAudit(startAuditInput.parse({ url: `${site.url}/`, maxPages: 100, maxDepth: 10, renderMode: 'auto', include: [], pageTimeoutMs: 1_500 }), user);
    expect(audit.status).toBe('QUEUED');

    // Live events while it runs.
    const events = readSse(createProgressStream(audit.id, null, new AbortController().signal, { readSnapshot: getAuditSnapshot, keepAliveMs: 1_000 }));
    const done = await finished(audit.id);
    const messages = await events;

    expect(done.status).toBe('COMPLETED_WITH_ERRORS');
    expect(done.error).toMatch(/URLs failed/);
    expect(messages.some((m) => m.event === 'page' && m.data.state.status === 'RUNNING')).toBe(true);
    expect(messages.at(-1)).toMatchObject({ event: 'status', data: { state: { status: 'COMPLETED_WITH_ERRORS', phase: 'done' } } });

    // robots.txt: the disallowed folder is never requested, only reported.
    expect(site.accessLog.filter((p) => p.startsWith('/private/'))).toEqual([]);
    const result = await getAuditResult(audit.id);
    const page = (path: string) => result.pages.find((p) => p.url === `${site.url}${path}`);
    expect(page('/private/secret')?.error).toMatch(/^Blocked by robots\.txt: /);

    // Discovery: the sitemap-only orphans, and the link that only exists after JavaScript.
    expect(page('/orphan')).toBeDefined();
    expect(page('/orphan-gz')).toBeDefined();
    expect(page('/js-target')).toBeDefined();

    // Failures are results, not crashes.
    expect(page('/slow')?.error).toMatch(/^Timed out waiting for an answer \(127\.0\.0\.1:\d+\): .*\nTechnical detail: .*no response headers/);
    expect(page('/error')?.status).toBe(500);
    expect(page('/missing')?.status).toBe(404);
    expect(page('/huge')?.status).toBe(200);

    // Every page exactly once.
    const urls = result.pages.map((p) => p.url);
    expect(new Set(urls).size).toBe(urls.length);

    // Site-scope checks fire on the right URLs.
    const site_ = (checkId: string) => result.siteFindings.filter((f) => f.checkId === checkId).map((f) => f.url.replace(site.url, ''));
    expect(site_('broken-internal-link')).toEqual(expect.arrayContaining(['/missing']));
    // Disallowed URLs are blocked, never broken.
    expect(site_('broken-internal-link').filter((u) => u.startsWith('/private/'))).toEqual([]);
    expect(site_('orphan-page')).toEqual(expect.arrayContaining(['/orphan']));
    expect(site_('internal-redirect-loop').length).toBeGreaterThan(0);
    expect(site_('sitemap-blocked-url')).toEqual(expect.arrayContaining(['/private/in-sitemap']));
    expect(site_('duplicate-title')).toEqual(expect.arrayContaining(['/dup-a', '/dup-b']));
    expect(site_('duplicate-content')).toEqual(expect.arrayContaining(['/dup-a', '/dup-b']));
    expect(result.score).toBeGreaterThan(0);
  });

  it('streams events as they happen, and a reconnect with Last-Event-ID misses none', async () => {
    const big = await startFixtureSite({ pages: 80, latencyMs: 200 });
    try {
      const audit = await startProfessionalAudit(startAuditInput.parse({ url: `${big.url}/gen/1`, maxPages: 60, maxDepth: 20, renderMode: 'never', include: ['/gen/*'], pageTimeoutMs: 2_000 }), user);
      await waitFor(async () => (await db.audit.findUniqueOrThrow({ where: { id: audit.id } })).pagesDone >= 3, 30_000, 'first pages');

      const first = new AbortController();
      const part1 = await readSse(createProgressStream(audit.id, null, first.signal, { readSnapshot: getAuditSnapshot, keepAliveMs: 1_000 }), { limit: 6, abort: first });
      expect(part1[0]!.event).toBe('snapshot');
      const lastSeen = part1.at(-1)!.id;
      const part2 = await readSse(createProgressStream(audit.id, lastSeen, new AbortController().signal, { readSnapshot: getAuditSnapshot, keepAliveMs: 1_000 }));
      const final = part2.at(-1)!;
      expect(final.event).toBe('status');
      expect(final.data.state.status).toBe('COMPLETED');

      // Compare with everything the worker published after the first connection's snapshot.
      const redis = await getProducerRedis();
      const all = ((await redis.xrange(streamKey(audit.id), '-', '+')) as [string, string[]][]).map(([id]) => id);
      const after = (id: string) => all.filter((x) => compare(x, id) > 0);
      const received = [...part1.slice(1), ...part2].map((m) => m.id);
      expect(received).toEqual(after(part1[0]!.id));
      // Not all at the end: the first page events arrived well before the last one.
      const pages = [...part1, ...part2].filter((m) => m.event === 'page');
      expect(pages.length).toBeGreaterThan(10);
    } finally {
      await big.close();
    }
  });

  it('cancels a running audit within seconds', async () => {
    const big = await startFixtureSite({ pages: 400, latencyMs: 100 });
    try {
      const audit = await startProfessionalAudit(startAuditInput.parse({ url: `${big.url}/`, maxPages: 400, maxDepth: 50, renderMode: 'never', include: [], pageTimeoutMs: 2_000 }), user);
      await waitFor(async () => (await db.audit.findUniqueOrThrow({ where: { id: audit.id } })).pagesDone >= 5, 30_000, 'first pages');
      await cancelAudit(audit.id);
      const cancelledAt = Date.now();
      // The crawler stops: the request log goes quiet within a few seconds.
      await waitFor(async () => {
        const n = big.accessLog.length;
        await new Promise((r) => setTimeout(r, 1_000));
        return big.accessLog.length === n;
      }, 10_000, 'the crawl to stop');
      expect(Date.now() - cancelledAt).toBeLessThan(10_000);
      const a = await db.audit.findUniqueOrThrow({ where: { id: audit.id } });
      expect(a.status).toBe('CANCELLED');
      expect(a.pagesDone).toBeLessThan(400);
    } finally {
      await big.close();
    }
  });
});
