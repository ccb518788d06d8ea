'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { cancelAudit } from '@/lib/audits/audit-lifecycle';
import { getAuditForUser } from '@/lib/audits/audit-queries';
import { rerunAudit } from '@/lib/audits/rerun-audit';
import { requireUser } from '@/lib/auth/require-user';
import { toErrorResponse } from '@/lib/errors';
import type { FormState } from '@/components/form-state';

export async function cancelAuditAction(id: string): Promise<FormState> {
  try {
    const user = await requireUser();
    await getAuditForUser(id, user);
    await cancelAudit(id);
    revalidatePath(`/audits/${id}`);
    return {};
  } catch (err) {
    return { error: toErrorResponse(err).body.error.message };
  }
}

/** A new audit of the same site with the same settings; opens it. */
export async function rerunAuditAction(id: string): Promise<FormState> {
  let newId: string;
  try {
    const user = await requireUser();
    newId = (await rerunAudit(id, user)).id;
  } catch (err) {
    return { error: toErrorResponse(err).body.error.message };
  }
  redirect(`/audits/${newId}`);
}
