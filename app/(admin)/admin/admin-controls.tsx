'use client';

import { useActionState } from 'react';
import { runCleanupAction, type ActionState } from './actions';

function Message({ state }: { state: ActionState }) {
  if (state.error) return <p role="alert" className="text-sm text-red-700">{state.error}</p>;
  if (state.ok) return <p role="status" className="text-sm text-green-700">{state.ok}</p>;
  return null;
}

export function CleanupForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(runCleanupAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-sm">
        Delete instant analyses older than (days)
        <input name="olderThanDays" type="number" min={1} defaultValue={30} className="w-32 rounded border border-slate-300 px-2 py-1" />
      </label>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
        {pending ? 'Queuing…' : 'Run cleanup now'}
      </button>
      <Message state={state} />
    </form>
  );
}
