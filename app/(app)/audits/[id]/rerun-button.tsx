'use client';

import { useState, useTransition } from 'react';
import { rerunAuditAction } from './actions';

export function RerunButton({ id }: { id: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        onClick={() => start(async () => setError((await rerunAuditAction(id)).error))}
        className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-60"
      >
        {pending ? 'Starting…' : 'Run again with these settings'}
      </button>
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </span>
  );
}
