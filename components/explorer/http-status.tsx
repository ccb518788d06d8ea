const TONES: [min: number, className: string][] = [
  [500, 'bg-red-100 text-red-800'],
  [400, 'bg-amber-100 text-amber-900'],
  [300, 'bg-sky-100 text-sky-900'],
  [200, 'bg-green-100 text-green-800'],
];

/** An HTTP status code as a coloured chip; 0 means no response was read (failed, or blocked by robots.txt). */
export function HttpStatus({ status }: { status: number }) {
  if (status === 0) return <span className="whitespace-nowrap rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700">Not fetched</span>;
  const tone = TONES.find(([min]) => status >= min)?.[1] ?? 'bg-slate-100 text-slate-700';
  return <span className={`rounded px-1.5 py-0.5 font-mono text-xs font-medium ${tone}`}>{status}</span>;
}
