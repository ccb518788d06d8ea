/** What a form's server action answers when it does not redirect. */
export type FormState = {
  error?: string;
  details?: string[];
  /** What the user submitted, shown again as the fields' `defaultValue` (React resets a form after its action). */
  values?: Record<string, string>;
  /** Goes up with every failed submission; the form's `key`, so React re-applies `defaultValue`. */
  submission?: number;
};

/** The state after a failed submission: the message, and the named fields exactly as typed. */
export function failedSubmission(prev: FormState, form: FormData, fields: readonly string[], error: string, details?: string[]): FormState {
  const values: Record<string, string> = {};
  for (const name of fields) {
    const value = form.get(name);
    if (typeof value === 'string') values[name] = value; // files cannot be given back to a file input
  }
  return { error, ...(details?.length ? { details } : {}), values, submission: (prev.submission ?? 0) + 1 };
}
