'use client';

import { useState, useTransition } from 'react';
import type { FormState } from '@/components/form-state';

/** A button that runs a server action (bound to its audit) and shows the action's error beside it. */
export function ActionButton({ run, label, pendingLabel }: { run: () => Promise<FormState>; label: string; pendingLabel: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        onClick={() => start(async () => setError((await run()).error))}
        className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-60"
      >
        {pending ? pendingLabel : label}
      </button>
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </span>
  );
}
