'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionState } from '@/components/admin/action-message';
import { requireAdmin } from '@/lib/auth/require-user';
import { AppError, toErrorResponse } from '@/lib/errors';
import { replayDeadLetters } from '@/lib/maintenance/replay';
import { discardDeadLetter } from '@/lib/queue/dead-letters';

const idSchema = z.string().min(1).max(64);
const idsSchema = z.array(idSchema).min(1, 'Select at least one dead letter.').max(200, 'Replay at most 200 at once.');

async function run(fn: () => Promise<string>): Promise<ActionState> {
  try {
    const ok = await fn();
    revalidatePath('/admin/dead-letters');
    revalidatePath('/admin');
    return { ok };
  } catch (err) {
    return { error: toErrorResponse(err).body.error.message };
  }
}

/** Replays one or many letters; each is claimed on its own, so a stale selection only skips those already resolved. */
export async function replayDeadLettersAction(ids: string[]): Promise<ActionState> {
  return run(async () => {
    const admin = await requireAdmin();
    const parsed = idsSchema.safeParse(ids);
    if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'Invalid selection.');
    const outcomes = await replayDeadLetters(parsed.data, admin.id);
    const replayed = outcomes.filter((o) => o.ok).length;
    const failed = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
    if (replayed === 0) throw new AppError('CONFLICT', `Nothing replayed: ${[...new Set(failed)].join(' ')}`);
    return `Replayed ${replayed} of ${outcomes.length}.${failed.length ? ` Skipped: ${[...new Set(failed)].join(' ')}` : ''}`;
  });
}

const discardSchema = z.object({ id: idSchema, reason: z.string().max(2_000) });

export async function discardDeadLetterAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(async () => {
    const admin = await requireAdmin();
    const parsed = discardSchema.safeParse({ id: form.get('id'), reason: form.get('reason') ?? '' });
    if (!parsed.success) throw new AppError('BAD_REQUEST', 'Invalid discard request.');
    await discardDeadLetter(parsed.data.id, admin.id, parsed.data.reason);
    return 'Discarded.';
  });
}
