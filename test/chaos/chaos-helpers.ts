// Shared by the fault suite (test/chaos/*.chaos.test.ts). Nothing here imports lib/ at load time:
// each test file sets its own REDIS_URL / QUEUE_PREFIX first, then imports lib/ (which reads env once).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { db as Db } from '@/lib/db';
import { waitFor } from '@/test/wait-for';

type DbClient = typeof Db;

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

/** The first free port in [from, to]: the suite keeps to its own range so it never meets another service. */
export async function freePortIn(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) if (await isFree(port)) return port;
  throw new Error(`no free port in ${from}-${to}`);
}

/** The suite's port ranges: Redis servers and TCP proxies. */
export const REDIS_PORTS = [7231, 7250] as const;
export const PROXY_PORTS = [7251, 7260] as const;

export type OwnRedis = {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: a crash, not a shutdown). */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory; with AOF every acknowledged write is back. */
  start(): Promise<void>;
  /** Kills it and removes its data. */
  destroy(): Promise<void>;
};

/**
 * A private redis-server as production runs it: AOF with fsync on every write (so a restart keeps
 * every job) and noeviction. Never the machine's Redis.
 */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePortIn(...REDIS_PORTS);
  const dir = await mkdtemp(path.join(tmpdir(), 'ro-chaos-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    const { Redis } = await import('ioredis');
    await waitFor(async () => {
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {});
      try {
        await probe.connect();
        // Loading the AOF answers LOADING until done: wait for a real answer.
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    }, 15_000, `redis-server on ${port}`);
  };
  const kill = () =>
    new Promise<void>((resolve) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    destroy: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for an audit to reach a terminal status and returns its row. */
export async function auditFinished(db: DbClient, auditId: string, ms: number) {
  const { isTerminal } = await import('@/lib/progress/events');
  return waitFor(async () => {
    const a = await db.audit.findUniqueOrThrow({ where: { id: auditId } });
    return isTerminal(a.status) ? a : null;
  }, ms, `audit ${auditId} to finish`, 250);
}

/** Every stored page URL of an audit, with how often it is stored (exactly once is the promise). */
export async function pageCounts(db: DbClient, auditId: string): Promise<{ pages: number; distinct: number }> {
  const pages = await db.page.findMany({ where: { auditId }, select: { url: true } });
  return { pages: pages.length, distinct: new Set(pages.map((p) => p.url)).size };
}

/** Findings as comparable lines, without the checks that measure time (they differ between runs). */
export async function findingKeys(db: DbClient, auditId: string): Promise<string[]> {
  const { ALL_CHECKS } = await import('@/lib/checks/catalog');
  const timing = ALL_CHECKS.filter((c) => c.timing).map((c) => c.id);
  const findings = await db.finding.findMany({ where: { auditId, checkId: { notIn: timing } }, select: { checkId: true, url: true, message: true } });
  return findings.map((f) => `${f.checkId} ${f.url} ${f.message}`).sort();
}

/** One line per measured number, so `npm run test:chaos` output can be grepped. */
export function report(name: string, value: number | string, unit = '') {
  process.stdout.write(`[chaos] ${name}: ${value}${unit ? ` ${unit}` : ''}\n`);
}
