'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { countOf, severityLabel, statusLabel } from '@/lib/checks/labels';
import { isTerminal, type ProgressEvent, type ProgressSnapshot } from '@/lib/progress/events';
import { expectedPages, isTotalKnown, mergeProgress, progressPercent, startProgress, type ProgressView } from '@/lib/progress/merge-progress';

type PageEvent = Extract<ProgressEvent, { type: 'page' }>['page'];

/** A connection that stays down this long is shown as "reconnecting…"; EventSource retries after 2 s itself. */
const RECONNECTING_AFTER_MS = 2_500;
/** After the browser gives up (a non-stream answer), try again this long after, up to the longest. */
const RETRY_MS = [2_000, 5_000, 15_000, 30_000];
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

const PHASE_LABELS: Record<ProgressSnapshot['phase'], string> = {
  queued: 'Waiting for a worker',
  discovering: 'Reading robots.txt and sitemaps',
  crawling: 'Crawling',
  analyzing: 'Running site-wide checks',
  finishing: 'Finishing',
  done: 'Done',
};

const BAR_COLORS: Record<string, string> = {
  COMPLETED: 'bg-green-600',
  COMPLETED_WITH_ERRORS: 'bg-amber-500',
  FAILED: 'bg-red-600',
  CANCELLED: 'bg-slate-400',
};

function formatEta(s: number | null) {
  if (s === null || s <= 0) return null;
  return s < 60 ? `about ${s} s left` : `about ${Math.round(s / 60)} min left`;
}

/**
 * While running: "12 of ≥40 pages discovered" while the frontier may still grow, "12 of 60 pages"
 * once it cannot, and the failures so far. At the end: the final counts, worded like the
 * overview's tiles ("Pages crawled: 58 · Failed: 2").
 */
function describeCounts(view: ProgressView, unit: 'page' | 'URL') {
  const failed = view.failed.toLocaleString('en');
  if (isTerminal(view.status)) return `${unit === 'page' ? 'Pages crawled' : 'URLs analysed'}: ${view.crawled.toLocaleString('en')} · Failed: ${failed}`;
  const total = expectedPages(view);
  if (total === 0) return `no ${unit}s found yet · ${failed} failed`;
  // The live count can run a few pages past the limit (pages counted twice while being written);
  // the final count, recounted from the stored pages, replaces it at the end.
  const done = Math.min(view.crawled, total).toLocaleString('en');
  const counts = isTotalKnown(view) ? `${done} of ${countOf(total, unit)}` : `${done} of ≥${countOf(total, unit)} discovered`;
  return `${counts} · ${failed} failed`;
}

