import { statusLabel } from '@/lib/checks/labels';

const STYLES: Record<string, string> = {
  QUEUED: 'bg-slate-100 text-slate-700',
  RUNNING: 'bg-blue-100 text-blue-800',
  COMPLETED: 'bg-green-100 text-green-800',
  COMPLETED_WITH_ERRORS: 'bg-amber-100 text-amber-800',
  FAILED: 'bg-red-100 text-red-800',
  CANCELLED: 'bg-slate-200 text-slate-700',
};

/** An audit or report status in words ("Completed with errors"), coloured by how it went. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? STYLES.QUEUED}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}
