import { countOf } from '@/lib/checks/labels';

// Dates as people read them in lists: relative while recent, a plain date after a week. Rendered
// on the server (the browser's time zone is unknown there), so the full UTC time is in the title.

/** "just now", "5 min ago", "3 h ago", "2 days ago", then "12 Jan 2026". */
export function formatAgo(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${countOf(days, 'day')} ago`;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** "2026-01-12 14:03 UTC". */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
