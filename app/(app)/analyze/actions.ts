'use server';

import { redirect } from 'next/navigation';
import { runInstantAnalysis } from '@/lib/analysis/run-instant-analysis';
import { requireUser } from '@/lib/auth/require-user';
import { toErrorResponse } from '@/lib/errors';
import type { FormState } from '@/components/form-state';

export async function analyzeAction(_prev: FormState, form: FormData): Promise<FormState> {
  let auditId: string;
  try {
    const user = await requireUser();
    const result = await runInstantAnalysis({ url: form.get('url'), keyword: form.get('keyword') || undefined, render: form.get('render') || undefined }, user.id);
    auditId = result.auditId;
  } catch (err) {
    return { error: toErrorResponse(err).body.error.message };
  }
  redirect(`/audits/${auditId}`);
}
