// Every link of a shared view stays under /share/<token>: nothing links to the owner's own pages.

type ParamValue = string | number | null | undefined;
export type SearchParams = Record<string, string | string[] | undefined>;

export const SHARE_TABS = ['overview', 'issues', 'pages'] as const;
export type ShareTab = (typeof SHARE_TABS)[number];

export function firstParam(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

export function readShareTab(params: SearchParams): ShareTab {
  const tab = firstParam(params, 'tab');
  return SHARE_TABS.find((t) => t === tab) ?? 'overview';
}

export function readPage(value: string | undefined): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

export function shareHref(token: string, params: Record<string, ParamValue> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && !(key === 'tab' && value === 'overview')) search.set(key, String(value));
  }
  const query = search.toString();
  return `/share/${encodeURIComponent(token)}${query ? `?${query}` : ''}`;
}

export function shareIssueHref(token: string, checkId: string, page = 1): string {
  return shareHref(token, { tab: 'issues', check: checkId, p: page > 1 ? page : undefined });
}

export function shareReportHref(token: string, reportId: string): string {
  return `/share/${encodeURIComponent(token)}/reports/${encodeURIComponent(reportId)}`;
}
