'use client';

import { useActionState } from 'react';
import { updateFlagAction, type ActionState } from './actions';

export type FlagRow = { key: string; kind: 'operation' | 'switch'; label: string; enabled: boolean; mode: 'sync' | 'async'; rolloutPercent: number };

/** The controls of one flag: each change is its own server action call (which checks the role again). */
export function FlagControls({ flag }: { flag: FlagRow }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(updateFlagAction, {});
  return (
    <div className="flex flex-wrap items-center gap-3">
      <form action={action}>
        <input type="hidden" name="key" value={flag.key} />
        <input type="hidden" name="enabled" value={String(!flag.enabled)} />
        <button
          type="submit"
          disabled={pending}
          role="switch"
          aria-checked={flag.enabled}
          aria-label={`${flag.label} enabled`}
          className={`rounded-full px-3 py-0.5 text-xs font-medium ${flag.enabled ? 'bg-green-600 text-white' : 'bg-slate-300 text-slate-800'}`}
        >
          {flag.enabled ? 'On' : 'Off'}
        </button>
      </form>
      {flag.kind === 'operation' && (
        <>
          <form action={action}>
            <input type="hidden" name="key" value={flag.key} />
            <label className="flex items-center gap-1 text-xs">
              Mode
              <select
                name="mode"
                aria-label={`${flag.label} mode`}
                defaultValue={flag.mode}
                key={flag.mode}
                disabled={pending}
                onChange={(e) => e.currentTarget.form?.requestSubmit()}
                className="rounded border border-slate-300 px-1 py-0.5"
              >
                <option value="async">async (queue)</option>
                <option value="sync">sync (in-process)</option>
              </select>
            </label>
          </form>
          <form action={action} className="flex items-center gap-1 text-xs">
            <input type="hidden" name="key" value={flag.key} />
            <label className="flex items-center gap-1">
              Async rollout
              <input
                name="rolloutPercent"
                type="number"
                min={0}
                max={100}
                defaultValue={flag.rolloutPercent}
                key={flag.rolloutPercent}
                aria-label={`${flag.label} rollout percent`}
                className="w-16 rounded border border-slate-300 px-1 py-0.5"
              />
              %
            </label>
            <button type="submit" disabled={pending} className="rounded border px-2 py-0.5">Save</button>
          </form>
        </>
      )}
      {state.error && <p role="alert" className="text-xs text-red-700">{state.error}</p>}
      {state.ok && <p role="status" className="text-xs text-green-700">{state.ok}</p>}
    </div>
  );
}
