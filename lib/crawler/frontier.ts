// The crawl queue for one origin: breadth-first by depth, FIFO within a depth, and URLs known
// only from sitemaps (depth null) after every linked URL. A URL found again at a smaller depth
// moves forward, so its recorded depth is the shortest path seen so far.

export type FrontierEntry = {
  /** Normalised URL. */
  url: string;
  /** Discovery depth from the start URL; null = known only from a sitemap (orphan unless linked). */
  depth: number | null;
  /** Page the URL was first found on, or "sitemap". */
  via?: string;
  /** Times this URL was already tried and put back (429/503). */
  attempt?: number;
};

type Slot = { entry: FrontierEntry; live: boolean };

/** Lower depth first; null (sitemap-only) last. */
export function isShallower(a: number | null, b: number | null): boolean {
  if (a === null) return false;
  return b === null || a < b;
}

export class Frontier {
  private readonly buckets = new Map<number | null, { items: Slot[]; head: number }>();
  private readonly index = new Map<string, Slot>();

  get size(): number {
    return this.index.size;
  }

  has(url: string): boolean {
    return this.index.has(url);
  }

  get(url: string): FrontierEntry | undefined {
    return this.index.get(url)?.entry;
  }

  /**
   * Add a URL, or move it forward when it is already queued at a worse depth.
   * Returns the entry as queued now, or null when nothing changed.
   */
  add(entry: FrontierEntry, options: { front?: boolean } = {}): FrontierEntry | null {
    const existing = this.index.get(entry.url);
    if (existing) {
      if (!isShallower(entry.depth, existing.entry.depth)) return null;
      existing.live = false;
    }
    const slot: Slot = { entry: { ...entry }, live: true };
    let bucket = this.buckets.get(entry.depth);
    if (!bucket) {
      bucket = { items: [], head: 0 };
      this.buckets.set(entry.depth, bucket);
    }
    if (options.front) {
      // Retries go first in their depth; unshift is fine, retries are rare.
      bucket.items.splice(bucket.head, 0, slot);
    } else {
      bucket.items.push(slot);
    }
    this.index.set(entry.url, slot);
    return slot.entry;
  }

  /** Drop a queued URL (e.g. its content arrived through a redirect). */
  remove(url: string): boolean {
    const slot = this.index.get(url);
    if (!slot) return false;
    slot.live = false;
    this.index.delete(url);
    return true;
  }

  private firstBucket(): { items: Slot[]; head: number } | undefined {
    let best: number | null | undefined;
    let found = false;
    for (const [depth, bucket] of this.buckets) {
      this.skipDead(bucket);
      if (bucket.head >= bucket.items.length) {
        this.buckets.delete(depth);
        continue;
      }
      if (!found || isShallower(depth, best!)) {
        best = depth;
        found = true;
      }
    }
    return found ? this.buckets.get(best!) : undefined;
  }

  private skipDead(bucket: { items: Slot[]; head: number }) {
    while (bucket.head < bucket.items.length && !bucket.items[bucket.head]!.live) bucket.head++;
    // Compact now and then so a long crawl does not keep every popped slot alive.
    if (bucket.head > 1024 && bucket.head * 2 > bucket.items.length) {
      bucket.items = bucket.items.slice(bucket.head);
      bucket.head = 0;
    }
  }

  /** Next entry without removing it. */
  peek(): FrontierEntry | undefined {
    const bucket = this.firstBucket();
    return bucket?.items[bucket.head]?.entry;
  }

  /** Remove and return the next entry. */
  shift(): FrontierEntry | undefined {
    const bucket = this.firstBucket();
    if (!bucket) return undefined;
    const slot = bucket.items[bucket.head++]!;
    slot.live = false;
    this.index.delete(slot.entry.url);
    return slot.entry;
  }

  /** Queued entries in crawl order (for a resumable snapshot). */
  entries(): FrontierEntry[] {
    const depths = [...this.buckets.keys()].sort((a, b) => (isShallower(a, b) ? -1 : isShallower(b, a) ? 1 : 0));
    const result: FrontierEntry[] = [];
    for (const depth of depths) {
      const bucket = this.buckets.get(depth)!;
      for (let i = bucket.head; i < bucket.items.length; i++) {
        const slot = bucket.items[i]!;
        if (slot.live) result.push({ ...slot.entry });
      }
    }
    return result;
  }
}
