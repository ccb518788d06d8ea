import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisBudgetError, analyzeDocument, closeAnalysisPool } from '@/lib/audits/analysis-pool';
import { buildFetchResult, buildHtml } from '@/test/test-page';

const deep = (depth: number) => `<html><body>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</body></html>`;

/** Largest gap between 10 ms ticks while `work` runs: how long the event loop was blocked. */
async function maxLoopLag<T>(work: Promise<T>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  await work.catch(() => {});
  clearInterval(tick);
  return worst;
}

afterAll(() => closeAnalysisPool());

describe('analyzeDocument', () => {
  it('extracts facts and runs the checks in a worker thread', async () => {
    const { facts, analysis } = await analyzeDocument({ fetch: buildFetchResult(buildHtml('<h1>Roof repair</h1><p>Text.</p>')), keyword: 'roof repair', checks: true });
    expect(facts.h1s).toEqual(['Roof repair']);
    expect(analysis?.score).toBeGreaterThan(0);
    expect(analysis?.keyword?.keyword).toBe('roof repair');
  });

  it('skips the checks when asked', async () => {
    const { analysis } = await analyzeDocument({ fetch: buildFetchResult(buildHtml('<p>x</p>')), checks: false });
    expect(analysis).toBeNull();
  });

  it('stops a page over its time budget without blocking the event loop, and the pool goes on', async () => {
    const started = performance.now();
    const slow = analyzeDocument({ fetch: buildFetchResult(deep(200_000)), checks: true }, { budgetMs: 300 });
    const lag = await maxLoopLag(slow);
    await expect(slow).rejects.toBeInstanceOf(AnalysisBudgetError);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(lag).toBeLessThan(200);
    // The stuck thread was replaced: the next page is analysed normally.
    const { facts } = await analyzeDocument({ fetch: buildFetchResult(buildHtml('<h1>After</h1>')), checks: false });
    expect(facts.h1s).toEqual(['After']);
  });

  it('counts the budget from when a thread takes the task, not while it waits in the queue', async () => {
    // The budget is set from this machine's own speed (10× one page), so a loaded machine proves the
    // same thing: 24 pages per thread make the last ones wait well over their budget in the queue,
    // while each runs well inside it.
    const page = () => buildFetchResult(deep(20_000));
    const timeOne = async () => {
      const t = performance.now();
      await analyzeDocument({ fetch: page(), checks: false });
      return performance.now() - t;
    };
    await timeOne(); // a warm thread
    const budgetMs = Math.max(500, Math.round(10 * Math.max(await timeOne(), await timeOne())));
    const count = 24 * Math.min(4, availableParallelism());
    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: count }, () => analyzeDocument({ fetch: page(), checks: false }, { budgetMs })));
    expect(results.map((r) => r.status)).toEqual(Array(count).fill('fulfilled'));
    expect(performance.now() - started).toBeGreaterThan(budgetMs);
  }, 180_000);

  it('gives up at once when the caller aborts', async () => {
    const abort = new AbortController();
    const running = analyzeDocument({ fetch: buildFetchResult(deep(200_000)), checks: true }, { signal: abort.signal });
    setTimeout(() => abort.abort(new Error('cancelled')), 100);
    await expect(running).rejects.toThrow('cancelled');
  });
});
