import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '@/test/fixture-site';
import { startRedisCluster, type RedisCluster } from '@/test/redis-cluster';
import { startRedisServer } from '@/test/redis-server';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { waitFor } from '@/test/wait-for';

// Issue 11 item 10: the app, the worker process and every Redis key they use, on a real 3-master
// Redis Cluster. A key outside the prefix's hash tag in a multi-key command or Lua script would fail
// with CROSSSLOT, so a finished audit and bulk run are the proof.
const PORTS = [7201, 7202, 7203];
const NODES = PORTS.map((p) => `127.0.0.1:${p}`).join(',');
const prefix = `ro-cluster-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;
process.env.REDIS_CLUSTER_NODES = NODES;
process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';

const { db } = await import('@/lib/db');
const { startProfessionalAudit, startBulkAnalysis } = await import('@/lib/audits/start-audit');
const { startAuditInput } = await import('@/lib/audits/audit-input');
const { getAuditResult } = await import('@/lib/audits/audit-queries');
const { isTerminal } = await import('@/lib/progress/events');
const { streamKey } = await import('@/lib/progress/progress-stream');
const { checkHealth } = await import('@/lib/health/check-health');
const { queuePrefix } = await import('@/lib/queue/connection');
const { closeQueues, getProducerRedis, getQueue } = await import('@/lib/queue/queues');

let cluster: RedisCluster;
let site: FixtureSite;
let worker: ChildProcess | undefined;
let user: { id: string; role: 'USER' };
const workerEnv = { QUEUE_PREFIX: prefix, REDIS_CLUSTER_NODES: NODES, ALLOWED_PRIVATE_HOSTS: '127.0.0.1' };

const finished = (id: string) =>
  waitFor(async () => {
    const a = await db.audit.findUniqueOrThrow({ where: { id } });
    return isTerminal(a.status) ? a : null;
  }, 90_000, `audit ${id} to finish`);

beforeAll(async () => {
  cluster = await startRedisCluster(PORTS);
  site = await startFixtureSite({ pages: 12 });
  worker = await spawnWorker(workerEnv);
  const u = await db.user.create({ data: { email: `cluster-${randomUUID()}@example.com`, role: 'USER' } });
  user = { id: u.id, role: 'USER' };
});

afterAll(async () => {
  if (worker) await stopWorker(worker);
  await closeQueues();
  await site?.close();
  await cluster?.stop();
  await db.$disconnect();
});

describe('Redis Cluster', () => {
  it('runs a professional audit and a bulk flow through a 3-master cluster, every queue key in one hash slot', async () => {
    expect(queuePrefix()).toBe(`{${prefix}}`);

    const audit = await startProfessionalAudit(
      startAuditInput.parse({ url: `${site.url}/gen/1`, maxPages: 12, maxDepth: 10, renderMode: 'never', include: ['/gen/*'], pageTimeoutMs: 5_000 }),
      user,
    );
    // Queued on the cluster, not run in-process by the Redis-down fallback.
    expect(audit.mode).toBe('async');
    const bulk = await startBulkAnalysis([`${site.url}/gen/3`, `${site.url}/gen/4`, `${site.url}/gen/5`], user);
    expect(bulk.mode).toBe('async');

    const done = await finished(audit.id);
    expect(done.status).toBe('COMPLETED');
    const result = await getAuditResult(audit.id);
    expect(result.pages).toHaveLength(12);
    expect(result.pages.every((p) => p.status === 200 && !p.error)).toBe(true);
    expect(result.pages.flatMap((p) => p.findings).length + result.siteFindings.length).toBeGreaterThan(0);
    expect(result.score).toBeGreaterThan(0);

    const bulkDone = await finished(bulk.id);
    expect(bulkDone.status).toBe('COMPLETED');
    expect(bulkDone.pagesDone).toBe(3);

    // The jobs really went through the cluster's queues, and progress events through its streams.
    const redis = await getProducerRedis();
    expect(await (await getQueue('crawl')).getJob(`audit-${audit.id}`).then((j) => j?.getState())).toBe('completed');
    expect(await (await getQueue('analysis')).getJob(`bulk-${bulk.id}`).then((j) => j?.getState())).toBe('completed');
    // Every key we write shares the queues' hash tag, so one slot holds an audit's keys.
    expect(streamKey(audit.id)).toMatch(/^\{[^}]+\}:progress:/);
    expect(await redis.xlen(streamKey(audit.id))).toBeGreaterThan(0);

    // Every BullMQ key (and the heartbeat hash) sits on the one master that owns the tag's slot.
    const keysPerNode = await Promise.all(PORTS.map(async (port) => (await cluster.cli(port, '--scan', '--pattern', `{${prefix}}:*`)).split('\n').filter(Boolean)));
    const holders = keysPerNode.filter((keys) => keys.length > 0);
    expect(holders).toHaveLength(1);
    expect(holders[0]).toEqual(expect.arrayContaining([`{${prefix}}:crawl:audit-${audit.id}`, `{${prefix}}:workers`]));

    // Health reads every master's eviction policy and the worker's heartbeat through the cluster.
    const health = await checkHealth();
    expect(health.components.redis).toMatchObject({ status: 'up', detail: { maxmemoryPolicy: 'noeviction' } });
    expect(health.components.worker.status).toBe('up');
    expect(health.warnings).toEqual([]);
  }, 150_000);
});

describe('a Redis that may evict keys', () => {
  it('makes a worker on the cluster refuse to start, naming the evicting master', async () => {
    await cluster.cli(PORTS[1]!, 'CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      const error = await spawnWorker(workerEnv).then(
        (child) => stopWorker(child).then(() => null),
        (err: Error) => err,
      );
      expect(error?.message).toMatch(/^worker exited with 1:/);
      expect(error?.message).toContain('Redis maxmemory-policy is \\"allkeys-lru\\"; BullMQ needs \\"noeviction\\"');
      expect(error?.message).toContain(`"node":"127.0.0.1:${PORTS[1]}"`);
    } finally {
      await cluster.cli(PORTS[1]!, 'CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
    }
  }, 60_000);

  it('makes a worker on a single Redis refuse to start', async () => {
    const redis = await startRedisServer(7204);
    try {
      const { Redis } = await import('ioredis');
      const admin = new Redis(redis.url);
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      admin.disconnect();
      const error = await spawnWorker({ ...workerEnv, REDIS_CLUSTER_NODES: '', REDIS_URL: redis.url }).then(
        (child) => stopWorker(child).then(() => null),
        (err: Error) => err,
      );
      expect(error?.message).toMatch(/^worker exited with 1:/);
      expect(error?.message).toContain('Redis maxmemory-policy is \\"allkeys-lru\\"; BullMQ needs \\"noeviction\\"');
    } finally {
      await redis.stop();
    }
  }, 60_000);
});
