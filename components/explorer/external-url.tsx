/**
 * A URL of the audited site, opened in a new tab. nofollow and noreferrer: the audited site is
 * not ours to vouch for, and need not learn where its visitors come from.
 */
export function ExternalUrl({ url, children, className = '' }: { url: string; children?: React.ReactNode; className?: string }) {
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className={`text-brand-600 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 ${children ? '' : 'break-all font-mono text-xs'} ${className}`}
    >
      {children ?? url}
      <span aria-hidden="true"> ↗</span>
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
