import type { PageSort, PagesQuery } from '@/lib/audits/explorer-types';
import { auditHref } from './explorer-links';

// The pages table's view in the URL, under the names parsePagesQuery reads. Values equal to the
// defaults are left out, so links stay short and the bare tab URL is the default view.

export function pagesHref(auditId: string, query: PagesQuery, defaults: PagesQuery, patch: Partial<PagesQuery> = {}): string {
  const next = { ...query, ...patch };
  const differs = <K extends keyof PagesQuery>(key: K) => (next[key] !== defaults[key] ? next[key] : undefined);
  return auditHref(auditId, {
    tab: 'pages',
    status: next.status,
    hasIssue: next.hasIssue,
    q: next.q,
    sort: differs('sort'),
    order: differs('order'),
    pageSize: differs('pageSize'),
    page: next.page > 1 ? next.page : undefined,
  });
}

/** The order a column sorts in when first clicked: the end worth looking at first (worst scores, slowest loads). */
export const FIRST_ORDER: Record<PageSort, 'asc' | 'desc'> = {
  url: 'asc',
  status: 'desc',
  depth: 'asc',
  title: 'asc',
  wordCount: 'asc',
  loadMs: 'desc',
  score: 'asc',
  findings: 'desc',
};

/** A column header's link: the other order when it is the sorted column, else its first order; always from page 1. */
export function sortHref(auditId: string, query: PagesQuery, defaults: PagesQuery, column: PageSort): string {
  const order = query.sort === column ? (query.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[column];
  return pagesHref(auditId, query, defaults, { sort: column, order, page: 1 });
}
