import { describe, expect, it } from 'vitest';
import { watchEventLoopLag } from '@/lib/fetch/event-loop-lag';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('watchEventLoopLag', () => {
  it('reports about zero while the loop is free', async () => {
    const watch = watchEventLoopLag();
    await new Promise((r) => setTimeout(r, 100));
    expect(watch.worstMs()).toBeLessThan(60);
    watch.stop();
  });

  it('reports a stall of the event loop, including one still going on', async () => {
    const watch = watchEventLoopLag();
    await new Promise((r) => setTimeout(r, 30));
    busy(250);
    expect(watch.worstMs()).toBeGreaterThanOrEqual(200);
    watch.stop();
  });
});
