'use server';

import { redirect } from 'next/navigation';
import { failedSubmission, type FormState } from '@/components/form-state';
import { requireUser } from '@/lib/auth/require-user';
import { MAX_RIVALS, startComparisonInput } from '@/lib/comparisons/comparison-input';
import { startComparison } from '@/lib/comparisons/start-comparison';
import { toErrorResponse } from '@/lib/errors';

/** The form's state plus one message per field, shown beside it. */
export type ComparisonFormState = FormState & { fieldErrors?: Record<string, string> };

const RIVAL_FIELDS = Array.from({ length: MAX_RIVALS }, (_, i) => `rival${i}`);
const FIELDS = ['url', ...RIVAL_FIELDS, 'maxPages', 'keyword'];

/** Each issue's message under the input it is about; the blank rival boxes are skipped, so index i is the i-th filled one. */
function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[], rivalFields: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const [first, index] = issue.path;
    const field = first === 'rivals' ? (typeof index === 'number' ? rivalFields[index] : 'rivals') : String(first ?? 'form');
    errors[field ?? 'rivals'] ??= issue.message;
  }
  return errors;
}

export async function startComparisonAction(prev: ComparisonFormState, form: FormData): Promise<ComparisonFormState> {
  let id: string;
  try {
    const user = await requireUser();
    const filled = RIVAL_FIELDS.filter((name) => String(form.get(name) ?? '').trim() !== '');
    const parsed = startComparisonInput.safeParse({
      url: form.get('url'),
      rivals: filled.map((name) => form.get(name)),
      maxPages: form.get('maxPages') || undefined,
      keyword: form.get('keyword') || undefined,
    });
    if (!parsed.success) {
      return { ...failedSubmission(prev, form, FIELDS, 'Please correct the fields marked below.'), fieldErrors: fieldErrorsOf(parsed.error.issues, filled) };
    }
    id = (await startComparison(parsed.data, user)).id;
  } catch (err) {
    return failedSubmission(prev, form, FIELDS, toErrorResponse(err).body.error.message);
  }
  redirect(`/comparisons/${id}`);
}
