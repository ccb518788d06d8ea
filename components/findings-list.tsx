import { SeverityBadge } from '@/components/severity-badge';
import { countOf } from '@/lib/checks/labels';
import type { Finding } from '@/lib/checks/types';
import { getCheck } from '@/lib/checks/catalog';
import { categoryLabel } from '@/lib/checks/labels';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const SHOWN_PER_CHECK = 25;
const rank = (s: string) => SEVERITIES.indexOf(s);

function groupBy<T>(items: T[], key: (item: T) => string): [string, T[]][] {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return [...map.entries()];
}

/**
 * Findings grouped by category, then by check (one row per check, however many pages it hit),
 * most severe first; each check explains why it matters and how to fix it.
 */
export function FindingsList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return <p className="text-slate-600">No issues found.</p>;
  const worst = (list: Finding[]) => Math.min(...list.map((f) => rank(f.severity)));
  const categories = groupBy(findings, (f) => f.category).sort((a, b) => worst(a[1]) - worst(b[1]) || b[1].length - a[1].length);
  return (
    <div className="flex flex-col gap-6" data-testid="findings">
      {categories.map(([category, list]) => (
        <section key={category} className="rounded-lg bg-white p-4 shadow-sm">
          <h3 className="mb-3 font-semibold">
            {categoryLabel(category)} <span className="text-sm font-normal text-slate-500">({countOf(list.length, 'finding')})</span>
          </h3>
          <ul className="flex flex-col gap-2">
            {groupBy(list, (f) => f.checkId)
              .sort((a, b) => worst(a[1]) - worst(b[1]) || b[1].length - a[1].length)
              .map(([checkId, hits]) => {
                const check = getCheck(checkId);
                const first = hits[0]!;
                return (
                  <li key={checkId} className="min-w-0 border-b border-slate-100 pb-2 last:border-0">
                    <details>
                      <summary className="flex min-w-0 cursor-pointer items-start gap-2">
                        <SeverityBadge severity={first.severity} />
                        <span className="min-w-0 flex-1">
                          <span className="font-medium">{first.title}</span>
                          {hits.length > 1 && <span className="ml-2 text-sm text-slate-500">{countOf(hits.length, 'occurrence')}</span>}
                          <span className="block break-words text-sm text-slate-600">{first.message}</span>
                          {hits.length === 1 && <span className="block truncate font-mono text-xs text-slate-500" title={first.url}>{first.url}</span>}
                        </span>
                      </summary>
                      <div className="mt-2 flex flex-col gap-2 text-sm sm:ml-16">
                        {check && (
                          <>
                            <p><span className="font-medium">Why it matters: </span>{check.why}</p>
                            <p><span className="font-medium">How to fix: </span>{check.fix}</p>
                          </>
                        )}
                        {hits.length > 1 && (
                          <ul className="flex flex-col gap-1">
                            {hits.slice(0, SHOWN_PER_CHECK).map((f, i) => (
                              <li key={`${f.url}-${i}`}>
                                <span className="block truncate font-mono text-xs text-slate-500" title={f.url}>{f.url}</span>
                                <span className="break-words text-slate-600">{f.message}</span>
                              </li>
                            ))}
                            {hits.length > SHOWN_PER_CHECK && <li className="text-slate-500">…and {countOf(hits.length - SHOWN_PER_CHECK, 'more occurrence')} (see the JSON or the report).</li>}
                          </ul>
                        )}
                        <p className="break-all font-mono text-xs text-slate-500">{checkId}</p>
                      </div>
                    </details>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </div>
  );
}
