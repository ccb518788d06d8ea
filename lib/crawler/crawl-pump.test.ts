import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaskPool, Waker } from '@/lib/crawler/crawl-pump';

afterEach(() => {
  vi.useRealTimers();
});

describe('Waker', () => {
  it('ends a sleep on wake, or when its time is up', async () => {
    vi.useFakeTimers();
    const waker = new Waker();
    let woke = false;
    void waker.sleep(null).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(woke).toBe(false);
    waker.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(woke).toBe(true);

    let timedOut = false;
    void waker.sleep(100).then(() => (timedOut = true));
    await vi.advanceTimersByTimeAsync(99);
    expect(timedOut).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(timedOut).toBe(true);
  });
});

describe('TaskPool', () => {
  it('aborts the crawl on the first task error, keeps running the others, and rethrows that error after', async () => {
    const controller = new AbortController();
    let settled = 0;
    const pool = new TaskPool(controller, () => settled++);
    const first = new Error('onPage failed');
    pool.start(() => Promise.reject(first));
    pool.start(() => Promise.reject(new Error('second')));
    let finished = false;
    pool.start(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      finished = true;
    });
    expect(pool.size).toBe(3);
    await pool.settle(false, 0);
    expect(finished).toBe(true);
    expect(pool.size).toBe(0);
    expect(settled).toBe(3);
    expect(controller.signal.reason).toBe(first);
    expect(() => pool.throwIfFailed()).toThrow(first);
  });

  it('waits for tasks of a cancelled crawl only for the grace period', async () => {
    vi.useFakeTimers();
    const pool = new TaskPool(new AbortController(), () => undefined);
    pool.start(() => new Promise(() => undefined));
    let returned = false;
    void pool.settle(true, 3_000).then(() => (returned = true));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(returned).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(returned).toBe(true);
    expect(() => pool.throwIfFailed()).not.toThrow();
  });
});
