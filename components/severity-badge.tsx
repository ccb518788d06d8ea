const STYLES: Record<string, string> = {
  critical: 'bg-red-600 text-white',
  high: 'bg-orange-500 text-white',
  medium: 'bg-amber-300 text-amber-950',
  low: 'bg-sky-100 text-sky-900',
  info: 'bg-slate-100 text-slate-700',
};

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${STYLES[severity] ?? STYLES.info}`}>{severity}</span>;
}
