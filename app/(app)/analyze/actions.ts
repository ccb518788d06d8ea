'use server';

import { redirect } from 'next/navigation';
import { runInstantAnalysis } from '@/lib/audits/run-instant-analysis';
import { requireUser } from '@/lib/auth/require-user';
import { toErrorResponse } from '@/lib/errors';
import { failedSubmission, type FormState } from '@/components/form-state';

/** The AppError message; validation problems without the "url: " path the JSON API puts in front. */
function formMessage(err: unknown): string {
  const { error } = toErrorResponse(err).body;
  const issues = error.details;
  if (error.code === 'BAD_REQUEST' && Array.isArray(issues) && issues.length > 0 && issues.every((i) => typeof i?.message === 'string')) {
    return issues.map((i: { message: string }) => i.message).join(' ');
  }
  return error.message;
}

export async function analyzeAction(prev: FormState, form: FormData): Promise<FormState> {
  let target: string;
  try {
    const user = await requireUser();
    const result = await runInstantAnalysis({ url: form.get('url'), keyword: form.get('keyword') || undefined, render: form.get('render') || undefined }, user.id);
    // A URL typed without a scheme: the result page says which scheme answered (a fixed word, not free text).
    const scheme = result.schemeNote ? new URL(result.url).protocol.replace(':', '') : null;
    target = `/audits/${result.auditId}${scheme ? `?scheme=${scheme}` : ''}`;
  } catch (err) {
    return failedSubmission(prev, form, ['url', 'keyword', 'render'], formMessage(err));
  }
  redirect(target);
}
