import type { PageDetail } from '@/lib/audits/explorer-types';

/** Everything stored about the page, in the groups the query gives ("Head", "Content", "Links", …). */
export function PageFacts({ facts }: { facts: PageDetail['facts'] }) {
  if (facts.length === 0) return null;
  return (
    <section className="flex flex-col gap-3" aria-labelledby="facts-heading" data-testid="page-facts">
      <h2 id="facts-heading" className="text-lg font-semibold">What was read</h2>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {facts.map((group) => (
          <section key={group.group} className="min-w-0 rounded-lg bg-white p-4 shadow-sm" aria-label={group.group}>
            <h3 className="mb-2 font-medium">{group.group}</h3>
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[minmax(8rem,auto)_1fr]">
              {group.items.map((item, i) => (
                <div key={`${item.label}-${i}`} className="contents">
                  <dt className="text-slate-500">{item.label}</dt>
                  <dd className="mb-1 min-w-0 whitespace-pre-line wrap-anywhere sm:mb-0">{item.value || <span className="text-slate-400">—</span>}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </section>
  );
}
