'use client';

import { useActionState } from 'react';
import type { FormState } from '@/components/form-state';
import { startAuditAction } from './actions';

const input = 'rounded-md border border-slate-300 px-3 py-2 font-normal';

export function AuditForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(startAuditAction, {});
  const v = state.values;
  return (
    // A new key after each failed submission makes React apply the returned values as defaults.
    <form key={state.submission ?? 0} action={action} className="flex flex-col gap-4 rounded-lg bg-white p-6 shadow-sm">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Site URL
        <input name="url" required defaultValue={v?.url} placeholder="https://example.com/" className={input} />
      </label>
      <div className="flex flex-wrap gap-4">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Max pages
          <input name="maxPages" type="number" min={1} max={10000} defaultValue={v?.maxPages ?? 100} className={`${input} w-32`} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Max depth
          <input name="maxDepth" type="number" min={0} max={50} defaultValue={v?.maxDepth ?? 10} className={`${input} w-28`} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          JavaScript rendering
          <select name="renderMode" defaultValue={v?.renderMode ?? 'auto'} className={input}>
            <option value="auto">Auto</option>
            <option value="always">Always</option>
            <option value="never">Never</option>
          </select>
        </label>
      </div>
      <details className="text-sm" open={Boolean(v?.include || v?.exclude || v?.ignoreRobots)}>
        <summary className="cursor-pointer font-medium">Advanced</summary>
        <div className="mt-3 flex flex-wrap gap-4">
          <label className="flex flex-1 flex-col gap-1">Only URLs matching (one pattern per line)<textarea name="include" rows={3} defaultValue={v?.include} className={input} placeholder="/blog/*" /></label>
          <label className="flex flex-1 flex-col gap-1">Skip URLs matching<textarea name="exclude" rows={3} defaultValue={v?.exclude} className={input} placeholder="/cart/*" /></label>
        </div>
        <label className="mt-3 flex items-center gap-2"><input type="checkbox" name="ignoreRobots" defaultChecked={v?.ignoreRobots === 'on'} /> Ignore robots.txt (only for sites you own)</label>
      </details>
      {state.error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.error}</p>}
      <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? 'Starting…' : 'Start audit'}
      </button>
    </form>
  );
}
