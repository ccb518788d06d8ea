import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockSession, type TestUser } from '@/test/mock-session';
import { startRivalSite, type RivalSite } from '@/test/rival-site';

// Issue 12's acceptance for history: a site changes between two audits (its meta descriptions come
// back, its H1s go away); the diff from the API route and from `cli diff --json` shows exactly that,
// and `cli audit --baseline --fail-on-regression` gates on it. Audits run through the real CLI.

process.env.QUEUE_PREFIX = `ro-it-diff-${randomUUID().slice(0, 8)}`;

const session = mockSession();

const { db } = await import('@/lib/db');
const diffRoute = await import('@/app/api/audits/[id]/diff/[otherId]/route');

type CliRun = { code: number; stdout: string; stderr: string };
// Asynchronous on purpose: the fixture site is served by this process and must answer meanwhile.
const cli = (args: string[]) =>
  new Promise<CliRun>((resolve) => {
    execFile('node', ['--import', 'tsx', 'cli/main.ts', ...args], { env: { ...process.env, RO_SERVICE: 'cli', LOG_LEVEL: 'warn' }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
const audit = (url: string, ...extra: string[]) => cli(['audit', url, '--in-process', '--render', 'never', '--max-pages', '20', '--json', ...extra]);

type DiffJson = {
  new: { checkId: string; url: string; severity: string }[];
  fixed: { checkId: string; url: string; severity: string }[];
  persisting: number;
  pagesAdded: string[];
  pagesRemoved: string[];
  statusChanges: unknown[];
  scoreDelta: { overall: number | null; byCategory: Record<string, number> };
};

const PAGES = ['/', '/about', '/contact', '/services'];
const pairs = (findings: { checkId: string; url: string }[]) => findings.map((f) => `${f.checkId} ${f.url}`).sort();

let site: RivalSite;
let first: string;
let second: string;
let secondRun: CliRun;
let owner: TestUser;
let other: TestUser;

async function createUser(role: 'USER' | 'ADMIN'): Promise<TestUser> {
  const id = randomUUID();
  const email = `diff-${id.slice(0, 8)}@example.com`;
  await db.user.create({ data: { id, email, role, passwordHash: 'x' } });
  return { id, email, role };
}

beforeAll(async () => {
  site = await startRivalSite({ name: 'Acme Roofing', defects: ['no-description'] });
  const run1 = await audit(site.url);
  expect(run1.code, run1.stderr).toBe(0);
  first = (JSON.parse(run1.stdout) as { auditId: string }).auditId;
  // One defect fixed (descriptions back), one added (H1s gone).
  site.setDefects(['no-h1']);
  secondRun = await audit(site.url, '--baseline', first, '--fail-on-regression');
  second = (JSON.parse(secondRun.stdout) as { auditId: string }).auditId;
  owner = await createUser('USER');
  other = await createUser('USER');
  // As if both had been started in the app by the owner.
  await db.audit.updateMany({ where: { id: { in: [first, second] } }, data: { userId: owner.id } });
}, 180_000);

afterAll(async () => {
  await site?.close();
  await db.$disconnect();
});

function expectExactChange(diff: DiffJson) {
  const expected = (checkId: string) => PAGES.map((p) => `${checkId} ${new URL(p, site.url).href}`).sort();
  expect(pairs(diff.new)).toEqual(expected('h1-missing'));
  expect(pairs(diff.fixed)).toEqual(expected('meta-description-missing'));
  expect(diff.persisting).toBeGreaterThan(0);
  expect(diff.pagesAdded).toEqual([]);
  expect(diff.pagesRemoved).toEqual([]);
  expect(diff.statusChanges).toEqual([]);
}

const getDiff = (id: string, otherId: string) =>
  diffRoute.GET(new Request(`http://127.0.0.1/api/audits/${id}/diff/${otherId}`), { params: Promise.resolve({ id, otherId }) });

describe('audit diff', () => {
  it('the API route shows exactly the fixed and the added defect, whichever order the audits are named in', async () => {
    session.user = owner;
    for (const [a, b] of [[first, second], [second, first]] as const) {
      const res = await getDiff(a, b);
      expect(res.status).toBe(200);
      const diff = (await res.json()) as DiffJson & { base: { id: string }; head: { id: string } };
      expect(diff.base.id).toBe(first);
      expect(diff.head.id).toBe(second);
      expectExactChange(diff);
      expect(diff.scoreDelta.overall).not.toBeNull();
    }
  });

  it('the API route answers 404 to another user and 400 for audits of different sites', async () => {
    session.user = other;
    expect((await getDiff(first, second)).status).toBe(404);
    session.user = owner;
    const elsewhere = await db.audit.create({ data: { kind: 'PROFESSIONAL', status: 'COMPLETED', url: 'http://127.0.0.1:9/', userId: owner.id } });
    const res = await getDiff(first, elsewhere.id);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/different sites/);
  });

  it('cli diff --json shows the same change', async () => {
    const run = await cli(['diff', second, first, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expectExactChange(JSON.parse(run.stdout) as DiffJson);
  });

  it('audit --baseline --fail-on-regression exits 1 when a high finding is new, and prints the diff', () => {
    expect(secondRun.code, secondRun.stderr).toBe(1);
    expectExactChange((JSON.parse(secondRun.stdout) as { diff: DiffJson }).diff);
  });

  it('audit --baseline --fail-on-regression exits 0 when nothing regressed', async () => {
    // The H1s come back: only fixes since the second audit.
    site.setDefects([]);
    const run = await audit(site.url, '--baseline', second, '--fail-on-regression');
    expect(run.code, run.stderr).toBe(0);
    const { diff } = JSON.parse(run.stdout) as { diff: DiffJson };
    expect(diff.new).toEqual([]);
    expect(pairs(diff.fixed)).toEqual(PAGES.map((p) => `h1-missing ${new URL(p, site.url).href}`).sort());
  }, 90_000);
});
