'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiCall } from './api-call';

// Webhook endpoints (the signing secret is shown once, right after creation) and the delivery log.

type Webhook = { id: string; url: string; enabled: boolean; createdAt: string };
type Delivery = { id: string; url: string; event: string; status: string; attempts: number; responseCode: number | null; error: string | null; createdAt: string };

const BUTTON = 'rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-50';

export function WebhooksManager({ webhooks, deliveries }: { webhooks: Webhook[]; deliveries: Delivery[] }) {
  const router = useRouter();
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await apiCall<{ secret: string }>('/api/webhooks', 'POST', { url });
    setBusy(false);
    setError(result.ok ? undefined : result.error);
    if (result.ok) {
      setSecret(result.data.secret);
      setUrl('');
      router.refresh();
    }
  }

  async function remove(id: string) {
    const result = await apiCall(`/api/webhooks/${id}`, 'DELETE');
    setError(result.ok ? undefined : result.error);
    router.refresh();
  }

  return (
    <section className="flex flex-col gap-3" aria-labelledby="webhooks-heading" data-testid="webhooks">
      <h2 id="webhooks-heading" className="text-lg font-semibold">Webhooks</h2>
      <p className="text-sm text-slate-600">
        Every notification is also POSTed as JSON to these URLs, signed: <code>X-RO-Signature: sha256=HMAC-SHA256(secret, timestamp + &quot;.&quot; + body)</code> with{' '}
        <code>X-RO-Timestamp</code> (refuse old timestamps to stop replays). Failed deliveries are retried with backoff.
      </p>
      <form onSubmit={(e) => void create(e)} className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm" htmlFor="webhook-url">
          Endpoint URL
          <input id="webhook-url" required className="rounded-md border border-slate-300 px-2 py-1" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.example.com/seo" />
        </label>
        <button type="submit" className={BUTTON} disabled={busy}>Add webhook</button>
      </form>
      {secret && (
        <p className="flex flex-col gap-1 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="webhook-secret">
          <span>Signing secret: copy it now, it is not shown again.</span>
          <input readOnly value={secret} aria-label="Signing secret" className="rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        </p>
      )}
      {error && <p className="text-sm text-red-700" role="alert">{error}</p>}
      {webhooks.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-lg bg-white px-4 text-sm shadow-sm">
          {webhooks.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="break-all font-mono text-xs">{w.url}</span>
              <button type="button" className={BUTTON} onClick={() => void remove(w.id)}>Delete</button>
            </li>
          ))}
        </ul>
      )}
      <h3 className="font-semibold">Delivery log</h3>
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing sent yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left text-sm" data-testid="delivery-log">
            <thead className="border-b border-slate-200 text-slate-500">
              <tr><th className="p-2">When</th><th className="p-2">Event</th><th className="p-2">Endpoint</th><th className="p-2">Status</th><th className="p-2">Attempts</th><th className="p-2">Response</th><th className="p-2">Error</th></tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-b border-slate-100 align-top last:border-0">
                  <td className="whitespace-nowrap p-2">{d.createdAt.slice(0, 19).replace('T', ' ')}</td>
                  <td className="p-2">{d.event}</td>
                  <td className="max-w-xs break-all p-2 font-mono text-xs">{d.url}</td>
                  <td className="p-2">{d.status.toLowerCase()}</td>
                  <td className="p-2 tabular-nums">{d.attempts}</td>
                  <td className="p-2 tabular-nums">{d.responseCode ?? '—'}</td>
                  <td className="p-2 wrap-anywhere text-slate-600">{d.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
