'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';

// The header's bell: unread count, the latest notifications, mark read. Polls every 30 s (and when
// opened); the list comes from PostgreSQL, so it works with Redis down too.

type Item = { id: string; kind: 'AUDIT_FINISHED' | 'SCORE_DROP' | 'NEW_CRITICAL'; auditId: string | null; title: string; message: string; readAt: string | null; createdAt: string };

const POLL_MS = 30_000;
const KIND_STYLE: Record<Item['kind'], string> = { AUDIT_FINISHED: 'bg-slate-400', SCORE_DROP: 'bg-amber-500', NEW_CRITICAL: 'bg-red-600' };

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<Item[]>([]);
  const box = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const res = await fetch('/api/notifications', { cache: 'no-store' }).catch(() => null);
    if (!res?.ok) return;
    const body = await res.json();
    setUnread(body.unread);
    setItems(body.items);
  }, []);

  useEffect(() => {
    const first = setTimeout(() => void load(), 0);
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [load]);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  async function markRead(body: { ids: string[] } | { all: true }) {
    await fetch('/api/notifications/read', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => null);
    await load();
  }

  return (
    <div className="relative" ref={box}>
      <button
        type="button"
        onClick={() => {
          setOpen((o) => !o);
          void load();
        }}
        aria-expanded={open}
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        data-testid="notification-bell"
        className="relative rounded-md border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16" fill="currentColor"><path d="M10 2a6 6 0 0 0-6 6v3.6l-1.7 2.6A.5.5 0 0 0 2.7 15h14.6a.5.5 0 0 0 .4-.8L16 11.6V8a6 6 0 0 0-6-6Zm0 16a2.5 2.5 0 0 0 2.4-2h-4.8A2.5 2.5 0 0 0 10 18Z" /></svg>
        {unread > 0 && (
          <span className="absolute -right-2 -top-2 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold text-white" data-testid="notification-count">{unread > 99 ? '99+' : unread}</span>
        )}
      </button>
      {open && (
        <div className="absolute right-0 z-20 mt-2 w-80 max-w-[90vw] rounded-lg border border-slate-200 bg-white shadow-lg" data-testid="notification-list">
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <span className="font-semibold">Notifications</span>
            {unread > 0 && <button type="button" className="text-xs text-brand-600 underline" onClick={() => void markRead({ all: true })}>Mark all read</button>}
          </div>
          {items.length === 0 ? (
            <p className="px-3 py-4 text-sm text-slate-500">Nothing yet. You are told here when an audit finishes, its score drops or a new critical finding appears.</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {items.map((n) => (
                <li key={n.id} className={`flex gap-2 px-3 py-2 text-sm ${n.readAt ? 'text-slate-500' : ''}`} data-testid="notification-item">
                  <span aria-hidden="true" className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${n.readAt ? 'bg-transparent' : KIND_STYLE[n.kind]}`} />
                  <div className="flex min-w-0 flex-col">
                    <span className="font-medium">{n.title}{n.readAt ? '' : <span className="sr-only"> (unread)</span>}</span>
                    <span className="wrap-anywhere">{n.message}</span>
                    <span className="flex gap-3 text-xs">
                      {n.auditId && <Link href={`/audits/${n.auditId}`} className="text-brand-600 underline" onClick={() => { setOpen(false); if (!n.readAt) void markRead({ ids: [n.id] }); }}>Open audit</Link>}
                      {!n.readAt && <button type="button" className="text-brand-600 underline" onClick={() => void markRead({ ids: [n.id] })}>Mark read</button>}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-slate-100 px-3 py-2 text-xs">
            <Link href="/schedules" className="text-brand-600 underline" onClick={() => setOpen(false)}>Schedules and webhooks</Link>
          </div>
        </div>
      )}
    </div>
  );
}