/** Keeps an EventSource on the audit's progress stream, reconnecting from the last event seen. */
function useProgressStream(auditId: string, active: boolean, onEvent: (event: ProgressEvent) => void, onConnectionChange: (down: boolean) => void) {
  useEffect(() => {
    if (!active) return;
    let source: EventSource | null = null;
    let lastEventId: string | null = null;
    let stopped = false;
    let attempts = 0;
    let downTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    // Only a drop that lasts is worth saying: not the moment before the first answer, not
    // EventSource's own quick reconnect.
    const markDown = () => {
      downTimer ??= setTimeout(() => onConnectionChange(true), RECONNECTING_AFTER_MS);
    };
    const markUp = () => {
      clearTimeout(downTimer);
      downTimer = undefined;
      attempts = 0;
      onConnectionChange(false);
    };
    const stop = () => {
      stopped = true;
      source?.close();
      clearTimeout(downTimer);
      clearTimeout(retryTimer);
    };

    const connect = () => {
      // EventSource sends Last-Event-ID by itself when it reconnects; a new one gets it in the query.
      const query = lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : '';
      const es = new EventSource(`/api/audits/${auditId}/events${query}`);
      source = es;
      es.onopen = markUp;
      es.onerror = () => {
        if (stopped) return;
        markDown();
        // CONNECTING: the browser retries by itself. CLOSED: it gave up (e.g. an error page), so we retry.
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          retryTimer = setTimeout(connect, RETRY_MS[Math.min(attempts++, RETRY_MS.length - 1)]);
        }
      };
      const handle = (e: MessageEvent<string>) => {
        if (e.lastEventId) lastEventId = e.lastEventId;
        markUp();
        const event = JSON.parse(e.data) as ProgressEvent;
        onEvent(event);
        if (isTerminal(event.state.status)) stop();
      };
      for (const type of ['snapshot', 'page', 'status']) es.addEventListener(type, handle as EventListener);
    };

    connect();
    return stop;
    // The callbacks only set state; a new connection per render would lose the stream position.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auditId, active]);
}

/**
 * Live progress of an audit from its SSE stream, merged so that it never moves backwards (see
 * mergeProgress); refreshes the server-rendered page when the audit ends. `compact` is the
 * dashboard's card: the bar and the counts, without the list of recent pages.
 */
export function LiveProgress({ initial, variant = 'full', unit = 'page' }: { initial: ProgressSnapshot; variant?: 'full' | 'compact'; unit?: 'page' | 'URL' }) {
  const router = useRouter();
  const [view, setView] = useState(() => startProgress(initial));
  const [recent, setRecent] = useState<{ key: number; page: PageEvent }[]>([]);
  const [reconnecting, setReconnecting] = useState(false);

  // A new server render (after a cancel, or the refresh below) carries the database's state: merge
  // it in, so a cancelled audit ends here even when its stream says nothing more.
  const [rendered, setRendered] = useState(initial);
  if (rendered !== initial) {
    setRendered(initial);
    setView((v) => mergeProgress(v, initial));
  }

  const initialTerminal = isTerminal(initial.status);
  useProgressStream(
    initial.auditId,
    !initialTerminal,
    (event) => {
      setView((v) => mergeProgress(v, event.state));
      if (event.type === 'page') setRecent((r) => [{ key: (r[0]?.key ?? 0) + 1, page: event.page }, ...r].slice(0, 8));
    },
    setReconnecting,
  );

  // Once the audit ends, re-render the server page (status, score, findings), and again every
  // 2 s until the page shows the end: an audit that fails in milliseconds ends while the
  // navigation that opened this page is still settling, and a refresh requested then is dropped.
  const terminal = isTerminal(view.status);
  const ended = terminal && !initialTerminal;
  useEffect(() => {
    if (!ended) return;
    router.refresh();
    const retry = setInterval(() => router.refresh(), 2_000);
    return () => clearInterval(retry);
  }, [ended, router]);

  const pct = progressPercent(view);
  const eta = terminal ? null : formatEta(view.etaSeconds);
  const compact = variant === 'compact';
  const phase = terminal ? statusLabel(view.status) : PHASE_LABELS[view.phase];

  return (
    <section className={`flex min-w-0 flex-col rounded-lg bg-white shadow-sm ${compact ? 'gap-2 p-3' : 'gap-3 p-4'}`} aria-label="Progress" data-testid="live-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
        <span className="font-medium" data-testid="progress-phase">{phase}</span>
        <span className="text-slate-600" data-testid="progress-counts">
          {describeCounts(view, unit)}
          {eta && <> · {eta}</>}
          {reconnecting && !terminal && <span className="text-amber-700"> · reconnecting…</span>}
        </span>
      </div>
      <div
        className="h-3 w-full overflow-hidden rounded bg-slate-200"
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuetext={`${pct}% · ${describeCounts(view, unit)}`}
        data-testid="progress-bar"
      >
        <div className={`h-full transition-all ${BAR_COLORS[view.status] ?? 'bg-brand-600'}`} style={{ width: `${pct}%` }} />
      </div>
      {!terminal && view.currentUrl && <p className="truncate font-mono text-xs text-slate-500" title={view.currentUrl}>{view.currentUrl}</p>}
      {ended && view.error && <p className="whitespace-pre-line break-words text-sm text-amber-700" data-testid="progress-error">{view.error}</p>}
      <p className="text-xs text-slate-600">
        {terminal ? 'Findings' : 'Findings so far'}: {SEVERITIES.map((s) => `${view.findings[s].toLocaleString('en')} ${severityLabel(s).toLowerCase()}`).join(' · ')}
      </p>
      {!compact && recent.length > 0 && (
        <ul className="flex flex-col gap-0.5 font-mono text-xs text-slate-500" aria-label="Recently crawled">
          {recent.map(({ key, page }) => (
            <li key={key} className="truncate" title={page.url}>
              <span className={page.error || page.status >= 400 || page.status === 0 ? 'text-amber-700' : ''}>{page.status || 'ERR'}</span> {page.url}
              {page.error ? ` — ${page.error}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
