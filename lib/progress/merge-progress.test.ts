import { describe, expect, it } from 'vitest';
import { emptySeverityCounts, type ProgressSnapshot } from '@/lib/progress/events';
import { expectedPages, isTotalKnown, mergeProgress, progressPercent, startProgress, type ProgressView } from '@/lib/progress/merge-progress';

function snap(patch: Partial<ProgressSnapshot> = {}): ProgressSnapshot {
  return {
    auditId: 'a1',
    status: 'RUNNING',
    phase: 'crawling',
    discovered: 0,
    crawled: 0,
    failed: 0,
    limit: 100,
    currentUrl: null,
    etaSeconds: null,
    findings: emptySeverityCounts(),
    score: null,
    error: null,
    ...patch,
  };
}

/** Every view along the way, starting from the first snapshot. */
function run(first: ProgressSnapshot, ...rest: ProgressSnapshot[]): ProgressView[] {
  const views = [startProgress(first)];
  for (const s of rest) views.push(mergeProgress(views.at(-1)!, s));
  return views;
}

const percents = (views: ProgressView[]) => views.map(progressPercent);

describe('mergeProgress', () => {
  it('never lowers the percentage when the frontier grows', () => {
    const views = run(
      snap({ crawled: 0, discovered: 1 }),
      snap({ crawled: 5, discovered: 10 }), // 50 %
      snap({ crawled: 6, discovered: 60 }), // the frontier grew ten-fold
      snap({ crawled: 30, discovered: 80 }),
      snap({ crawled: 79, discovered: 80 }),
    );
    const p = percents(views);
    expect(p[1]).toBe(50);
    for (let i = 1; i < p.length; i++) expect(p[i]).toBeGreaterThanOrEqual(p[i - 1]!);
    // …and it still moves with every page after the jump, rather than freezing at 50 %.
    expect(views[2]!.fraction).toBeGreaterThan(views[1]!.fraction);
    expect(p[3]).toBeGreaterThan(p[2]!);
    expect(p[4]).toBe(99);
  });

  it('matches crawled / total when the total does not change', () => {
    const views = run(snap({ discovered: 40, crawled: 0 }), snap({ discovered: 40, crawled: 10 }), snap({ discovered: 40, crawled: 30 }));
    expect(percents(views)).toEqual([0, 25, 75]);
  });

  it('counts towards the page limit, not towards everything discovered', () => {
    const view = mergeProgress(startProgress(snap({ limit: 60 })), snap({ limit: 60, discovered: 500, crawled: 30 }));
    expect(expectedPages(view)).toBe(60);
    expect(isTotalKnown(view)).toBe(true);
    expect(progressPercent(view)).toBe(50);
  });

  it('does not jump to the end when a page event arrives before the links it found are reported', () => {
    // The worker's page event carries the crawled count + 1 and the last reported (stale) discovered count.
    const views = run(snap({ discovered: 1, crawled: 0 }), snap({ discovered: 1, crawled: 1 }), snap({ discovered: 30, crawled: 1 }));
    expect(percents(views)).toEqual([0, 0, 3]);
    expect(isTotalKnown(views[2]!)).toBe(false);
  });

  it('keeps the crawled, failed, discovered and findings counts from ever dropping while running', () => {
    const view = mergeProgress(
      startProgress(snap({ crawled: 12, failed: 3, discovered: 40, findings: { ...emptySeverityCounts(), high: 4 } })),
      snap({ crawled: 11, failed: 2, discovered: 35, findings: { ...emptySeverityCounts(), high: 3, low: 1 } }),
    );
    expect(view).toMatchObject({ crawled: 12, failed: 3, discovered: 40, findings: { high: 4, low: 1 } });
  });

  it('moves phase and status forward only', () => {
    const view = mergeProgress(startProgress(snap({ status: 'RUNNING', phase: 'analyzing' })), snap({ status: 'QUEUED', phase: 'discovering' }));
    expect(view.status).toBe('RUNNING');
    expect(view.phase).toBe('analyzing');
  });

  it('keeps the last ETA through a snapshot without one while crawling, and drops it after the crawl', () => {
    const withEta = startProgress(snap({ crawled: 5, discovered: 50, etaSeconds: 29 }));
    expect(mergeProgress(withEta, snap({ crawled: 5, discovered: 50 })).etaSeconds).toBe(29);
    expect(mergeProgress(withEta, snap({ phase: 'analyzing', crawled: 50, discovered: 50 })).etaSeconds).toBeNull();
  });

  it('ends in the final state after a cancel: status, no ETA, the live counts, the bar where it stopped', () => {
    const running = run(snap({ crawled: 0, discovered: 50 }), snap({ crawled: 20, discovered: 50, failed: 2, etaSeconds: 29, currentUrl: 'https://example.com/x' }));
    // The database's counters were saved a moment earlier than the last live event.
    const ended = mergeProgress(running.at(-1)!, snap({ status: 'CANCELLED', phase: 'done', crawled: 18, failed: 1, discovered: 48, error: 'Cancelled by the user.' }));
    expect(ended).toMatchObject({ status: 'CANCELLED', phase: 'done', etaSeconds: null, currentUrl: null, crawled: 20, failed: 2, error: 'Cancelled by the user.' });
    expect(progressPercent(ended)).toBe(40);
  });

  it('ends at 100 % with the recounted final counts after completion', () => {
    const running = run(snap({ crawled: 0, discovered: 70, limit: 60 }), snap({ crawled: 58, discovered: 70, failed: 5, limit: 60, etaSeconds: 3 }));
    const ended = mergeProgress(running.at(-1)!, snap({ status: 'COMPLETED_WITH_ERRORS', phase: 'done', crawled: 60, discovered: 60, failed: 2, limit: 60, etaSeconds: 0, score: 71 }));
    expect(ended).toMatchObject({ status: 'COMPLETED_WITH_ERRORS', crawled: 60, failed: 2, etaSeconds: null, score: 71 });
    expect(progressPercent(ended)).toBe(100);
  });

  it('ignores events replayed after the end', () => {
    const ended = run(snap({ crawled: 10, discovered: 10 }), snap({ status: 'COMPLETED', phase: 'done', crawled: 10, discovered: 10 })).at(-1)!;
    const after = mergeProgress(ended, snap({ status: 'RUNNING', crawled: 9, discovered: 10, etaSeconds: 4 }));
    expect(after).toBe(ended);
    expect(progressPercent(after)).toBe(100);
  });

  it('starts over for another audit', () => {
    const view = mergeProgress(startProgress(snap({ crawled: 50, discovered: 50, phase: 'analyzing' })), snap({ auditId: 'a2', crawled: 1, discovered: 10 }));
    expect(view).toMatchObject({ auditId: 'a2', crawled: 1, phase: 'crawling' });
    expect(progressPercent(view)).toBe(10);
  });

  it('shows at most 99 % until the audit has ended', () => {
    expect(progressPercent(startProgress(snap({ crawled: 100, discovered: 100, phase: 'analyzing' })))).toBe(99);
    expect(progressPercent(startProgress(snap({ status: 'FAILED', phase: 'done', crawled: 0, discovered: 1 })))).toBe(100);
  });
});
