'use server';

import { revalidatePath } from 'next/cache';
import { cancelAudit } from '@/lib/audits/audit-lifecycle';
import { getAuditForUser } from '@/lib/audits/audit-queries';
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
