import { describe, expect, it } from 'vitest';
import { CrawlFrontier } from '@/lib/crawler/crawl-frontier';
import { PageBudget } from '@/lib/crawler/crawl-page-budget';
import { CrawlProgressReporter } from '@/lib/crawler/crawl-progress';
import type { CrawlProgress } from '@/lib/crawler/crawl-types';

const S = 'https://example.com';

function setup(intervalMs: number, maxPages = 100) {
  let clock = 1_000;
  const frontier = new CrawlFrontier({ maxDepth: 10, maxQueued: 1_000, inScope: () => true });
  const budget = new PageBudget(maxPages);
  const hostsDown = new Set<string>();
  const reports: CrawlProgress[] = [];
  const reporter = new CrawlProgressReporter(
    { frontier, budget, hostsDown },
    { now: () => clock, startedAt: 1_000, intervalMs, onProgress: (p) => reports.push(p) },
  );
  return { frontier, budget, hostsDown, reporter, reports, tick: (ms: number) => (clock += ms) };
}

describe('CrawlProgressReporter', () => {
  it('reports at most once per interval unless forced; phase changes always report', () => {
    const t = setup(500);
    t.reporter.report();
    t.tick(200);
    t.reporter.report();
    expect(t.reports).toHaveLength(1);
    t.reporter.report(true);
    expect(t.reports).toHaveLength(2);
    t.tick(499);
    t.reporter.report();
    expect(t.reports).toHaveLength(2);
    t.tick(1);
    t.reporter.report();
    t.reporter.setPhase('sitemaps');
    expect(t.reports.map((p) => p.phase)).toEqual(['robots', 'robots', 'robots', 'sitemaps']);
  });

  it('counts failures and blocked URLs from results', () => {
    const t = setup(0);
    const base = { url: `${S}/`, depth: 0, inSitemap: false, discovered: [] };
    t.reporter.countResult({ ...base, blockedByRobots: true });
    t.reporter.countResult({ ...base, fetchError: { code: 'DNS_FAILURE', message: 'x' } });
    t.reporter.countResult({ ...base, response: { status: 404 } as never });
    t.reporter.countResult({ ...base, response: { status: 301 } as never });
    expect(t.reporter.snapshot()).toMatchObject({ blocked: 1, failed: 2 });
  });

  it('measures the rate from the start of the crawl phase, and the ETA from what is left within maxPages', () => {
    const t = setup(0, 12);
    t.tick(5_000); // robots and sitemaps do not count towards the rate
    t.reporter.beginCrawling();
    for (let i = 0; i < 20; i++) t.frontier.discover(`${S}/${i}`, 1, undefined);
    t.tick(2_000);
    for (let i = 0; i < 4; i++) {
      t.budget.reserve();
      t.budget.record();
      t.reporter.resultRecorded();
    }
    const progress = t.reporter.snapshot();
    expect(progress.pagesPerSecond).toBe(2);
    expect(progress.elapsedMs).toBe(7_000);
    // 20 queued, but only 12 - 4 = 8 pages may still be reported: 8 pages at 2/s.
    expect(progress.etaMs).toBe(4_000);
    t.reporter.setPhase('done');
    expect(t.reporter.snapshot().etaMs).toBe(0);
  });

  it('has no ETA before the first page, and lists hosts that are down', () => {
    const t = setup(0);
    t.hostsDown.add('down.example');
    expect(t.reporter.snapshot()).toMatchObject({ etaMs: null, pagesPerSecond: 0, hostsDown: ['down.example'] });
  });
});
