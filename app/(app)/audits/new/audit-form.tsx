'use client';

import { useActionState } from 'react';
import type { FormState } from '@/components/form-state';
import { USER_AGENT_LABELS, USER_AGENT_PRESETS } from '@/lib/crawler/user-agents';
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
      <details className="text-sm" open={Boolean(v?.include || v?.exclude || v?.ignoreRobots || (v?.scope && v.scope !== 'host') || (v?.userAgentPreset && v.userAgentPreset !== 'rival') || v?.maxRequestsPerSecond)}>
        <summary className="cursor-pointer font-medium">Advanced</summary>
        <div className="mt-3 flex flex-wrap gap-4">
          <label className="flex flex-col gap-1">
            Scope
            <select name="scope" defaultValue={v?.scope ?? 'host'} className={input}>
              <option value="host">This host (www. included)</option>
              <option value="folder">This folder and below</option>
              <option value="subdomains">All subdomains</option>
            </select>
          </label>
          <label className="flex flex-col gap-1">
            User agent
            <select name="userAgentPreset" defaultValue={v?.userAgentPreset ?? 'rival'} className={input}>
              {USER_AGENT_PRESETS.map((p) => <option key={p} value={p}>{USER_AGENT_LABELS[p]}</option>)}
            </select>
          </label>
          <label className="flex min-w-0 flex-1 flex-col gap-1">
            Custom user agent (with “Custom”; our bot name is added)
            <input name="customUserAgent" defaultValue={v?.customUserAgent} className={input} placeholder="MyAgent/1.0" />
          </label>
          <label className="flex flex-col gap-1">
            Maximum requests per second
            <input name="maxRequestsPerSecond" type="number" min={0.1} max={50} step={0.1} defaultValue={v?.maxRequestsPerSecond} className={`${input} w-32`} placeholder="no limit" />
          </label>
        </div>
        <div className="mt-3 flex flex-wrap gap-4">
          <label className="flex flex-1 flex-col gap-1">Only URLs matching (one pattern per line)<textarea name="include" rows={3} defaultValue={v?.include} className={input} placeholder="/blog/*" /></label>
          <label className="flex flex-1 flex-col gap-1">Skip URLs matching<textarea name="exclude" rows={3} defaultValue={v?.exclude} className={input} placeholder="/cart/*" /></label>
        </div>
        <label className="mt-3 flex items-center gap-2"><input type="checkbox" name="ignoreRobots" defaultChecked={v?.ignoreRobots === 'on'} /> Ignore robots.txt (only for sites you own)</label>
      </details>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Site behind a login</summary>
        <p className="mt-2 text-slate-600">Sent only to this site, stored encrypted, never shown again. Re-enter them if the form comes back with an error.</p>
        <div className="mt-3 flex flex-wrap gap-4">
          <label className="flex flex-col gap-1">Basic-auth user<input name="authUser" autoComplete="off" className={input} /></label>
          <label className="flex flex-col gap-1">Basic-auth password<input name="authPassword" type="password" autoComplete="new-password" className={input} /></label>
        </div>
        <div className="mt-3 flex flex-wrap gap-4">
          <label className="flex min-w-0 flex-1 flex-col gap-1">Cookies<input name="cookies" autoComplete="off" className={input} placeholder="session=abc123; consent=yes" /></label>
          <label className="flex min-w-0 flex-1 flex-col gap-1">Request headers (Name: value, one per line)<textarea name="headers" rows={2} className={input} placeholder="X-Staging-Token: abc" /></label>
        </div>
      </details>
      {state.error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.error}</p>}
      <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? 'Starting…' : 'Start audit'}
      </button>
    </form>
  );
}
