'use server';

import { redirect } from 'next/navigation';
import { describeInvalidLines, type InvalidLine } from '@/lib/audits/audit-input';
import { readUrlList } from '@/lib/audits/read-url-list';
import { startBulkAnalysis } from '@/lib/audits/start-audit';
import { requireUser } from '@/lib/auth/require-user';
import { toErrorResponse } from '@/lib/errors';
import { failedSubmission, type FormState } from '@/components/form-state';

export async function startBulkAction(prev: FormState, form: FormData): Promise<FormState> {
  let target: string;
  try {
    const user = await requireUser();
    const list = await readUrlList(form);
    // Rejected lines and duplicates are stored with the audit, whose page lists them.
    const audit = await startBulkAnalysis(list.urls, user, list);
    target = `/audits/${audit.id}`;
  } catch (err) {
    const { body } = toErrorResponse(err);
    const invalid = (body.error.details as { invalid?: InvalidLine[] } | undefined)?.invalid ?? [];
    let message = body.error.message;
    const file = form.get('file');
    if (file instanceof File && file.size > 0) message += ` Choose the file (${file.name}) again.`;
    return failedSubmission(prev, form, ['urls'], message, describeInvalidLines(invalid));
  }
  redirect(target);
}
