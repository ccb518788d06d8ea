'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { isTerminal, type ProgressEvent, type ProgressSnapshot } from '@/lib/progress/events';

function formatEta(s: number | null) {
  if (s === null || s <= 0) return null;
  return s < 60 ? `${s}s left` : `${Math.round(s / 60)} min left`;
}

/** Live progress from the audit's SSE stream; refreshes the server-rendered page when it ends. */
export function LiveProgress({ initial }: { initial: ProgressSnapshot }) {
  const router = useRouter();
  const [state, setState] = useState(initial);
  const [recent, setRecent] = useState<Extract<ProgressEvent, { type: 'page' }>['page'][]>([]);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (isTerminal(initial.status)) return;
    // EventSource resends Last-Event-ID by itself when it reconnects.
    const source = new EventSource(`/api/audits/${initial.auditId}/events`);
    const onEvent = (e: MessageEvent<string>) => {
      const event = JSON.parse(e.data) as ProgressEvent;
      setState(event.state);
      if (event.type === 'page') setRecent((r) => [event.page, ...r].slice(0, 8));
      if (isTerminal(event.state.status)) source.close();
    };
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    for (const type of ['snapshot', 'page', 'status']) source.addEventListener(type, onEvent as EventListener);
    return () => source.close();
  }, [initial.auditId, initial.status]);

  // Once the audit ends, re-render the server page (status, score, findings), and again every
  // 2 s until the page shows the end: an audit that fails in milliseconds ends while the
  // navigation that opened this page is still settling, and a refresh requested then is dropped.
  const ended = isTerminal(state.status) && !isTerminal(initial.status);
  useEffect(() => {
    if (!ended) return;
    router.refresh();
    const retry = setInterval(() => router.refresh(), 2_000);
    return () => clearInterval(retry);
  }, [ended, router]);

  const total = Math.max(state.limit ? Math.min(state.discovered || state.limit, state.limit) : state.discovered, state.crawled, 1);
  const pct = isTerminal(state.status) ? 100 : Math.min(99, Math.round((state.crawled / total) * 100));
  const eta = formatEta(state.etaSeconds);

  return (
    <section className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm" aria-label="Progress">
      <div className="flex items-baseline justify-between text-sm">
        <span className="font-medium" data-testid="progress-phase">{state.phase}</span>
        <span className="text-slate-500">
          {state.crawled} / {total} pages · {state.failed} failed{eta ? ` · ${eta}` : ''}{!connected && !isTerminal(state.status) ? ' · reconnecting…' : ''}
        </span>
      </div>
      <div className="h-3 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} data-testid="progress-bar">
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      {state.currentUrl && <p className="truncate font-mono text-xs text-slate-500">{state.currentUrl}</p>}
      {ended && state.error && <p className="whitespace-pre-line text-sm text-amber-700" data-testid="progress-error">{state.error}</p>}
      <p className="text-xs text-slate-600">
        Findings so far: {state.findings.critical} critical · {state.findings.high} high · {state.findings.medium} medium · {state.findings.low} low
      </p>
      {recent.length > 0 && (
        <ul className="font-mono text-xs text-slate-500">
          {recent.map((p) => (
            <li key={p.url} className="truncate">{p.status || 'ERR'} {p.url}{p.error ? ` — ${p.error}` : ''}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
