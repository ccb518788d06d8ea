'use client';

import { useActionState } from 'react';
import { startComparisonAction, type ComparisonFormState } from './actions';

const INPUT = 'rounded-md border border-slate-300 px-3 py-2 font-normal aria-[invalid=true]:border-red-500';

/** A field's message, tied to its input by id (aria-describedby). */
function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? <span id={id} className="text-sm font-normal text-red-700" data-testid="field-error">{message}</span> : null;
}

type FieldProps = { name: string; label: string; errors?: Record<string, string>; values?: Record<string, string>; defaultValue?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'name' | 'defaultValue'>;

function Field({ name, label, errors, values, defaultValue, className = INPUT, ...input }: FieldProps) {
  const error = errors?.[name];
  return (
    <label className="flex min-w-0 flex-col gap-1 text-sm font-medium">
      {label}
      <input {...input} name={name} defaultValue={values?.[name] ?? defaultValue} aria-invalid={error ? true : undefined} aria-describedby={error ? `${name}-error` : undefined} className={className} />
      <FieldError id={`${name}-error`} message={error} />
    </label>
  );
}

/** Limits come from the server page, so the input schema's modules stay out of the browser bundle. */
export function ComparisonForm({ maxRivals, defaultPages }: { maxRivals: number; defaultPages: number }) {
  const [state, action, pending] = useActionState<ComparisonFormState, FormData>(startComparisonAction, {});
  const errors = state.fieldErrors;
  const v = state.values;
  return (
    // A new key after each failed submission makes React apply the returned values as defaults.
    <form key={state.submission ?? 0} action={action} className="flex flex-col gap-4 rounded-lg bg-white p-6 shadow-sm" noValidate>
      <Field name="url" label="Your site" placeholder="https://your-site.com/" errors={errors} values={v} required />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Rivals (1 to {maxRivals})</legend>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          {Array.from({ length: maxRivals }, (_, i) => (
            <Field key={i} name={`rival${i}`} label={`Rival ${i + 1}${i === 0 ? '' : ' (optional)'}`} placeholder="https://rival.com/" errors={errors} values={v} />
          ))}
        </div>
        <FieldError id="rivals-error" message={errors?.rivals} />
      </fieldset>
      <div className="flex flex-wrap gap-4">
        <Field name="maxPages" label="Max pages per site" type="number" min={1} max={10000} defaultValue={String(defaultPages)} errors={errors} values={v} className={`${INPUT} w-36`} />
        <Field name="keyword" label="Keyword (optional)" placeholder="roof repair" errors={errors} values={v} />
      </div>
      {state.error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.error}</p>}
      <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? 'Starting…' : 'Compare'}
      </button>
    </form>
  );
}
