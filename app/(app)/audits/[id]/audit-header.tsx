import { StatusBadge } from '@/components/status-badge';
import { ScoreCircle } from '@/components/explorer/score-circle';
import { readBulkOptions } from '@/lib/audits/audit-input';
import { countOf } from '@/lib/checks/labels';
import { isTerminal } from '@/lib/progress/events';
import type { AuditRecord } from './audit-access';
import { ActionButton } from './action-button';
import { cancelAuditAction, rerunAuditAction } from './actions';

const KIND_LABELS: Record<AuditRecord['kind'], string> = {
  SINGLE: 'Page analysis',
  PROFESSIONAL: 'Site audit',
  BULK: 'Bulk analysis',
  COMPARISON: 'Comparison',
};

/** Score, URL and status of an audit, with what went wrong and what the input left out. */
export function AuditHeader({ audit, schemeUsed }: { audit: AuditRecord; schemeUsed: 'http' | 'https' | null }) {
  const terminal = isTerminal(audit.status);
  // What the bulk input left out, stored with the audit (older bulk audits have no such record).
  const bulk = audit.kind === 'BULK' ? readBulkOptions(audit.options) : null;
  const skipped = bulk?.skipped;
  return (
    <header className="flex flex-wrap items-center gap-x-6 gap-y-3">
      <ScoreCircle score={audit.score} />
      <div className="flex min-w-0 flex-1 basis-64 flex-col gap-1">
        <p className="text-sm text-slate-500">{KIND_LABELS[audit.kind]} · <StatusBadge status={audit.status} /></p>
        <h1 className="break-all text-xl font-bold sm:truncate sm:break-normal" title={audit.url}>{audit.url}</h1>
        {audit.error && <p className="whitespace-pre-line text-sm text-amber-700" data-testid="audit-error">{audit.error}</p>}
        {schemeUsed && (
          <p className="text-sm text-slate-600" data-testid="scheme-note">
            {schemeUsed === 'http' ? 'No scheme given: https:// did not answer, so http:// was used.' : 'No scheme given: https:// was used.'}
          </p>
        )}
        {skipped && (
          <p className="text-sm text-slate-600" data-testid="bulk-input-summary">
            {countOf(bulk?.urls.length ?? 0, 'URL')} queued · {countOf(skipped.invalidTotal, 'invalid line')} skipped · {countOf(skipped.duplicates, 'duplicate')} removed
          </p>
        )}
      </div>
      {!terminal && <ActionButton run={cancelAuditAction.bind(null, audit.id)} label="Cancel audit" pendingLabel="Cancelling…" />}
      {terminal && audit.kind === 'PROFESSIONAL' && <ActionButton run={rerunAuditAction.bind(null, audit.id)} label="Run again with these settings" pendingLabel="Starting…" />}
      {terminal && audit.kind !== 'SINGLE' && (
        <a href={`/api/audits/${audit.id}`} className="text-sm text-brand-600 underline focus-visible:outline-2 focus-visible:outline-brand-500">JSON</a>
      )}
    </header>
  );
}
