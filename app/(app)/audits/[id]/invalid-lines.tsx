import { describeInvalidLines, readBulkOptions } from '@/lib/audits/audit-input';
import { countOf } from '@/lib/checks/labels';
import type { AuditRecord } from './audit-access';

/** The lines of a bulk input that were not URLs, each with its number and reason. */
export function InvalidLines({ audit }: { audit: AuditRecord }) {
  const skipped = audit.kind === 'BULK' ? readBulkOptions(audit.options)?.skipped : undefined;
  if (!skipped || skipped.invalidTotal === 0) return null;
  return (
    <details className="rounded-lg bg-white p-4 text-sm shadow-sm" open={skipped.invalidTotal <= 10} data-testid="invalid-lines">
      <summary className="cursor-pointer font-medium">Skipped {countOf(skipped.invalidTotal, 'invalid line')}</summary>
      <ul className="mt-2 list-disc pl-5 text-amber-800">
        {describeInvalidLines(skipped.invalid, 100, skipped.invalidTotal).map((line, i) => <li key={i} className="break-all">{line}</li>)}
      </ul>
    </details>
  );
}
