'use server';

import { redirect } from 'next/navigation';
import { startAuditInput } from '@/lib/audits/audit-input';
import { startProfessionalAudit } from '@/lib/audits/start-audit';
import { requireUser } from '@/lib/auth/require-user';
import { toErrorResponse } from '@/lib/errors';
import type { FormState } from '@/components/form-state';

const lines = (v: FormDataEntryValue | null) => String(v ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

export async function startAuditAction(_prev: FormState, form: FormData): Promise<FormState> {
  let id: string;
  try {
    const user = await requireUser();
    const parsed = startAuditInput.safeParse({
      url: form.get('url'),
      maxPages: form.get('maxPages') || undefined,
      maxDepth: form.get('maxDepth') || undefined,
      renderMode: form.get('renderMode') || undefined,
      respectRobots: form.get('ignoreRobots') !== 'on',
      include: lines(form.get('include')),
      exclude: lines(form.get('exclude')),
    });
    if (!parsed.success) return { error: parsed.error.issues.map((i) => i.message).join(' ') };
    id = (await startProfessionalAudit(parsed.data, user)).id;
  } catch (err) {
    return { error: toErrorResponse(err).body.error.message };
  }
  redirect(`/audits/${id}`);
}
