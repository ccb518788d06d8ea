'use client';

import { useActionState, useState } from 'react';
import type { FormState } from '@/components/form-state';
import { quickStartAction } from './actions';

const BUTTON = 'rounded-md px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60';

/**
 * One URL, two ways: analyse that page now, or audit the whole site in the background. Its label
 * must not contain "Page URL" or "Site URL": the e2e specs fill those on the next page right
 * after clicking a link here, and a label matching on this page would take the text instead.
 */
export function QuickStartForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(quickStartAction, {});
  const [intent, setIntent] = useState<'analyze' | 'audit'>('analyze');
  return (
    // A new key after each failed submission makes React apply the returned values as defaults.
    <form key={state.submission ?? 0} action={action} className="flex flex-col gap-3" aria-label="Analyse or audit a URL">
      <label htmlFor="quick-start-url" className="text-sm font-medium">URL of a page or a whole site</label>
      <div className="flex flex-wrap gap-2">
        <input
          id="quick-start-url"
          name="url"
          required
          autoFocus={autoFocus}
          inputMode="url"
          autoComplete="url"
          defaultValue={state.values?.url}
          placeholder="https://example.com/"
          aria-describedby={state.error ? 'quick-start-error' : undefined}
          className="min-w-0 flex-1 basis-64 rounded-md border border-slate-300 px-3 py-2 focus-visible:outline-2 focus-visible:outline-brand-500"
        />
        <button type="submit" name="intent" value="analyze" disabled={pending} onClick={() => setIntent('analyze')} className={`${BUTTON} bg-brand-600 text-white hover:bg-brand-700`}>
          {pending && intent === 'analyze' ? 'Analysing… (a few seconds)' : 'Analyse this page'}
        </button>
        <button type="submit" name="intent" value="audit" disabled={pending} onClick={() => setIntent('audit')} className={`${BUTTON} border border-brand-600 bg-white text-brand-700 hover:bg-brand-50`}>
          {pending && intent === 'audit' ? 'Starting the audit…' : 'Audit the whole site'}
        </button>
      </div>
      {state.error && <p id="quick-start-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.error}</p>}
    </form>
  );
}
