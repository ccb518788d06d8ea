import { severityLabel } from '@/lib/checks/labels';

const STYLES: Record<string, string> = {
  critical: 'bg-red-600 text-white',
  high: 'bg-orange-700 text-white',
  medium: 'bg-amber-300 text-amber-950',
  low: 'bg-sky-100 text-sky-900',
  info: 'bg-slate-100 text-slate-700',
};

/** A finding's severity in words ("Critical"), coloured from red (critical) to grey (info). */
export function SeverityBadge({ severity }: { severity: string }) {
  const key = severity.toLowerCase();
  return (
    <span className={`inline-block shrink-0 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${STYLES[key] ?? STYLES.info}`} data-severity={key}>
      {severityLabel(key)}
    </span>
  );
}
