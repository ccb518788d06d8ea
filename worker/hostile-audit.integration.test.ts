import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileSite, type HostileSite } from '@/test/hostile-site';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { waitFor } from '@/test/wait-for';

// An audit of a site whose pages are built to hurt the analyser: a real worker process, a small
// per-page time budget. The deep page fails by the budget, the rest of the audit goes on.
const prefix = `ro-hostile-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;

const { db } = await import('@/lib/db');
const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
const { startAuditInput } = await import('@/lib/audits/audit-input');
const { getAuditResult } = await import('@/lib/audits/audit-queries');
const { closeQueues } = await import('@/lib/queue/queues');
const { isTerminal } = await import('@/lib/progress/events');

let worker: ChildProcess & { logs: string[] };
let site: HostileSite;

beforeAll(async () => {
  // 200,000 levels take the parser far longer than the 2 s budget.
  site = await startHostileSite({ nestedDepth: 200_000 });
  worker = await spawnWorker({ QUEUE_PREFIX: prefix, ALLOWED_PRIVATE_HOSTS: '127.0.0.1', ANALYSIS_TIME_BUDGET_MS: '2000' });
});

afterAll(async () => {
  if (worker) await stopWorker(worker);
  await site?.close();
  await closeQueues();
  await db.$disconnect();
});

describe('an audit of hostile pages', () => {
  it('completes: the endless text is analysed, the deep page is failed by the time budget, nothing re-runs', async () => {
    const user = await db.user.create({ data: { email: `hostile-${randomUUID()}@example.com` } });
    const audit = await startProfessionalAudit(
      startAuditInput.parse({ url: `${site.url}/`, maxPages: 10, maxDepth: 3, renderMode: 'never', pageTimeoutMs: 15_000 }),
      { id: user.id, role: 'USER' },
    );
    const done = await waitFor(async () => {
      const a = await db.audit.findUniqueOrThrow({ where: { id: audit.id } });
      return isTerminal(a.status) ? a : null;
    }, 60_000, 'the hostile audit to finish');

    expect(done.status).toBe('COMPLETED_WITH_ERRORS');
    const result = await getAuditResult(audit.id);
    const page = (path: string) => result.pages.find((p) => p.url === `${site.url}${path}`);
    expect(page('/text')?.error).toBeNull();
    expect(page('/text')?.findings.length).toBeGreaterThan(0);
    expect(page('/nested')?.error).toMatch(/Analysis failed: .*time budget/);
    expect(page('/')?.error).toBeNull();
    // No lock was lost (the worker logs every stalled job and lock error), so no job ran twice.
    expect(worker.logs.join('')).not.toMatch(/job stalled|lock/i);
  });
});
