'use server';

import type { FormState } from '@/components/form-state';
import { analyzeAction } from '@/app/(app)/analyze/actions';
import { startAuditAction } from '@/app/(app)/audits/new/actions';

/**
 * The dashboard's URL box: "intent" (the button pressed) picks an instant analysis of the page or
 * a site audit with the default settings. Both actions check the session and validate the URL.
 */
export async function quickStartAction(prev: FormState, form: FormData): Promise<FormState> {
  return form.get('intent') === 'audit' ? startAuditAction(prev, form) : analyzeAction(prev, form);
}
