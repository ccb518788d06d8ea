'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ScheduleView } from '@/lib/schedules/schedules';
import { apiCall } from './api-call';

// Create, edit, pause and delete re-audit schedules; every change goes through /api/schedules,
// which saves the row and upserts (or removes) its job scheduler.

const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const INPUT = 'rounded-md border border-slate-300 px-2 py-1';
const BUTTON = 'rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-50';

type Draft = { url: string; frequency: string; hour: number; dayOfWeek: number; dayOfMonth: number; intervalSeconds: number; scoreDropThreshold: number; maxPages: number };

const EMPTY: Draft = { url: '', frequency: 'WEEKLY', hour: 3, dayOfWeek: 1, dayOfMonth: 1, intervalSeconds: 60, scoreDropThreshold: 5, maxPages: 100 };

function toBody(d: Draft) {
  return {
    frequency: d.frequency,
    hour: d.hour,
    dayOfWeek: d.dayOfWeek,
    dayOfMonth: d.dayOfMonth,
    ...(d.frequency === 'INTERVAL' ? { intervalSeconds: d.intervalSeconds } : {}),
    scoreDropThreshold: d.scoreDropThreshold,
  };
}

function TimingFields({ draft, set, allowInterval, idPrefix }: { draft: Draft; set: (patch: Partial<Draft>) => void; allowInterval: boolean; idPrefix: string }) {
  const num = (v: string) => Number(v);
  return (
    <>
      <label className="flex flex-col gap-1 text-sm" htmlFor={`${idPrefix}-frequency`}>
        How often
        <select id={`${idPrefix}-frequency`} className={INPUT} value={draft.frequency} onChange={(e) => set({ frequency: e.target.value })}>
          {FREQUENCIES.map((f) => <option key={f} value={f}>{f.toLowerCase()}</option>)}
          {allowInterval && <option value="INTERVAL">every N seconds (test)</option>}
        </select>
      </label>
      {draft.frequency === 'INTERVAL' ? (
        <label className="flex flex-col gap-1 text-sm">Seconds<input type="number" min={1} className={`${INPUT} w-24`} value={draft.intervalSeconds} onChange={(e) => set({ intervalSeconds: num(e.target.value) })} /></label>
      ) : (
        <label className="flex flex-col gap-1 text-sm">Hour (UTC)<input type="number" min={0} max={23} className={`${INPUT} w-20`} value={draft.hour} onChange={(e) => set({ hour: num(e.target.value) })} /></label>
      )}
      {draft.frequency === 'WEEKLY' && (
        <label className="flex flex-col gap-1 text-sm">Day
          <select className={INPUT} value={draft.dayOfWeek} onChange={(e) => set({ dayOfWeek: num(e.target.value) })}>{DAYS.map((d, i) => <option key={d} value={i}>{d}</option>)}</select>
        </label>
      )}
      {draft.frequency === 'MONTHLY' && (
        <label className="flex flex-col gap-1 text-sm">Day of month<input type="number" min={1} max={28} className={`${INPUT} w-20`} value={draft.dayOfMonth} onChange={(e) => set({ dayOfMonth: num(e.target.value) })} /></label>
      )}
      <label className="flex flex-col gap-1 text-sm">Notify on a score drop of more than<input type="number" min={0} max={100} className={`${INPUT} w-20`} value={draft.scoreDropThreshold} onChange={(e) => set({ scoreDropThreshold: num(e.target.value) })} /></label>
    </>
  );
}

