/** The comparison's status and each site's, as one string: a change in any means a new render. */
export function statusSignature(view: { status: string; sites: { status: string }[] }): string {
  return [view.status, ...view.sites.map((s) => s.status)].join(',');
}
