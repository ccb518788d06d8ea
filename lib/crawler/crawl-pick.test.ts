import { describe, expect, it } from 'vitest';
import { CrawlFrontier } from '@/lib/crawler/crawl-frontier';
import { crawlOptionsSchema } from '@/lib/crawler/crawl-options';
import { PageBudget } from '@/lib/crawler/crawl-page-budget';
import { pickNext, type Picked, type PickRun } from '@/lib/crawler/crawl-pick';
import { CrawlProgressReporter } from '@/lib/crawler/crawl-progress';
import { CrawlRobots } from '@/lib/crawler/crawl-robots';
import { createHostScheduler } from '@/lib/crawler/host-scheduler';
import { createRobotsCache, type RobotsFetchResponse } from '@/lib/crawler/robots';
import { FetchError } from '@/lib/fetch/fetch-error';

const A = 'https://a.example';
const B = 'https://b.example';

type RobotsAnswer = RobotsFetchResponse | FetchError;

function setup(options: { robots?: Record<string, RobotsAnswer>; maxPages?: number; respectRobots?: boolean; politenessDelayMs?: number } = {}) {
  let clock = 0;
  const now = () => clock;
  const settings = crawlOptionsSchema.parse({ startUrl: `${A}/`, maxPages: options.maxPages ?? 10, respectRobots: options.respectRobots ?? true });
  const frontier = new CrawlFrontier({ maxDepth: 10, maxQueued: 1_000, inScope: () => true });
  const budget = new PageBudget(settings.maxPages);
  const hostsDown = new Set<string>();
  const scheduler = createHostScheduler({ now, maxConcurrency: 4, minDelayMs: options.politenessDelayMs ?? 0 });
  const robotsRequests: string[] = [];
  const cache = createRobotsCache({
    fetcher: async (url) => {
      robotsRequests.push(url);
      const answer = options.robots?.[new URL(url).origin] ?? { status: 404, body: '' };
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  let wakes = 0;
  const robots = new CrawlRobots(cache, scheduler, new AbortController().signal, () => wakes++);
  const progress = new CrawlProgressReporter({ frontier, budget, hostsDown }, { now, startedAt: 0, intervalMs: 0 });
  const run: PickRun = { settings, frontier, budget, robots, scheduler, progress, hostsDown };
  return {
    run,
    frontier,
    budget,
    hostsDown,
    progress,
    robotsRequests,
    wakes: () => wakes,
    tick: (ms: number) => (clock += ms),
    pick: () => pickNext(run),
    loadRobots: (...origins: string[]) => Promise.all(origins.map((origin) => robots.load(`${origin}/`))),
  };
}

function pickedUrl(picked: Picked): string | undefined {
  return 'entry' in picked ? picked.entry.url : undefined;
}

describe('pickNext', () => {
  it('takes the origin whose next URL is shallowest, and reserves a page for it', async () => {
    const t = setup();
    t.frontier.discover(`${A}/deep`, 3, undefined);
    t.frontier.discover(`${B}/shallow`, 1, undefined);
    await t.loadRobots(A, B);
    const first = t.pick();
    expect(first).toMatchObject({ kind: 'fetch', entry: { url: `${B}/shallow`, depth: 1 } });
    expect(t.budget.reserved).toBe(1);
    expect(pickedUrl(t.pick())).toBe(`${A}/deep`);
    expect(t.pick()).toEqual({ kind: 'idle' });
  });

  it('waits while robots.txt is on its way, asks for it once, and is woken when it arrives', async () => {
    const t = setup();
    t.frontier.discover(`${A}/x`, 1, undefined);
    expect(t.pick()).toEqual({ kind: 'wait', ms: null });
    expect(t.pick()).toEqual({ kind: 'wait', ms: null });
    expect(t.run.robots.loading).toBe(true);
    await t.loadRobots(A);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.robotsRequests).toEqual([`${A}/robots.txt`]);
    expect(t.wakes()).toBe(1);
    expect(t.run.robots.loading).toBe(false);
    expect(t.pick()).toMatchObject({ kind: 'fetch', entry: { url: `${A}/x` } });
  });

  it('hands disallowed URLs out as blocked (no page reserved), and drops them silently past the blocked cap', async () => {
    const t = setup({ robots: { [A]: { status: 200, body: 'User-agent: *\nDisallow: /private/\n' } }, maxPages: 1 });
    for (const path of ['/private/a', '/private/b', '/open']) t.frontier.discover(`${A}${path}`, 1, undefined);
    await t.loadRobots(A);
    expect(t.pick()).toMatchObject({ kind: 'blocked', entry: { url: `${A}/private/a` } });
    expect(t.budget.reserved).toBe(0);
    t.progress.blocked = 1;
    expect(t.pick()).toMatchObject({ kind: 'fetch', entry: { url: `${A}/open` } });
    expect(t.frontier.queuedCount).toBe(0);
  });

  it('ignores robots.txt when told to', () => {
    const t = setup({ respectRobots: false });
    t.frontier.discover(`${A}/x`, 1, undefined);
    expect(t.pick()).toMatchObject({ kind: 'fetch', entry: { url: `${A}/x` } });
    expect(t.robotsRequests).toEqual([]);
  });

  it('gives one URL of a host that never answered its robots.txt that cause, then leaves the host', async () => {
    const refused = new FetchError('CONNECTION_FAILED', `${B}/robots.txt`, 'refused', { reason: 'ECONNREFUSED' });
    const t = setup({ robots: { [B]: refused } });
    t.frontier.discover(`${B}/1`, 1, undefined);
    t.frontier.discover(`${B}/2`, 1, undefined);
    await t.loadRobots(B);
    expect(t.pick()).toMatchObject({ kind: 'unanswered', entry: { url: `${B}/1` }, failure: { code: 'CONNECTION_FAILED', reason: 'ECONNREFUSED' } });
    expect([...t.hostsDown]).toEqual(['b.example']);
    expect(t.budget.reserved).toBe(1);
    expect(t.pick()).toEqual({ kind: 'idle' });
    expect(t.frontier.queuedCount).toBe(1);
  });

  it('still marks such a host down when the page budget is full, but takes none of its URLs', async () => {
    const refused = new FetchError('CONNECTION_FAILED', `${B}/robots.txt`, 'refused', { reason: 'ECONNREFUSED' });
    const t = setup({ robots: { [B]: refused }, maxPages: 1 });
    t.budget.reserve();
    t.frontier.discover(`${B}/1`, 1, undefined);
    await t.loadRobots(B);
    expect(t.pick()).toEqual({ kind: 'idle' });
    expect([...t.hostsDown]).toEqual(['b.example']);
    expect(t.frontier.queuedCount).toBe(1);
    expect(t.budget.reserved).toBe(1);
  });

  it('is idle, not waiting, once the page budget is used up', async () => {
    const t = setup({ maxPages: 1 });
    t.frontier.discover(`${A}/1`, 1, undefined);
    t.frontier.discover(`${A}/2`, 1, undefined);
    await t.loadRobots(A);
    expect(t.pick().kind).toBe('fetch');
    expect(t.pick()).toEqual({ kind: 'idle' });
  });

  it('waits out the politeness delay, for the host that is free soonest', async () => {
    const t = setup({ politenessDelayMs: 1_000 });
    for (const url of [`${A}/1`, `${A}/2`, `${B}/1`, `${B}/2`]) t.frontier.discover(url, 1, undefined);
    await t.loadRobots(A, B);
    expect(pickedUrl(t.pick())).toBe(`${A}/1`);
    t.tick(300);
    expect(pickedUrl(t.pick())).toBe(`${B}/1`);
    expect(t.pick()).toEqual({ kind: 'wait', ms: 700 });
    t.tick(700);
    expect(pickedUrl(t.pick())).toBe(`${A}/2`);
  });

  it('holds a sitemap-only URL back while a linked page that may link it is being fetched', async () => {
    const t = setup();
    t.frontier.addSitemapUrls([`${A}/from-sitemap`]);
    await t.loadRobots(A);
    t.frontier.startFetch({ url: `${A}/page`, depth: 1 });
    expect(t.pick()).toEqual({ kind: 'wait', ms: null });
    t.frontier.endFetch({ url: `${A}/page`, depth: 1 });
    expect(t.pick()).toMatchObject({ kind: 'fetch', entry: { url: `${A}/from-sitemap`, depth: null } });
  });
});
