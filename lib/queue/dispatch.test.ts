import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { dispatch } from '@/lib/queue/dispatch';
import { createInProcessRunner } from '@/lib/queue/in-process-runner';
import { QUEUE_UNAVAILABLE } from '@/lib/queue/enqueue';

const queueDown = () => Promise.reject(new AppError('UNAVAILABLE', 'queue down', { reason: QUEUE_UNAVAILABLE, retryAfterSeconds: 4 }));

describe('dispatch', () => {
  it('queues in async mode and never runs the work here', async () => {
    const runner = createInProcessRunner();
    const run = vi.fn(async () => {});
    expect(await dispatch({ mode: 'async', enqueue: async () => ({}), inProcess: { name: 'x', run }, runner })).toBe('async');
    await runner.idle();
    expect(run).not.toHaveBeenCalled();
  });

  it('runs in-process without waiting for it when the flag says sync (the queue is not touched)', async () => {
    const runner = createInProcessRunner();
    const enqueue = vi.fn(async () => ({}));
    let release!: () => void;
    const run = vi.fn(() => new Promise<void>((r) => (release = r)));
    expect(await dispatch({ mode: 'sync', enqueue, inProcess: { name: 'x', run }, runner })).toBe('sync');
    expect(enqueue).not.toHaveBeenCalled();
    expect(run).toHaveBeenCalledTimes(1);
    expect(runner.running).toBe(1); // still running: dispatch did not wait for it
    release();
    await runner.idle();
  });

  it('falls back to in-process when the queue is unavailable', async () => {
    const runner = createInProcessRunner();
    const run = vi.fn(async () => {});
    expect(await dispatch({ mode: 'async', enqueue: queueDown, inProcess: { name: 'x', run }, runner })).toBe('sync');
    await runner.idle();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('answers 503 with a retry hint when the work cannot run here, and passes other errors on', async () => {
    const err = await dispatch({ mode: 'async', enqueue: queueDown, inProcess: null }).catch((e: unknown) => e);
    expect((err as AppError).status).toBe(503);
    expect((err as AppError).details).toMatchObject({ retryAfterSeconds: 4 });
    const bad = new AppError('BAD_REQUEST', 'bad payload');
    await expect(dispatch({ mode: 'async', enqueue: () => Promise.reject(bad), inProcess: { name: 'x', run: async () => {} } })).rejects.toBe(bad);
  });
});
