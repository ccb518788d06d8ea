'use client';

import { useActionState } from 'react';
import type { FormState } from '@/components/form-state';
import { analyzeAction } from './actions';

export function AnalyzeForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(analyzeAction, {});
  return (
    // A new key after each failed submission makes React apply the returned values as defaults.
    <form key={state.submission ?? 0} action={action} className="flex flex-col gap-4 rounded-lg bg-white p-6 shadow-sm">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Page URL
        <input name="url" required defaultValue={state.values?.url} placeholder="https://example.com/page" className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
      </label>
      <div className="flex flex-wrap gap-4">
        <label className="flex flex-1 flex-col gap-1 text-sm font-medium">
          Target keyword (optional)
          <input name="keyword" defaultValue={state.values?.keyword} placeholder="e.g. running shoes" className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          JavaScript rendering
          <select name="render" defaultValue={state.values?.render ?? 'auto'} className="rounded-md border border-slate-300 px-3 py-2 font-normal">
            <option value="auto">Auto (when the page needs it)</option>
            <option value="always">Always</option>
            <option value="never">Never</option>
          </select>
        </label>
      </div>
      {state.error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.error}</p>}
      <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? 'Analysing… (fetching and checking the page)' : 'Analyse page'}
      </button>
    </form>
  );
}
