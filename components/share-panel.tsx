'use client';

import { useCallback, useEffect, useState } from 'react';

// Read-only links to an audit or a comparison for people without an account: make one (the URL is
// shown once, as only its hash is stored), list the links that still work, revoke any of them.

type ActiveShare = { id: string; createdAt: string; expiresAt: string };

const BUTTON = 'rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-50';

type Target = { auditId: string } | { comparisonId: string };

export function SharePanel(target: Target) {
  const [endpoint, what] = 'auditId' in target ? [`/api/audits/${target.auditId}/share`, 'audit'] : [`/api/comparisons/${target.comparisonId}/share`, 'comparison'];
  const [shares, setShares] = useState<ActiveShare[]>([]);
  const [days, setDays] = useState(7);
  const [created, setCreated] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const res = await fetch(endpoint, { cache: 'no-store' }).catch(() => null);
    if (res?.ok) setShares((await res.json()).shares);
  }, [endpoint]);
  useEffect(() => {
    const first = setTimeout(() => void load(), 0);
    return () => clearTimeout(first);
  }, [load]);

  async function call(url: string, init: RequestInit) {
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch(url, init);
      const body = await res.json().catch(() => null);
      if (!res.ok) setError(body?.error?.message ?? `HTTP ${res.status}`);
      await load();
      return res.ok ? body : null;
    } finally {
      setBusy(false);
    }
  }

  async function create() {
    const body = await call(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ expiresInDays: days }) });
    if (body) setCreated(body.url);
  }

  return (
    <section className="flex flex-col gap-3" aria-labelledby="share-heading" data-testid="share-panel">
      <h2 id="share-heading" className="text-lg font-semibold">Share</h2>
      <div className="flex flex-col gap-3 rounded-lg bg-white p-4 text-sm shadow-sm">
        <p className="text-slate-600">A read-only link to this {what}{what === 'audit' ? ' and its reports' : ''}, for people without an account. Nothing else of yours is reachable from it.</p>
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-2">
            Expires after
            <select value={days} onChange={(e) => setDays(Number(e.target.value))} className="rounded-md border border-slate-300 px-2 py-1" aria-label="Expires after (days)">
              {[1, 7, 30, 90].map((d) => <option key={d} value={d}>{d === 1 ? '1 day' : `${d} days`}</option>)}
            </select>
          </label>
          <button type="button" className={BUTTON} disabled={busy} onClick={() => void create()}>Create share link</button>
        </div>
        {created && (
          <p className="flex flex-col gap-1" data-testid="share-created">
            <span>Copy this link now; it is not shown again:</span>
            <input readOnly value={created} aria-label="Share link" className="w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          </p>
        )}
        {error && <p className="text-red-700" role="alert">{error}</p>}
        {shares.length > 0 && (
          <ul className="flex flex-col divide-y divide-slate-100" data-testid="share-list">
            {shares.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>Link made {new Date(s.createdAt).toISOString().slice(0, 10)}, expires {new Date(s.expiresAt).toISOString().slice(0, 10)}</span>
                <button type="button" className={BUTTON} disabled={busy} onClick={() => void call(`/api/shares/${s.id}`, { method: 'DELETE' })}>Revoke</button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
