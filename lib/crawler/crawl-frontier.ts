// Everything the crawl knows about URLs: what is queued (one Frontier per origin, because robots
// rules and politeness are per origin), what was ever queued, what is being worked on, what is done
// and what came from sitemaps — plus the resumable snapshot of all that.
import type { CrawlOutcome, CrawlState } from '@/lib/crawler/crawl-types';
import { Frontier, isShallower, type FrontierEntry } from '@/lib/crawler/frontier';
import { normalizeUrl } from '@/lib/crawler/normalize-url';

export function hostOf(url: string): string {
  return new URL(url).hostname;
}

export function originOf(url: string): string {
  return new URL(url).origin;
}

export function byDepth(a: FrontierEntry, b: FrontierEntry): number {
  return isShallower(a.depth, b.depth) ? -1 : isShallower(b.depth, a.depth) ? 1 : 0;
}

export type FrontierLimits = {
  maxDepth: number;
  /** Distinct URLs ever queued; past it new URLs are ignored so a link farm cannot exhaust memory. */
  maxQueued: number;
  /** Same site and matching include/exclude. */
  inScope: (url: string) => boolean;
};

export class CrawlFrontier {
  private readonly queues = new Map<string, Frontier>();
  /** Every URL ever queued, so a popped URL is never queued again. */
  private readonly seen = new Set<string>();
  private readonly done = new Set<string>();
  private readonly inFlight = new Map<string, FrontierEntry>();
  private readonly sitemapUrls = new Set<string>();
  /** Fetches of linked (depth ≠ null) URLs in progress: each may still link a sitemap-only URL. */
  private linkedFetches = 0;

  constructor(private readonly limits: FrontierLimits) {}

  get seenCount(): number {
    return this.seen.size;
  }

  get doneCount(): number {
    return this.done.size;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  get queuedCount(): number {
    let total = 0;
    for (const queue of this.queues.values()) total += queue.size;
    return total;
  }

  /** A sitemap-only URL picked now could still get a real depth from one of these pages. */
  get linkedFetchInFlight(): boolean {
    return this.linkedFetches > 0;
  }

  inScope(url: string): boolean {
    return this.limits.inScope(url);
  }

  inSitemap(url: string): boolean {
    return this.sitemapUrls.has(url);
  }

  /** Origin → its queue, in the order origins were first seen. */
  originQueues(): IterableIterator<[string, Frontier]> {
    return this.queues.entries();
  }

  queuedEntry(url: string): FrontierEntry | undefined {
    return this.queues.get(originOf(url))?.get(url);
  }

  /** Queue a URL (or move it forward); returns the entry when something changed. */
  discover(url: string, depth: number | null, via: string | undefined): FrontierEntry | null {
    if (this.done.has(url) || this.inFlight.has(url)) return null;
    if (this.seen.has(url) && !this.queuedEntry(url)) return null;
    if (depth !== null && depth > this.limits.maxDepth) return null;
    if (!this.inScope(url)) return null;
    if (!this.seen.has(url) && this.seen.size >= this.limits.maxQueued) return null;
    const added = this.queueFor(url).add({ url, depth, via });
    if (added) this.seen.add(url);
    return added;
  }

  /** Remember sitemap URLs (for `inSitemap` and the snapshot) and queue them as depth-unknown. */
  addSitemapUrls(urls: readonly string[]): void {
    for (const url of urls) this.sitemapUrls.add(url);
    for (const url of urls) this.discover(url, null, 'sitemap');
  }

  /** Not done, not being worked on, and either never queued or still waiting in a queue. */
  isNew(url: string): boolean {
    return !this.done.has(url) && !this.inFlight.has(url) && (!this.seen.has(url) || this.queuedEntry(url) !== undefined);
  }

  /** Put an entry back at the front of its depth: a retry, or work an abort interrupted. */
  requeue(entry: FrontierEntry): void {
    this.queueFor(entry.url).add(entry, { front: true });
  }

  /** A fetch of `entry` starts; it was just taken off its queue. */
  startFetch(entry: FrontierEntry): void {
    this.inFlight.set(entry.url, entry);
    if (entry.depth !== null) this.linkedFetches++;
  }

  endFetch(entry: FrontierEntry): void {
    this.inFlight.delete(entry.url);
    if (entry.depth !== null) this.linkedFetches--;
  }

  /** Work on `entry` starts without a fetch of its own (blocked, unanswered, a redirect's target). */
  startReport(entry: FrontierEntry): void {
    this.inFlight.set(entry.url, entry);
  }

  endReport(url: string): void {
    this.inFlight.delete(url);
  }

  /** Take a redirect target over from the queue (if it was there): the redirect already has its response. */
  claim(entry: FrontierEntry): void {
    this.queues.get(originOf(entry.url))?.remove(entry.url);
    this.seen.add(entry.url);
    this.inFlight.set(entry.url, entry);
  }

  /** Undo `claim` after an abort: the target waits in the queue again. */
  unclaim(entry: FrontierEntry): void {
    this.inFlight.delete(entry.url);
    this.requeue(entry);
  }

  markDone(url: string): void {
    this.done.add(url);
  }

  /**
   * Load a saved state, or seed the start URL when there is nothing to resume. Saved entries are
   * trusted (they passed scope and depth checks when first queued), only normalised again.
   */
  restore(resume: CrawlState | undefined, startUrl: string): void {
    if (resume) {
      for (const url of resume.done) {
        this.done.add(url);
        this.seen.add(url);
      }
      for (const entry of resume.frontier) {
        const url = normalizeUrl(entry.url);
        if (!url || this.done.has(url)) continue;
        const added = this.queueFor(url).add({ ...entry, url });
        if (added) this.seen.add(url);
      }
    }
    if (!resume || (this.done.size === 0 && this.queuedCount === 0)) {
      this.seen.add(startUrl);
      this.queueFor(startUrl).add({ url: startUrl, depth: 0 });
    }
  }

  /** What is left to do, shallowest first; URLs still in flight count as not done. */
  snapshot(): CrawlOutcome['state'] {
    const remaining: FrontierEntry[] = [...this.inFlight.values()].filter((entry) => !this.done.has(entry.url));
    for (const queue of this.queues.values()) remaining.push(...queue.entries());
    remaining.sort(byDepth);
    return { frontier: remaining, done: [...this.done], sitemapUrls: [...this.sitemapUrls] };
  }

  private queueFor(url: string): Frontier {
    const origin = originOf(url);
    let queue = this.queues.get(origin);
    if (!queue) {
      queue = new Frontier();
      this.queues.set(origin, queue);
    }
    return queue;
  }
}
