'use client';

import { useState, useTransition } from 'react';
import { ActionMessage, type ActionState } from '@/components/admin/action-message';
import { discardDeadLetterAction, replayDeadLettersAction } from './actions';

export type DeadLetterRow = {
  id: string;
  queue: string;
  name: string;
  jobId: string;
  attempts: number;
  error: string;
  stack: string | null;
  payload: string;
  failedAt: string;
  resolvedAt: string | null;
  resolution: string | null;
  discardReason: string | null;
  resolvedBy: string | null;
};

const when = (iso: string) => `${iso.replace('T', ' ').slice(0, 19)} UTC`;

/** The dead letters with selection for a bulk replay; every button is a server action that checks the role itself. */
export function DeadLetterTable({ rows }: { rows: DeadLetterRow[] }) {
  const open = rows.filter((r) => !r.resolvedAt);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [state, setState] = useState<ActionState>({});
  const [pending, startTransition] = useTransition();
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const replay = (ids: string[]) =>
    startTransition(async () => {
      const result = await replayDeadLettersAction(ids);
      setState(result);
      if (result.ok) setSelected(new Set());
    });
  // The outcome is shown above the table: a resolved row may leave the filtered list at once.
  const discard = (form: FormData) =>
    startTransition(async () => {
      setState(await discardDeadLetterAction({}, form));
    });
  const allSelected = open.length > 0 && open.every((r) => selected.has(r.id));

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={pending || selected.size === 0}
          onClick={() => replay([...selected])}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          {pending ? 'Replaying…' : `Replay selected (${selected.size})`}
        </button>
        <div data-testid="dead-letter-message" aria-live="polite"><ActionMessage state={state} /></div>
      </div>
      <div className="overflow-x-auto">
        <table className="min-w-full bg-white text-left text-sm shadow-sm" data-testid="dead-letters-table">
          <thead className="border-b text-slate-500">
            <tr>
              <th className="p-2">
                <input
                  type="checkbox"
                  aria-label="Select all unresolved"
                  checked={allSelected}
                  disabled={open.length === 0}
                  onChange={(e) => setSelected(e.currentTarget.checked ? new Set(open.map((r) => r.id)) : new Set())}
                />
              </th>
              <th className="p-2">Failed at</th>
              <th className="p-2">Job</th>
              <th className="p-2">Attempts</th>
              <th className="p-2">Error and payload</th>
              <th className="p-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="p-2 text-slate-500">No dead letters match.</td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-b align-top last:border-0" data-testid={`dead-letter-${r.id}`} data-resolved={Boolean(r.resolvedAt)}>
                <td className="p-2">
                  {!r.resolvedAt && (
                    <input type="checkbox" aria-label={`Select ${r.name} #${r.jobId}`} checked={selected.has(r.id)} onChange={(e) => toggle(r.id, e.currentTarget.checked)} />
                  )}
                </td>
                <td className="whitespace-nowrap p-2">{when(r.failedAt)}</td>
                <td className="p-2 font-mono text-xs">
                  <div>{r.name}</div>
                  <div className="text-slate-500">{r.queue}#{r.jobId}</div>
                </td>
                <td className="p-2">{r.attempts}</td>
                <td className="max-w-md p-2">
                  <p className="break-words text-red-700">{r.error}</p>
                  {r.stack && (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs text-slate-600">Stack trace</summary>
                      <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words bg-slate-50 p-2 text-xs">{r.stack}</pre>
                    </details>
                  )}
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-slate-600">Payload</summary>
                    <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words bg-slate-50 p-2 text-xs">{r.payload}</pre>
                  </details>
                </td>
                <td className="p-2">
                  {r.resolvedAt ? (
                    <div className="text-xs" data-testid="resolution">
                      <div className="font-medium">{r.resolution}</div>
                      {r.discardReason && <div>Reason: {r.discardReason}</div>}
                      <div className="text-slate-500">{when(r.resolvedAt)}{r.resolvedBy ? ` by ${r.resolvedBy}` : ''}</div>
                    </div>
                  ) : (
                    <div className="flex flex-col gap-2">
                      <button type="button" disabled={pending} onClick={() => replay([r.id])} className="self-start rounded border px-2 py-0.5 text-xs">
                        Replay
                      </button>
                      <DiscardForm id={r.id} pending={pending} onDiscard={discard} />
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function DiscardForm({ id, pending, onDiscard }: { id: string; pending: boolean; onDiscard: (form: FormData) => void }) {
  return (
    <details>
      <summary className="cursor-pointer text-xs text-slate-600">Discard…</summary>
      <form action={onDiscard} className="mt-1 flex flex-col gap-1">
        <input type="hidden" name="id" value={id} />
        <label className="flex flex-col gap-1 text-xs">
          Reason
          <input name="reason" required minLength={3} maxLength={500} className="w-48 rounded border border-slate-300 px-1 py-0.5" />
        </label>
        <button type="submit" disabled={pending} className="self-start rounded border border-red-300 px-2 py-0.5 text-xs text-red-700">
          Discard
        </button>
      </form>
    </details>
  );
}
