'use server';

import { redirect } from 'next/navigation';
import { readUrlList } from '@/lib/audits/read-url-list';
import { startBulkAnalysis } from '@/lib/audits/start-audit';
import { requireUser } from '@/lib/auth/require-user';
import { toErrorResponse } from '@/lib/errors';
import type { FormState } from '@/components/form-state';

export async function startBulkAction(_prev: FormState, form: FormData): Promise<FormState> {
  let target: string;
  try {
    const user = await requireUser();
    const list = await readUrlList(form);
    const audit = await startBulkAnalysis(list.urls, user);
    target = `/audits/${audit.id}?accepted=${list.urls.length}&invalid=${list.invalid.length}&duplicates=${list.duplicates}`;
  } catch (err) {
    const { body } = toErrorResponse(err);
    const details = (body.error.details as { invalid?: { line: number; reason: string }[] } | undefined)?.invalid;
    return { error: body.error.message, details: details?.slice(0, 20).map((d) => `Line ${d.line}: ${d.reason}`) };
  }
  redirect(target);
}
