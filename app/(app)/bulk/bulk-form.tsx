'use client';

import { useActionState } from 'react';
import type { FormState } from '@/components/form-state';
import { startBulkAction } from './actions';

export function BulkForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(startBulkAction, {});
  return (
    // A new key after each failed submission makes React apply the returned values as defaults.
    <form key={state.submission ?? 0} action={action} className="flex flex-col gap-4 rounded-lg bg-white p-6 shadow-sm">
      <label className="flex flex-col gap-1 text-sm font-medium">
        URLs, one per line (up to 1,000)
        <textarea name="urls" rows={10} defaultValue={state.values?.urls} className="rounded-md border border-slate-300 px-3 py-2 font-mono text-sm font-normal" placeholder={'https://example.com/\nhttps://example.com/about'} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        …or upload a .txt or .csv file
        <input name="file" type="file" accept=".txt,.csv,text/plain,text/csv" className="text-sm font-normal" />
      </label>
      {state.error && (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          <p>{state.error}</p>
          {state.details && (
            <ul className="mt-1 list-disc pl-5" data-testid="invalid-lines">
              {state.details.map((d, i) => <li key={i}>{d}</li>)}
            </ul>
          )}
        </div>
      )}
      <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? 'Queuing…' : 'Analyse all'}
      </button>
    </form>
  );
}
