import { webHref } from '@/lib/http/web-href';

/**
 * A URL of the audited site, opened in a new tab. nofollow and noreferrer: the audited site is
 * not ours to vouch for, and need not learn where its visitors come from. The URL comes from a
 * crawled site: anything but http(s) (a javascript: URL, say) is shown as text, never linked.
 */
export function ExternalUrl({ url, children, className = '' }: { url: string; children?: React.ReactNode; className?: string }) {
  const href = webHref(url);
  if (href === null) return <span className={`${children ? '' : 'break-all font-mono text-xs'} ${className}`}>{children ?? url}</span>;
  return (
    <a
      href={href}
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
