import Link from 'next/link';
import { ExternalUrl } from '@/components/explorer/external-url';
import { HttpStatus } from '@/components/explorer/http-status';
import { Pagination } from '@/components/explorer/pagination';
import type { PageLink, Paged } from '@/lib/audits/explorer-types';
import { pageDetailHref } from '../../explorer-links';

/** Links to or from a page, a page at a time; a crawled target opens its own detail, keeping the way back. */
export function PageLinks({ title, description, links, auditId, from, pageHref, testId }: {
  title: string;
  description: string;
  links: Paged<PageLink>;
  auditId: string;
  from: string | undefined;
  pageHref: (page: number) => string;
  testId: string;
}) {
  const headingId = `${testId}-heading`;
  return (
    <section className="flex flex-col gap-3" aria-labelledby={headingId} data-testid={testId}>
      <div>
        <h2 id={headingId} className="text-lg font-semibold">{title} ({links.total.toLocaleString('en')})</h2>
        <p className="text-sm text-slate-500">{description}</p>
      </div>
      {links.total === 0 ? (
        <p className="rounded-lg bg-white p-4 text-sm text-slate-600 shadow-sm">None.</p>
      ) : (
        <>
          <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="sr-only">{title}</caption>
              <thead className="border-b border-slate-200 text-slate-500">
                <tr><th scope="col" className="p-2">URL</th><th scope="col" className="p-2">Link text</th><th scope="col" className="p-2">Status</th></tr>
              </thead>
              <tbody>
                {links.items.map((link, i) => (
                  <tr key={`${link.url}-${i}`} className="border-b border-slate-100 align-top last:border-0">
                    <td className="w-1/2 p-2">
                      {link.pageId ? (
                        <Link href={pageDetailHref(auditId, link.pageId, { from })} className="break-all font-mono text-xs text-brand-600 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
                          {link.url}
                        </Link>
                      ) : (
                        <ExternalUrl url={link.url} />
                      )}
                    </td>
                    <td className="p-2 wrap-anywhere">{link.text || <span className="text-slate-400">(no text)</span>}</td>
                    <td className="p-2">{link.status === null ? <span className="text-xs text-slate-500">Not crawled</span> : <HttpStatus status={link.status} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {links.total > links.pageSize && <Pagination page={links.page} pageSize={links.pageSize} total={links.total} href={pageHref} noun="link" label={`Pagination of the ${title.toLowerCase()}`} />}
        </>
      )}
    </section>
  );
}
