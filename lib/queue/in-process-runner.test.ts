import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { createInProcessRunner } from '@/lib/queue/in-process-runner';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('in-process runner', () => {
  it('runs at most `concurrency` tasks at once and starts the next when one ends', async () => {
    const runner = createInProcessRunner({ concurrency: 2, maxPending: 10 });
    const gates = [deferred(), deferred(), deferred()];
    let peak = 0;
    let active = 0;
    const started: number[] = [];
    gates.forEach((g, i) =>
      void runner.start({
        name: `t${i}`,
        run: async () => {
          started.push(i);
          peak = Math.max(peak, ++active);
          await g.promise;
          active--;
        },
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(runner.pending).toBe(1);
    gates[0]!.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    await runner.idle();
    expect(peak).toBe(2);
  });

  it('refuses with a 503 and a retry hint when too much is waiting, and a failing task frees its slot', async () => {
    const runner = createInProcessRunner({ concurrency: 1, maxPending: 1, retryAfterSeconds: 12 });
    const gate = deferred();
    void runner.start({ name: 'long', run: () => gate.promise });
    void runner.start({ name: 'boom', run: async () => { throw new Error('boom'); } });
    let err: unknown;
    try {
      void runner.start({ name: 'one too many', run: async () => {} });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(503);
    expect((err as AppError).details).toEqual({ retryAfterSeconds: 12 });
    gate.resolve();
    await runner.idle();
    let ran = false;
    await runner.start({ name: 'after', run: async () => void (ran = true) });
    expect(ran).toBe(true);
  });
});
