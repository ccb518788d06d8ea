import type { RenderDifference } from '@/lib/audits/explorer-types';

/** What JavaScript changed between the HTML the server sent and the DOM a browser built, in what search engines read. */
export function RenderDifferences({ differences }: { differences: RenderDifference[] }) {
  return (
    <section className="flex flex-col gap-3" aria-labelledby="render-heading" data-testid="render-differences">
      <h2 id="render-heading" className="text-lg font-semibold">Raw HTML and rendered page</h2>
      {differences.length === 0 ? (
        <p className="rounded-lg bg-white p-4 text-sm text-slate-600 shadow-sm">This page was rendered in a browser: nothing search engines read differs from the raw HTML.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Differences between the raw HTML and the rendered page</caption>
            <thead className="border-b border-slate-200 text-slate-500">
              <tr><th scope="col" className="p-2">What</th><th scope="col" className="p-2">Raw HTML</th><th scope="col" className="p-2">Rendered</th></tr>
            </thead>
            <tbody>
              {differences.map((d, i) => (
                <tr key={`${d.field}-${i}`} className="border-b border-slate-100 align-top last:border-0">
                  <th scope="row" className="p-2 font-medium">{d.field}</th>
                  <td className="p-2 wrap-anywhere">{d.raw || <span className="text-slate-400">(none)</span>}</td>
                  <td className="p-2 wrap-anywhere">{d.rendered || <span className="text-slate-400">(none)</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
