import { redirect } from 'next/navigation';
import { EmptyState } from '@/components/explorer/empty-state';
import { Pagination } from '@/components/explorer/pagination';
import { listAuditPages, listIssues, parsePagesQuery } from '@/lib/audits/explorer-queries';
import type { PagesQuery } from '@/lib/audits/explorer-types';
import { AppError } from '@/lib/errors';
import type { AuditRecord } from './audit-access';
import { auditHref, type SearchParams } from './explorer-links';
import { PagesFilters } from './pages-filters';
import { pagesHref } from './pages-links';
import { PagesTable } from './pages-table';

/** A hand-edited URL with an unknown sort or status says so, with the way back, instead of failing the page. */
function readQuery(query: SearchParams): PagesQuery | { error: string } {
  try {
    return parsePagesQuery(query);
  } catch (err) {
    if (err instanceof AppError && err.code === 'BAD_REQUEST') return { error: err.message };
    throw err;
  }
}

/** Every crawled page in a sortable, filterable, paginated table, all of it in the URL. */
export async function PagesTab({ audit, query }: { audit: AuditRecord; query: SearchParams }) {
  const pagesQuery = readQuery(query);
  if ('error' in pagesQuery) {
    return (
      <section data-testid="pages">
        <EmptyState title="These filters could not be read" action={{ href: auditHref(audit.id, { tab: 'pages' }), label: 'Show all pages' }}>
          {pagesQuery.error}
        </EmptyState>
      </section>
    );
  }
  const defaults = parsePagesQuery({});
  const [result, issues] = await Promise.all([listAuditPages(audit.id, pagesQuery), listIssues(audit.id)]);
  const lastPage = Math.max(1, Math.ceil(result.total / pagesQuery.pageSize));
  if (pagesQuery.page > lastPage) redirect(pagesHref(audit.id, pagesQuery, defaults, { page: lastPage }));
  const filtered = Boolean(pagesQuery.status || pagesQuery.hasIssue || pagesQuery.q);
  const pageHref = (page: number) => pagesHref(audit.id, pagesQuery, defaults, { page });

  return (
    <section className="flex flex-col gap-4" data-testid="pages" aria-label="Pages">
      <PagesFilters auditId={audit.id} query={pagesQuery} defaults={defaults} issues={issues} />
      {result.total === 0 ? (
        filtered ? (
          <EmptyState title="No pages match these filters" action={{ href: auditHref(audit.id, { tab: 'pages' }), label: 'Reset filters' }} />
        ) : (
          <EmptyState title="No pages crawled yet">Pages appear here as soon as they are crawled.</EmptyState>
        )
      ) : (
        <>
          <Pagination page={pagesQuery.page} pageSize={pagesQuery.pageSize} total={result.total} href={pageHref} noun="page" label="Pagination of the pages table" />
          <PagesTable auditId={audit.id} rows={result.items} query={pagesQuery} defaults={defaults} />
          {result.total > pagesQuery.pageSize && (
            <Pagination page={pagesQuery.page} pageSize={pagesQuery.pageSize} total={result.total} href={pageHref} noun="page" label="Pagination of the pages table, bottom" />
          )}
        </>
      )}
    </section>
  );
}
