'use client';

import { useEffect, useState } from 'react';
import { statusLabel } from '@/lib/checks/labels';

// Requests Excel/CSV reports of a finished audit and lists them; while one is being written the
// list refreshes every 2 s (the status route reads PostgreSQL, so it works without Redis too).

type Report = {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'READY' | 'FAILED';
  format: 'xlsx' | 'csv';
  kind: string;
  sizeBytes: number | null;
  progress: { percent: number };
  error: string | null;
  createdAt: string;
  downloadUrl: string | null;
};

const KINDS: { label: string; body: { format: 'xlsx' | 'csv'; kind?: string } }[] = [
  { label: 'Excel workbook', body: { format: 'xlsx' } },
  { label: 'CSV: findings', body: { format: 'csv', kind: 'findings' } },
  { label: 'CSV: pages', body: { format: 'csv', kind: 'pages' } },
  { label: 'CSV: issues', body: { format: 'csv', kind: 'issues' } },
];

function describe(r: Report): string {
  const what = r.format === 'xlsx' ? 'Excel workbook' : `CSV of ${r.kind}`;
  const size = r.sizeBytes ? ` · ${(r.sizeBytes / 1024).toLocaleString('en', { maximumFractionDigits: 0 })} KB` : '';
  return `${what}${size}`;
}

export function ReportsPanel({ auditId }: { auditId: string }) {
  const [reports, setReports] = useState<Report[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  // Bumped after a request, so the list (and its polling) starts again.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const res = await fetch(`/api/audits/${auditId}/reports`, { cache: 'no-store' }).catch(() => null);
      if (stopped || !res?.ok) return;
      const list: Report[] = (await res.json()).reports;
      setReports(list);
      if (list.some((r) => r.status === 'QUEUED' || r.status === 'RUNNING')) timer = setTimeout(() => void poll(), 2_000);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [auditId, generation]);

  async function request(body: (typeof KINDS)[number]['body']) {
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch(`/api/audits/${auditId}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) setError((await res.json().catch(() => null))?.error?.message ?? `The report could not be requested (HTTP ${res.status}).`);
      setGeneration((g) => g + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="flex min-w-0 flex-col gap-3" aria-labelledby="reports-heading" data-testid="reports">
      <h2 id="reports-heading" className="text-lg font-semibold">Reports</h2>
      <div className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm">
        <div className="flex flex-wrap gap-2">
          {KINDS.map((k) => (
            <button
              key={k.label}
              type="button"
              disabled={busy}
              onClick={() => void request(k.body)}
              className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-60"
            >
              {k.label}
            </button>
          ))}
        </div>
        {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
        {reports.length === 0 ? (
          <p className="text-sm text-slate-500">No reports yet. Each one is written in the background; you can leave this page meanwhile.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100 text-sm">
            {reports.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <span className="min-w-0 flex-1">{describe(r)}</span>
                <span className="text-slate-500">{new Date(r.createdAt).toLocaleString('en')}</span>
                {r.status === 'READY' && r.downloadUrl ? (
                  <a href={r.downloadUrl} className="font-medium text-brand-600 underline focus-visible:outline-2 focus-visible:outline-brand-500">Download</a>
                ) : r.status === 'FAILED' ? (
                  <span className="text-red-700">Failed: {r.error}</span>
                ) : (
                  <span className="text-slate-600" aria-live="polite">{statusLabel(r.status)} {r.progress.percent}%</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
