'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionState } from '@/components/admin/action-message';
import { requireAdmin } from '@/lib/auth/require-user';
import { AppError, toErrorResponse } from '@/lib/errors';
import { ROLES, changeUserRole, setUserDisabled } from '@/lib/users/admin-users';

async function run(fn: () => Promise<string>): Promise<ActionState> {
  try {
    const ok = await fn();
    revalidatePath('/admin/users');
    return { ok };
  } catch (err) {
    return { error: toErrorResponse(err).body.error.message };
  }
}

const userId = z.string().min(1).max(64);
const roleSchema = z.object({ userId, role: z.enum(ROLES) });
const disableSchema = z.object({ userId, disabled: z.enum(['true', 'false']).transform((v) => v === 'true') });

export async function changeRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(async () => {
    const admin = await requireAdmin();
    const parsed = roleSchema.safeParse({ userId: form.get('userId'), role: form.get('role') });
    if (!parsed.success) throw new AppError('BAD_REQUEST', 'Choose USER, PREMIUM or ADMIN.');
    const user = await changeUserRole(admin.id, parsed.data.userId, parsed.data.role);
    return `${user.email} is now ${user.role}.`;
  });
}

export async function setDisabledAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(async () => {
    const admin = await requireAdmin();
    const parsed = disableSchema.safeParse({ userId: form.get('userId'), disabled: form.get('disabled') });
    if (!parsed.success) throw new AppError('BAD_REQUEST', 'Invalid request.');
    const user = await setUserDisabled(admin.id, parsed.data.userId, parsed.data.disabled);
    return `${user.email} is ${user.disabledAt ? 'disabled: signed out on their next request' : 'enabled'}.`;
  });
}
