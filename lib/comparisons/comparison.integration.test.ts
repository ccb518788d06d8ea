// A comparison end to end: three local sites (yours, a rival, a rival whose every URL answers 500)
// audited as a BullMQ flow by a real worker process through real Redis and PostgreSQL, the routes
// called as Next calls them (session mocked). The broken rival is listed as failed with its reason
// and does not sink the comparison; the two others have scores, with a win and a loss between them.
import { type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockSession, type TestUser } from '@/test/mock-session';
import { startRivalSite, type RivalSite } from '@/test/rival-site';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { waitFor } from '@/test/wait-for';

const prefix = `ro-it-compare-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;
process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';

const session = mockSession();

const { db } = await import('@/lib/db');
const { closeQueues } = await import('@/lib/queue/queues');
const comparisonsRoute = await import('@/app/api/comparisons/route');
const comparisonRoute = await import('@/app/api/comparisons/[id]/route');

type Site = { url: string; auditId: string; role: 'you' | 'rival'; status: string; score: number | null; categoryScores: Record<string, number>; error: string | null };
type Outcome = { category: string; yours: number; best: number; bestUrl: string; rivals: string[] };
type View = {
  id: string;
  status: string;
  error: string | null;
  sites: Site[];
  wins: Outcome[];
  losses: Outcome[];
  theyDoItYouDont: { checkId: string; rivalsPassing: number; rivalsAudited: number }[];
  facts: Record<string, { homeUrl: string | null; title: string | null; h1: string | null; pageCount: number; keyword?: Record<string, boolean> | null }>;
};

let worker: ChildProcess | undefined;
let yours: RivalSite;
let rival: RivalSite;
let broken: RivalSite;
let owner: TestUser;
let other: TestUser;

const as = (user: TestUser | null) => (session.user = user);
const post = (body: unknown) =>
  comparisonsRoute.POST(new Request('http://127.0.0.1/api/comparisons', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
const get = (id: string) => comparisonRoute.GET(new Request(`http://127.0.0.1/api/comparisons/${id}`), { params: Promise.resolve({ id }) });

beforeAll(async () => {
  // Yours lacks image alt texts (an images loss) but has good titles and descriptions; the rival
  // the opposite (an on-page win for you).
  yours = await startRivalSite({ name: 'Yours', defects: ['no-alt'] });
  rival = await startRivalSite({ name: 'Rival', defects: ['no-description', 'short-title', 'no-h1'] });
  broken = await startRivalSite({ name: 'Broken', broken: true });
  const mk = async () => {
    const u = await db.user.create({ data: { email: `compare-${randomUUID()}@example.com`, role: 'USER' } });
    return { id: u.id, email: u.email, role: 'USER' as const };
  };
  [owner, other] = [await mk(), await mk()];
  worker = await spawnWorker({ QUEUE_PREFIX: prefix, ALLOWED_PRIVATE_HOSTS: '127.0.0.1' });
});

afterAll(async () => {
  if (worker) await stopWorker(worker);
  const ids = [owner?.id, other?.id].filter((id): id is string => Boolean(id));
  await db.comparison.deleteMany({ where: { userId: { in: ids } } });
  await db.audit.deleteMany({ where: { userId: { in: ids } } });
  await db.user.deleteMany({ where: { id: { in: ids } } });
  await closeQueues();
  await Promise.all([yours?.close(), rival?.close(), broken?.close()]);
  await db.$disconnect();
});

describe('comparison through the queue', () => {
  it('completes with the broken rival failed, the other two scored, a win and a loss', async () => {
    as(owner);
    const res = await post({ url: yours.url, rivals: [rival.url, broken.url], maxPages: 4, keyword: 'roof repair' });
    expect(res.status).toBe(202);
    const started = (await res.json()) as { id: string; mode: string; auditIds: string[] };
    expect(started.mode).toBe('async');
    expect(started.auditIds).toHaveLength(3);

    const view = await waitFor(
      async () => {
        const v = (await (await get(started.id)).json()) as View;
        return v.status === 'COMPLETED' || v.status === 'FAILED' ? v : null;
      },
      150_000,
      'the comparison to finish',
      500,
    );
    expect(view.status, view.error ?? '').toBe('COMPLETED');
    expect(view.error).toBe('1 rival could not be audited.');

    // The shape: {status, sites: [{url, auditId, status, score, categoryScores}], wins, losses}.
    expect(view.sites.map((s) => [s.role, s.url])).toEqual([['you', yours.url], ['rival', rival.url], ['rival', broken.url]]);
    const [mine, theirs, failed] = view.sites as [Site, Site, Site];
    for (const s of [mine, theirs]) {
      expect(s.status).toMatch(/^COMPLETED/);
      expect(s.score).toEqual(expect.any(Number));
      expect(Object.keys(s.categoryScores).length).toBeGreaterThan(3);
    }
    expect(failed.status).toBe('FAILED');
    expect(failed.score).toBeNull();
    expect(failed.error).toBeTruthy();

    expect(view.wins.map((w) => w.category)).toContain('on-page');
    expect(view.losses.map((l) => l.category)).toContain('images');
    const imagesLoss = view.losses.find((l) => l.category === 'images')!;
    expect(imagesLoss).toMatchObject({ bestUrl: rival.url, rivals: [rival.url] });
    expect(imagesLoss.yours).toBeLessThan(imagesLoss.best);
    expect(imagesLoss.yours).toBe(mine.categoryScores.images);
    // Only rivals that were audited count: the broken one beats nobody and is beaten by nobody.
    for (const o of [...view.wins, ...view.losses]) expect(o.rivals).not.toContain(broken.url);

    // "They do it, you don't": the missing alt text fires on yours, not on the rival.
    expect(view.theyDoItYouDont.length).toBeGreaterThan(0);
    for (const gap of view.theyDoItYouDont) expect(gap).toMatchObject({ rivalsPassing: 1, rivalsAudited: 1 });

    // Content facts side by side, the keyword placement on each readable home page.
    expect(view.facts[mine.auditId]).toMatchObject({ homeUrl: yours.url, h1: 'Home — Yours roof repair', pageCount: 4, keyword: { title: true, h1: true, description: true } });
    expect(view.facts[theirs.auditId]).toMatchObject({ homeUrl: rival.url, title: 'Home', h1: null, keyword: { title: false, h1: false, description: false } });
    // Its start page answered 500: no home page to read.
    expect(view.facts[failed.auditId]).toMatchObject({ homeUrl: null, title: null, keyword: null });
  });

  it('is 404 for another user, and in nobody else’s list', async () => {
    as(owner);
    const [mine] = ((await (await comparisonsRoute.GET(new Request('http://127.0.0.1/api/comparisons'), { params: Promise.resolve({}) })).json()) as { comparisons: { id: string }[] }).comparisons;
    expect(mine).toBeDefined();
    as(other);
    expect((await get(mine!.id)).status).toBe(404);
    const list = (await (await comparisonsRoute.GET(new Request('http://127.0.0.1/api/comparisons'), { params: Promise.resolve({}) })).json()) as { comparisons: unknown[] };
    expect(list.comparisons).toEqual([]);
    as(null);
    expect((await get(mine!.id)).status).toBe(401);
  });

  it('refuses bad input with the field named', async () => {
    as(owner);
    const res = await post({ url: yours.url, rivals: [yours.url] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/your own site/);
  });
});
