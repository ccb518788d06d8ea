import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRivalSite, type RivalSite } from '@/test/rival-site';

// `cli compare <url> --rival <url> --json` against two local sites, in this CLI process (no worker):
// stdout is the comparison view as JSON (nothing else), exit 0 when it completed, 64 for bad usage.

const prefix = `ro-it-cli-compare-${randomUUID().slice(0, 8)}`;

type CliRun = { code: number; stdout: string; stderr: string };
// Asynchronous on purpose: the fixture sites are served by this process and must answer meanwhile.
const cli = (args: string[]) =>
  new Promise<CliRun>((resolve) => {
    execFile('node', ['--import', 'tsx', 'cli/main.ts', ...args], { env: { ...process.env, RO_SERVICE: 'cli', LOG_LEVEL: 'warn', QUEUE_PREFIX: prefix }, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

type View = {
  id: string;
  status: string;
  error: string | null;
  sites: { url: string; role: string; status: string; score: number | null }[];
  wins: { category: string }[];
  losses: { category: string }[];
};

let yours: RivalSite;
let rival: RivalSite;
const created: string[] = [];

beforeAll(async () => {
  yours = await startRivalSite({ name: 'Yours', defects: ['no-alt'] });
  rival = await startRivalSite({ name: 'Rival', defects: ['no-description', 'short-title', 'no-h1'] });
});

afterAll(async () => {
  await Promise.all([yours?.close(), rival?.close()]);
  if (created.length) {
    const { db } = await import('@/lib/db');
    await db.audit.deleteMany({ where: { comparisonId: { in: created } } });
    await db.comparison.deleteMany({ where: { id: { in: created } } });
    await db.$disconnect();
  }
});

describe('cli compare', () => {
  it('prints the finished comparison as JSON: both sites scored, a win and a loss', async () => {
    const run = await cli(['compare', yours.url, '--rival', rival.url, '--max-pages', '4', '--keyword', 'roof repair', '--json', '--in-process']);
    expect(run.code, run.stderr).toBe(0);
    const view = JSON.parse(run.stdout) as View;
    created.push(view.id);
    expect(view.status).toBe('COMPLETED');
    expect(view.error).toBeNull();
    expect(view.sites.map((s) => [s.role, s.url, s.status])).toEqual([['you', yours.url, 'COMPLETED'], ['rival', rival.url, 'COMPLETED']]);
    for (const s of view.sites) expect(s.score).toEqual(expect.any(Number));
    expect(view.wins.map((w) => w.category)).toContain('on-page');
    expect(view.losses.map((l) => l.category)).toContain('images');
    expect(run.stderr).toContain(`comparison ${view.id}: 2 sites, running in this process`);
  }, 120_000);

  it('refuses a comparison without a rival with exit 64 and the usage', async () => {
    const run = await cli(['compare', yours.url, '--json']);
    expect(run.code).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/at least one rival/);
    expect(run.stderr).toContain('Usage:');
  });
});