function ScheduleRow({ schedule, allowInterval, onError }: { schedule: ScheduleView; allowInterval: boolean; onError: (e: string | undefined) => void }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState<Draft>({ ...EMPTY, ...schedule, intervalSeconds: schedule.intervalSeconds ?? 60, maxPages: schedule.options.maxPages });
  async function run(method: string, body?: unknown) {
    setBusy(true);
    const result = await apiCall(`/api/schedules/${schedule.id}`, method, body);
    setBusy(false);
    onError(result.ok ? undefined : result.error);
    if (result.ok) {
      setEditing(false);
      router.refresh();
    }
  }
  return (
    <li className="flex flex-col gap-2 py-3" data-testid="schedule-row">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <span className="break-all font-medium">{schedule.url}</span>
        <span className="text-sm text-slate-600">{schedule.description}{schedule.enabled ? '' : ' · paused'}</span>
      </div>
      <p className="text-sm text-slate-500">
        Next run: {schedule.nextRunAt ? new Date(schedule.nextRunAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '— (paused)'}
        {schedule.lastAuditId && <> · <Link className="text-brand-600 underline" href={`/audits/${schedule.lastAuditId}`}>last audit</Link></>}
        {' '}· max {schedule.options.maxPages} pages · score-drop alert above {schedule.scoreDropThreshold} points
      </p>
      {editing ? (
        <div className="flex flex-wrap items-end gap-3">
          <TimingFields draft={draft} set={(p) => setDraft((d) => ({ ...d, ...p }))} allowInterval={allowInterval} idPrefix={`edit-${schedule.id}`} />
          <label className="flex flex-col gap-1 text-sm">Max pages<input type="number" min={1} max={10000} className={`${INPUT} w-24`} value={draft.maxPages} onChange={(e) => setDraft((d) => ({ ...d, maxPages: Number(e.target.value) }))} /></label>
          <button type="button" className={BUTTON} disabled={busy} onClick={() => void run('PATCH', { ...toBody(draft), options: { ...schedule.options, maxPages: draft.maxPages } })}>Save</button>
          <button type="button" className={BUTTON} disabled={busy} onClick={() => setEditing(false)}>Cancel</button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={BUTTON} disabled={busy} onClick={() => setEditing(true)}>Edit</button>
          <button type="button" className={BUTTON} disabled={busy} onClick={() => void run('PATCH', { enabled: !schedule.enabled })}>{schedule.enabled ? 'Pause' : 'Resume'}</button>
          <button type="button" className={BUTTON} disabled={busy} onClick={() => void run('DELETE')}>Delete</button>
        </div>
      )}
    </li>
  );
}

export function SchedulesManager({ initial, allowInterval, defaultUrl }: { initial: ScheduleView[]; allowInterval: boolean; defaultUrl?: string }) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>({ ...EMPTY, url: defaultUrl ?? '' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await apiCall<ScheduleView>('/api/schedules', 'POST', { url: draft.url, ...toBody(draft), options: { maxPages: draft.maxPages } });
    setBusy(false);
    setError(result.ok ? result.data.warning : result.error);
    if (result.ok) {
      setDraft({ ...EMPTY, url: defaultUrl ?? '' });
      router.refresh();
    }
  }

  return (
    <section className="flex flex-col gap-3" aria-labelledby="schedules-heading" data-testid="schedules">
      <h2 id="schedules-heading" className="text-lg font-semibold">Scheduled audits</h2>
      <form onSubmit={(e) => void create(e)} className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm" htmlFor="schedule-url">
          Site URL
          <input id="schedule-url" required className={INPUT} value={draft.url} onChange={(e) => setDraft((d) => ({ ...d, url: e.target.value }))} placeholder="https://example.com" />
        </label>
        <TimingFields draft={draft} set={(p) => setDraft((d) => ({ ...d, ...p }))} allowInterval={allowInterval} idPrefix="new" />
        <label className="flex flex-col gap-1 text-sm">Max pages<input type="number" min={1} max={10000} className={`${INPUT} w-24`} value={draft.maxPages} onChange={(e) => setDraft((d) => ({ ...d, maxPages: Number(e.target.value) }))} /></label>
        <button type="submit" className={BUTTON} disabled={busy}>Add schedule</button>
      </form>
      {error && <p className="text-sm text-red-700" role="alert">{error}</p>}
      {initial.length === 0 ? (
        <p className="text-sm text-slate-600">No schedules yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg bg-white px-4 shadow-sm">
          {initial.map((s) => <ScheduleRow key={`${s.id}-${s.enabled}-${s.description}`} schedule={s} allowInterval={allowInterval} onError={setError} />)}
        </ul>
      )}
    </section>
  );
}
