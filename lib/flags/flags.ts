import { z } from 'zod';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { createFlagCache, resolveMode, type FlagSnapshot } from '@/lib/flags/flag-cache';
import { DEFAULT_FLAG_VALUE, FLAG_KEYS, FLAGS, isFlagKey, isOperationFlag, type FlagKey, type FlagMode, type FlagValue, type OperationFlag } from '@/lib/flags/flag-names';
import type { FeatureFlag } from '@/lib/generated/prisma/client';

// The one typed API for feature flags, server side only. PostgreSQL holds them; each process
// caches all of them for a few seconds (lib/flags/flag-cache.ts).

const toValue = (row: Pick<FeatureFlag, 'enabled' | 'mode' | 'rolloutPercent'>): FlagValue => ({
  enabled: row.enabled,
  mode: row.mode === 'SYNC' ? 'sync' : 'async',
  rolloutPercent: row.rolloutPercent,
});

/** Creates the flags a database does not have yet with their defaults (a fresh database works). */
export async function ensureDefaultFlags(): Promise<void> {
  await db.featureFlag.createMany({
    data: FLAG_KEYS.map((key) => ({ key, enabled: DEFAULT_FLAG_VALUE.enabled, mode: 'ASYNC' as const, rolloutPercent: DEFAULT_FLAG_VALUE.rolloutPercent, description: FLAGS[key].description })),
    skipDuplicates: true,
  });
}

async function loadFlags(): Promise<FlagSnapshot> {
  let rows = await db.featureFlag.findMany({ where: { key: { in: FLAG_KEYS } } });
  if (rows.length < FLAG_KEYS.length) {
    await ensureDefaultFlags();
    rows = await db.featureFlag.findMany({ where: { key: { in: FLAG_KEYS } } });
  }
  return new Map(rows.filter((r) => isFlagKey(r.key)).map((r) => [r.key as FlagKey, toValue(r)]));
}

// One cache per process on globalThis: Next bundles route handlers and server actions apart, and
// a change saved by the admin page's action must invalidate what /api/bulk reads.
const holder = globalThis as unknown as { __roFlagCache?: ReturnType<typeof createFlagCache> };
const cache = (holder.__roFlagCache ??= createFlagCache({ load: loadFlags }));

export async function getFlag(flag: FlagKey): Promise<FlagValue> {
  return cache.get(flag);
}

export async function isEnabled(flag: FlagKey): Promise<boolean> {
  return (await cache.get(flag)).enabled;
}

/** Where this user's work of this kind runs: in the web process (sync) or through the queue (async). */
export async function modeOf(operation: OperationFlag, userId?: string | null): Promise<FlagMode> {
  return resolveMode(operation, await cache.get(operation), userId);
}

/** 503 with the flag's own message when an administrator switched the operation off. */
export async function assertEnabled(flag: FlagKey): Promise<void> {
  if (!(await isEnabled(flag))) throw new AppError('UNAVAILABLE', FLAGS[flag].disabledMessage, { flag });
}

/** For tests and after a change made in this process. */
export function invalidateFlagCache(): void {
  cache.invalidate();
}

export type FlagView = FlagValue & { key: FlagKey; kind: 'operation' | 'switch'; label: string; description: string; updatedAt: Date; updatedBy: string | null };

/** Every flag in list order, straight from the database (the admin page and API; never cached). */
export async function listFlags(): Promise<FlagView[]> {
  await ensureDefaultFlags();
  const rows = await db.featureFlag.findMany({ where: { key: { in: FLAG_KEYS } }, include: { updatedBy: { select: { email: true } } } });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return FLAG_KEYS.flatMap((key) => {
    const row = byKey.get(key);
    if (!row) return [];
    return [{ key, kind: FLAGS[key].kind, label: FLAGS[key].label, description: FLAGS[key].description, ...toValue(row), updatedAt: row.updatedAt, updatedBy: row.updatedBy?.email ?? null }];
  });
}

/** A change: any of the three values; mode and rollout only exist on operation flags. */
export const flagPatchSchema = z
  .object({
    enabled: z.boolean().optional(),
    mode: z.enum(['sync', 'async']).optional(),
    rolloutPercent: z.number().int().min(0).max(100).optional(),
  })
  .strict()
  .refine((p) => p.enabled !== undefined || p.mode !== undefined || p.rolloutPercent !== undefined, 'Send at least one of enabled, mode, rolloutPercent.');

export type FlagPatch = z.infer<typeof flagPatchSchema>;

/**
 * Changes one flag and records who changed what (before → after) in the same transaction.
 * 404 for an unknown key; 400 for a mode or rollout on a flag that has none.
 */
export async function updateFlag(key: string, patch: FlagPatch, userId: string | null): Promise<FlagView> {
  if (!isFlagKey(key)) throw new AppError('NOT_FOUND', `Unknown feature flag "${key}".`);
  if (!isOperationFlag(key) && (patch.mode !== undefined || patch.rolloutPercent !== undefined)) {
    throw new AppError('BAD_REQUEST', `"${key}" can only be switched on or off.`);
  }
  await ensureDefaultFlags();
  await db.$transaction(async (tx) => {
    // Row lock: two admins changing the same flag get a history that chains (b's before = a's after).
    await tx.$queryRaw`SELECT 1 FROM "FeatureFlag" WHERE "key" = ${key} FOR UPDATE`;
    const before = toValue(await tx.featureFlag.findUniqueOrThrow({ where: { key } }));
    const after: FlagValue = { ...before, ...patch };
    if (before.enabled === after.enabled && before.mode === after.mode && before.rolloutPercent === after.rolloutPercent) return;
    await tx.featureFlag.update({
      where: { key },
      data: { enabled: after.enabled, mode: after.mode === 'sync' ? 'SYNC' : 'ASYNC', rolloutPercent: after.rolloutPercent, updatedById: userId },
    });
    await tx.featureFlagChange.create({ data: { flagKey: key, userId, before, after } });
  });
  cache.invalidate();
  const view = (await listFlags()).find((f) => f.key === key);
  if (!view) throw new AppError('NOT_FOUND', `Unknown feature flag "${key}".`);
  return view;
}

const storedValue = z.object({ enabled: z.boolean(), mode: z.enum(['sync', 'async']), rolloutPercent: z.number() });

export type FlagChangeView = { id: string; key: string; changedAt: Date; changedBy: string | null; before: FlagValue | null; after: FlagValue | null };

/** The newest changes first, for the admin page and the API. */
export async function listFlagChanges(take = 50): Promise<FlagChangeView[]> {
  const rows = await db.featureFlagChange.findMany({ orderBy: { changedAt: 'desc' }, take, include: { user: { select: { email: true } } } });
  return rows.map((r) => ({
    id: r.id,
    key: r.flagKey,
    changedAt: r.changedAt,
    changedBy: r.user?.email ?? null,
    before: storedValue.safeParse(r.before).data ?? null,
    after: storedValue.safeParse(r.after).data ?? null,
  }));
}

/** "mode: async → sync, rollout 100% → 50%": what changed, in words. */
export function describeFlagChange(before: FlagValue | null, after: FlagValue | null): string {
  if (!before || !after) return 'changed';
  const parts: string[] = [];
  if (before.enabled !== after.enabled) parts.push(`${before.enabled ? 'on' : 'off'} → ${after.enabled ? 'on' : 'off'}`);
  if (before.mode !== after.mode) parts.push(`mode ${before.mode} → ${after.mode}`);
  if (before.rolloutPercent !== after.rolloutPercent) parts.push(`rollout ${before.rolloutPercent}% → ${after.rolloutPercent}%`);
  return parts.join(', ') || 'no change';
}
