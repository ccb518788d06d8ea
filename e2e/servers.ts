// Extra processes for e2e specs that must measure or kill a server: a second `next start` on a
// spare port (same build, database and secret as the main one), and direct SQL for fixtures.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import bcrypt from 'bcryptjs';
import type { BrowserContext } from '@playwright/test';
import pg from 'pg';

export async function sparePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type WebServer = { url: string; child: ChildProcess; stderr: string[]; rssMb(): number; stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }> };

export async function startWebServer(env: Record<string, string> = {}): Promise<WebServer> {
  const port = await sparePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('node_modules/.bin/next', ['start', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, APP_URL: url, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/sign-in`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('next start did not answer within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    stderr,
    rssMb: () => rssOfTree(child.pid!),
    stop: async (signal = 'SIGTERM') => {
      const started = Date.now();
      if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, ms: 0 };
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
  };
}

/** RSS of a process and its children (next start runs the server in a child), in MB. */
function rssOfTree(pid: number): number {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  const rows = out.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number]);
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, pp] of rows) {
      if (tree.has(pp) && !tree.has(p)) {
        tree.add(p);
        grew = true;
      }
    }
  }
  return rows.filter(([p]) => tree.has(p)).reduce((sum, [, , rss]) => sum + rss, 0) / 1024;
}

export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh user of its own, so rate limits and counts are not shared with other specs. */
export async function createUser(role: 'USER' | 'ADMIN' = 'USER'): Promise<{ id: string; email: string; password: string }> {
  const id = randomUUID();
  const email = `e2e-${id.slice(0, 8)}@example.com`;
  const password = 'e2e-password-123';
  await sql('INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, $5, now())', [id, email, 'E2E', role, await bcrypt.hash(password, 4)]);
  return { id, email, password };
}

export async function countAudits(userId: string): Promise<number> {
  const [row] = await sql<{ n: string }>('SELECT count(*) AS n FROM "Audit" WHERE "userId" = $1', [userId]);
  return Number(row?.n ?? 0);
}

/** The browser's cookies as a Cookie header, for requests to the second server (cookies ignore ports). */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}
