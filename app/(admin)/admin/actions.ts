'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireAdmin } from '@/lib/auth/require-user';
import { AppError, toErrorResponse } from '@/lib/errors';
import { flagPatchSchema, updateFlag } from '@/lib/flags/flags';
import { enqueue } from '@/lib/queue/enqueue';

export type ActionState = { ok?: string; error?: string };

async function run(fn: () => Promise<string>): Promise<ActionState> {
  try {
    const ok = await fn();
    revalidatePath('/admin');
    return { ok };
  } catch (err) {
    return { error: toErrorResponse(err).body.error.message };
  }
}

const cleanupSchema = z.object({ olderThanDays: z.coerce.number().int().min(1, 'At least 1 day.').max(3650) });

export async function runCleanupAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(async () => {
    const admin = await requireAdmin();
    const parsed = cleanupSchema.safeParse({ olderThanDays: form.get('olderThanDays') ?? 30 });
    if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'Invalid number of days.');
    const job = await enqueue('maintenance.cleanup', { ...parsed.data, requestedBy: admin.email });
    return `Cleanup queued as job ${job.id}.`;
  });
}

const flagFormSchema = z.object({
  key: z.string().min(1).max(64),
  enabled: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  mode: z.enum(['sync', 'async']).optional(),
  rolloutPercent: z.coerce.number().int().min(0, 'Rollout is 0–100%.').max(100, 'Rollout is 0–100%.').optional(),
});

/** One change of one flag from the admin page (a toggle, the mode select or the rollout field). */
export async function updateFlagAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(async () => {
    const admin = await requireAdmin();
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const parsed = flagFormSchema.safeParse({ key: field('key'), enabled: field('enabled'), mode: field('mode'), rolloutPercent: field('rolloutPercent') });
    if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'Invalid flag change.');
    const { key, ...patch } = parsed.data;
    const flag = await updateFlag(key, flagPatchSchema.parse(patch), admin.id);
    return `${flag.label}: ${flag.enabled ? 'on' : 'off'}${flag.kind === 'operation' ? `, ${flag.mode}${flag.mode === 'async' && flag.rolloutPercent < 100 ? ` for ${flag.rolloutPercent}% of users` : ''}` : ''}.`;
  });
}
