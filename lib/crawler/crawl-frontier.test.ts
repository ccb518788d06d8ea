import { describe, expect, it } from 'vitest';
import { CrawlFrontier, type FrontierLimits } from '@/lib/crawler/crawl-frontier';

const S = 'https://example.com';

function frontierWith(limits: Partial<FrontierLimits> = {}) {
  return new CrawlFrontier({ maxDepth: 10, maxQueued: 1_000, inScope: (url) => url.startsWith(S), ...limits });
}

function queuedUrls(frontier: CrawlFrontier): string[] {
  return frontier.snapshot().frontier.map((entry) => entry.url);
}

describe('CrawlFrontier.discover', () => {
  it('queues in-scope URLs within maxDepth once, and moves one forward when found shallower', () => {
    const frontier = frontierWith({ maxDepth: 2 });
    expect(frontier.discover(`${S}/a`, 2, `${S}/`)).toEqual({ url: `${S}/a`, depth: 2, via: `${S}/` });
    expect(frontier.discover(`${S}/a`, 2, `${S}/x`)).toBeNull();
    expect(frontier.discover(`${S}/deep`, 3, `${S}/a`)).toBeNull();
    expect(frontier.discover('https://other.example/', 1, `${S}/`)).toBeNull();
    expect(frontier.discover(`${S}/a`, 1, `${S}/b`)).toEqual({ url: `${S}/a`, depth: 1, via: `${S}/b` });
    expect(frontier.queuedCount).toBe(1);
    expect(frontier.seenCount).toBe(1);
  });

  it('never queues again a URL that left the queue: in flight, done, or claimed by a redirect', () => {
    const frontier = frontierWith();
    frontier.discover(`${S}/a`, 1, undefined);
    const [origin] = [...frontier.originQueues()];
    const entry = origin![1].shift()!;
    frontier.startFetch(entry);
    expect(frontier.discover(`${S}/a`, 0, undefined)).toBeNull();
    frontier.endFetch(entry);
    // Popped and no longer in flight, but seen: still not queued again (its result is on its way).
    expect(frontier.discover(`${S}/a`, 0, undefined)).toBeNull();
    frontier.markDone(`${S}/b`);
    expect(frontier.discover(`${S}/b`, 1, undefined)).toBeNull();
    frontier.claim({ url: `${S}/c`, depth: 1 });
    expect(frontier.discover(`${S}/c`, 0, undefined)).toBeNull();
  });

  it('stops taking new URLs at maxQueued but still moves queued ones forward', () => {
    const frontier = frontierWith({ maxQueued: 2 });
    frontier.discover(`${S}/a`, 3, undefined);
    frontier.discover(`${S}/b`, 3, undefined);
    expect(frontier.discover(`${S}/c`, 1, undefined)).toBeNull();
    expect(frontier.discover(`${S}/b`, 1, undefined)).not.toBeNull();
    expect(queuedUrls(frontier)).toEqual([`${S}/b`, `${S}/a`]);
  });

  it('queues sitemap URLs depth-unknown, after linked ones, and remembers them', () => {
    const frontier = frontierWith();
    frontier.addSitemapUrls([`${S}/s1`, `${S}/a`]);
    frontier.discover(`${S}/a`, 1, `${S}/`);
    frontier.discover(`${S}/b`, 2, `${S}/a`);
    expect(frontier.snapshot().frontier).toEqual([
      { url: `${S}/a`, depth: 1, via: `${S}/` },
      { url: `${S}/b`, depth: 2, via: `${S}/a` },
      { url: `${S}/s1`, depth: null, via: 'sitemap' },
    ]);
    expect(frontier.inSitemap(`${S}/a`)).toBe(true);
    expect(frontier.inSitemap(`${S}/b`)).toBe(false);
    expect(frontier.snapshot().sitemapUrls).toEqual([`${S}/s1`, `${S}/a`]);
  });
});

describe('CrawlFrontier bookkeeping', () => {
  it('knows when a linked page is being fetched (a sitemap URL may still get its depth)', () => {
    const frontier = frontierWith();
    frontier.startFetch({ url: `${S}/s`, depth: null });
    expect(frontier.linkedFetchInFlight).toBe(false);
    frontier.startFetch({ url: `${S}/a`, depth: 1 });
    expect(frontier.linkedFetchInFlight).toBe(true);
    frontier.endFetch({ url: `${S}/a`, depth: 1 });
    expect(frontier.linkedFetchInFlight).toBe(false);
    expect(frontier.inFlightCount).toBe(1);
  });

  it('isNew: not done, not in flight, and never seen or still waiting in a queue', () => {
    const frontier = frontierWith();
    expect(frontier.isNew(`${S}/never`)).toBe(true);
    frontier.discover(`${S}/queued`, 1, undefined);
    expect(frontier.isNew(`${S}/queued`)).toBe(true);
    frontier.claim({ url: `${S}/queued`, depth: 1 });
    expect(frontier.isNew(`${S}/queued`)).toBe(false);
    expect(frontier.queuedCount).toBe(0);
    frontier.unclaim({ url: `${S}/queued`, depth: 1 });
    expect(frontier.isNew(`${S}/queued`)).toBe(true);
    expect(frontier.queuedCount).toBe(1);
  });

  it('puts retried and interrupted entries first in their depth', () => {
    const frontier = frontierWith();
    frontier.discover(`${S}/a`, 1, undefined);
    frontier.discover(`${S}/b`, 1, undefined);
    frontier.requeue({ url: `${S}/r`, depth: 1, attempt: 1 });
    expect(frontier.snapshot().frontier[0]).toEqual({ url: `${S}/r`, depth: 1, attempt: 1 });
  });
});

describe('CrawlFrontier.restore and snapshot', () => {
  it('seeds the start URL when there is nothing to resume', () => {
    const fresh = frontierWith();
    fresh.restore(undefined, `${S}/`);
    expect(fresh.snapshot().frontier).toEqual([{ url: `${S}/`, depth: 0 }]);

    const empty = frontierWith();
    empty.restore({ frontier: [], done: [] }, `${S}/`);
    expect(queuedUrls(empty)).toEqual([`${S}/`]);
  });

  it('resumes: done URLs are not queued again, saved entries are normalised, the start URL is not re-seeded', () => {
    const frontier = frontierWith();
    frontier.restore(
      {
        done: new Set([`${S}/`, `${S}/a`]),
        frontier: [
          { url: `${S}/a`, depth: 1 },
          { url: 'https://EXAMPLE.com/b?utm_source=x', depth: 2, via: `${S}/a` },
          { url: 'not a url', depth: 1 },
          { url: `${S}/s`, depth: null, via: 'sitemap' },
        ],
      },
      `${S}/`,
    );
    expect(frontier.snapshot()).toEqual({
      frontier: [
        { url: `${S}/b`, depth: 2, via: `${S}/a` },
        { url: `${S}/s`, depth: null, via: 'sitemap' },
      ],
      done: [`${S}/`, `${S}/a`],
      sitemapUrls: [],
    });
    expect(frontier.doneCount).toBe(2);
    expect(frontier.discover(`${S}/a`, 1, undefined)).toBeNull();
  });

  it('keeps URLs still in flight in the snapshot, shallowest first, unless they are done', () => {
    const frontier = frontierWith();
    frontier.discover(`${S}/q`, 1, undefined);
    frontier.startFetch({ url: `${S}/deep`, depth: 3 });
    frontier.startFetch({ url: `${S}/finished`, depth: 0 });
    frontier.markDone(`${S}/finished`);
    expect(queuedUrls(frontier)).toEqual([`${S}/q`, `${S}/deep`]);
  });
});
