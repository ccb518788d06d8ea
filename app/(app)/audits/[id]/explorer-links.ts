// Every explorer view is a URL: these build the links between views and read the parameters
// they share, so a bookmarked or shared link always opens the same view.

export type SearchParams = Record<string, string | string[] | undefined>;
type ParamValue = string | number | null | undefined;

export const TABS = ['overview', 'issues', 'pages'] as const;
export type Tab = (typeof TABS)[number];

/** Affected URLs per page when an issue is opened. */
export const ISSUE_URLS_PAGE_SIZE = 50;

export function firstParam(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

export function readTab(params: SearchParams): Tab {
  const tab = firstParam(params, 'tab');
  return TABS.find((t) => t === tab) ?? 'overview';
}

/** A 1-based page number; anything else (missing, "abc", "-2") reads as the first page. */
export function readPageNumber(value: string | undefined): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

export function withParams(path: string, params: Record<string, ParamValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export function auditHref(auditId: string, params: Record<string, ParamValue> = {}): string {
  return withParams(`/audits/${auditId}`, { ...params, tab: params.tab === 'overview' ? undefined : params.tab });
}

export function issueHref(auditId: string, checkId: string, page = 1): string {
  return auditHref(auditId, { tab: 'issues', check: checkId, p: page > 1 ? page : undefined });
}

/**
 * `from` carries the query string of the view a page detail was opened from (the filtered pages
 * table, an issue's URL list), so its back link returns to exactly that view.
 */
export function pageDetailHref(auditId: string, pageId: string, params: { from?: string; in?: number; out?: number } = {}): string {
  return withParams(`/audits/${auditId}/pages/${encodeURIComponent(pageId)}`, {
    from: params.from,
    in: params.in && params.in > 1 ? params.in : undefined,
    out: params.out && params.out > 1 ? params.out : undefined,
  });
}

/** The query string of an audit view link ("tab=pages&sort=score"), to pass as `from`. */
export function queryOf(href: string): string {
  const at = href.indexOf('?');
  return at === -1 ? '' : href.slice(at + 1);
}

const BACK_KEYS = ['tab', 'check', 'p', 'page', 'pageSize', 'sort', 'order', 'status', 'q', 'hasIssue'];

/** Where a page detail's back link goes: the view in `from`, limited to the explorer's own parameters. */
export function readBackLink(auditId: string, from: string | undefined): { href: string; label: string } {
  const source = new URLSearchParams(from ?? '');
  const kept: Record<string, string> = {};
  for (const key of BACK_KEYS) {
    const value = source.get(key);
    if (value) kept[key] = value;
  }
  const href = auditHref(auditId, kept);
  if (kept.tab === 'issues' && kept.check) return { href, label: 'Back to the issue' };
  if (kept.tab === 'issues') return { href, label: 'Back to issues' };
  return { href: kept.tab ? href : auditHref(auditId, { tab: 'pages' }), label: 'Back to pages' };
}
