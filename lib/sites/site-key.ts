// A site is its normalised origin plus the path the crawl starts from, so "HTTPS://Example.com:443/"
// and "https://example.com/?utm=x" are one site and its audits form one history.
// The migration 20261201121000_sites_comparisons backfills with the same rules in SQL.

export type SiteKey = { origin: string; startPath: string };

/** Origin lower-cased with the default port dropped (URL does both); the path without query or hash. */
export function siteKeyOf(url: string): SiteKey {
  const parsed = new URL(url);
  return { origin: parsed.origin, startPath: parsed.pathname || '/' };
}

/** "example.com" or "example.com/blog/" — how a site is named when the user gave it no name. */
export function siteLabel(site: SiteKey & { name?: string | null }): string {
  if (site.name) return site.name;
  const host = site.origin.replace(/^https?:\/\//, '');
  return site.startPath === '/' ? host : `${host}${site.startPath}`;
}
