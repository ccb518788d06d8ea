'use client';

import { useActionState } from 'react';
import { ActionMessage, type ActionState } from '@/components/admin/action-message';
import { changeRoleAction, setDisabledAction } from './actions';

const ROLES = ['USER', 'PREMIUM', 'ADMIN'] as const;

/** Role select and disable/enable for one user; each submit is a server action that checks the role again. */
export function UserControls({ user, self }: { user: { id: string; email: string; role: string; disabled: boolean }; self: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState<ActionState, FormData>(changeRoleAction, {});
  const [disableState, disableAction, disablePending] = useActionState<ActionState, FormData>(setDisabledAction, {});
  if (self) return <span className="text-xs text-slate-500">You (your own role and access cannot be changed here)</span>;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-1">
          <input type="hidden" name="userId" value={user.id} />
          <select name="role" defaultValue={user.role} key={user.role} aria-label={`Role of ${user.email}`} className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs">
            {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
          <button type="submit" disabled={rolePending} className="rounded border px-2 py-0.5 text-xs">Save role</button>
        </form>
        <form action={disableAction}>
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="disabled" value={String(!user.disabled)} />
          <button
            type="submit"
            disabled={disablePending}
            className={`rounded border px-2 py-0.5 text-xs ${user.disabled ? '' : 'border-red-300 text-red-700'}`}
          >
            {user.disabled ? 'Enable' : 'Disable'}
          </button>
        </form>
      </div>
      <ActionMessage state={roleState} className="text-xs" />
      <ActionMessage state={disableState} className="text-xs" />
    </div>
  );
}
