import { createHash } from 'node:crypto';
import { DEFAULT_FLAG_VALUE, type FlagKey, type FlagMode, type FlagValue } from '@/lib/flags/flag-names';

/**
 * A change reaches every process (app and worker) within CACHE_TTL_MS plus one read: well under the
 * 5 s promise, without a restart and without a query per request.
 */
export const CACHE_TTL_MS = 3_000;

export type FlagSnapshot = ReadonlyMap<FlagKey, FlagValue>;

export type FlagCacheOptions = {
  load: () => Promise<FlagSnapshot>;
  ttlMs?: number;
  now?: () => number;
};

/**
 * All flags are read in one query and kept for `ttlMs`; concurrent readers share one load. A failed
 * load keeps serving the last good snapshot (or the defaults) so a database hiccup does not turn
 * every operation off.
 */
export function createFlagCache({ load, ttlMs = CACHE_TTL_MS, now = Date.now }: FlagCacheOptions) {
  let snapshot: FlagSnapshot | null = null;
  let loadedAt = -Infinity;
  let loading: Promise<FlagSnapshot> | null = null;

  async function refresh(): Promise<FlagSnapshot> {
    loading ??= load()
      .then((fresh) => {
        snapshot = fresh;
        loadedAt = now();
        return fresh;
      })
      .catch((err: unknown) => {
        if (snapshot) return snapshot;
        throw err;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  return {
    async get(key: FlagKey): Promise<FlagValue> {
      const current = snapshot && now() - loadedAt < ttlMs ? snapshot : await refresh();
      return current.get(key) ?? DEFAULT_FLAG_VALUE;
    },
    /** After a change in this process: the next read goes to the database. */
    invalidate() {
      loadedAt = -Infinity;
    },
  };
}

/** A user's stable bucket, 0–99: the same user always lands in the same bucket for a flag. */
export function rolloutBucket(flag: string, userId: string): number {
  const digest = createHash('sha256').update(`${flag}:${userId}`).digest();
  return digest.readUInt32BE(0) % 100;
}

/**
 * Sync is everyone's mode when the flag says so; async goes to the first `rolloutPercent` buckets.
 * Work without a user (the CLI, scripts) counts as bucket 0: queued whenever any rollout is on.
 */
export function resolveMode(flag: FlagKey, value: FlagValue, userId?: string | null): FlagMode {
  if (value.mode === 'sync') return 'sync';
  const bucket = userId ? rolloutBucket(flag, userId) : 0;
  return bucket < value.rolloutPercent ? 'async' : 'sync';
}
