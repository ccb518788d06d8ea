import { describe, expect, it, vi } from 'vitest';
import { createFlagCache, resolveMode, rolloutBucket, type FlagSnapshot } from '@/lib/flags/flag-cache';
import { DEFAULT_FLAG_VALUE, type FlagKey, type FlagValue } from '@/lib/flags/flag-names';

const snap = (entries: [FlagKey, Partial<FlagValue>][]): FlagSnapshot => new Map(entries.map(([k, v]) => [k, { ...DEFAULT_FLAG_VALUE, ...v }]));

describe('flag cache', () => {
  it('reads the database once per TTL, and a change shows after the TTL without a restart', async () => {
    let t = 0;
    let stored = snap([['bulk-analysis', { mode: 'async' }]]);
    const load = vi.fn(async () => stored);
    const cache = createFlagCache({ load, ttlMs: 3_000, now: () => t });
    expect((await cache.get('bulk-analysis')).mode).toBe('async');
    stored = snap([['bulk-analysis', { mode: 'sync' }]]);
    t = 2_999;
    expect((await cache.get('bulk-analysis')).mode).toBe('async');
    expect(load).toHaveBeenCalledTimes(1);
    t = 3_000;
    expect((await cache.get('bulk-analysis')).mode).toBe('sync');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares one load between concurrent readers and reloads after invalidate', async () => {
    const load = vi.fn(async () => snap([]));
    const cache = createFlagCache({ load, now: () => 0 });
    await Promise.all([cache.get('comparison'), cache.get('comparison'), cache.get('report-generation')]);
    expect(load).toHaveBeenCalledTimes(1);
    cache.invalidate();
    await cache.get('comparison');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('serves the last good values when a reload fails, and defaults for a missing flag', async () => {
    let t = 0;
    let fail = false;
    const cache = createFlagCache({
      load: async () => {
        if (fail) throw new Error('db down');
        return snap([['professional-audit', { enabled: false }]]);
      },
      ttlMs: 10,
      now: () => t,
    });
    expect((await cache.get('professional-audit')).enabled).toBe(false);
    fail = true;
    t = 100;
    expect((await cache.get('professional-audit')).enabled).toBe(false);
    expect(await cache.get('comparison')).toEqual(DEFAULT_FLAG_VALUE);
  });

  it('fails the first read when there is nothing to fall back on', async () => {
    const cache = createFlagCache({ load: async () => Promise.reject(new Error('db down')) });
    await expect(cache.get('comparison')).rejects.toThrow('db down');
  });
});

describe('rollout', () => {
  it('puts a user in the same bucket every time, and different flags in independent buckets', () => {
    expect(rolloutBucket('bulk-analysis', 'user-1')).toBe(rolloutBucket('bulk-analysis', 'user-1'));
    const users = Array.from({ length: 2_000 }, (_, i) => `user-${i}`);
    const differ = users.filter((u) => rolloutBucket('bulk-analysis', u) !== rolloutBucket('report-generation', u));
    expect(differ.length).toBeGreaterThan(1_800);
  });

  it('spreads users evenly: a 30 % rollout sends about 30 % of users to the queue', () => {
    const value = { ...DEFAULT_FLAG_VALUE, rolloutPercent: 30 };
    const users = Array.from({ length: 5_000 }, (_, i) => `user-${i}`);
    const asyncShare = users.filter((u) => resolveMode('bulk-analysis', value, u) === 'async').length / users.length;
    expect(asyncShare).toBeGreaterThan(0.27);
    expect(asyncShare).toBeLessThan(0.33);
  });

  it('sync means everyone in-process; 0 % means everyone in-process; 100 % everyone queued', () => {
    const users = ['a', 'b', 'c', 'd', 'e', undefined];
    expect(users.map((u) => resolveMode('bulk-analysis', { ...DEFAULT_FLAG_VALUE, mode: 'sync' }, u))).toEqual(users.map(() => 'sync'));
    expect(users.map((u) => resolveMode('bulk-analysis', { ...DEFAULT_FLAG_VALUE, rolloutPercent: 0 }, u))).toEqual(users.map(() => 'sync'));
    expect(users.map((u) => resolveMode('bulk-analysis', DEFAULT_FLAG_VALUE, u))).toEqual(users.map(() => 'async'));
  });

  it('raising the rollout only ever moves users from sync to async', () => {
    const users = Array.from({ length: 500 }, (_, i) => `u${i}`);
    const at = (p: number) => new Set(users.filter((u) => resolveMode('report-generation', { ...DEFAULT_FLAG_VALUE, rolloutPercent: p }, u) === 'async'));
    const low = at(20);
    const high = at(60);
    for (const u of low) expect(high.has(u)).toBe(true);
  });
});
