// Shared gates and message helpers for page-scope checks. Gates exist to avoid false positives:
// a 404 doesn't need a meta description and a PDF has no <title>.
import type { PageFacts } from '@/lib/crawler/page-facts';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';

/** HTML document with a 2xx status: content checks apply. */
export function isAnalyzable(page: PageFacts): boolean {
  return page.isHtml && page.status >= 200 && page.status < 300;
}

/** Analyzable and not noindex: search-appearance checks (title length, description…) apply. */
export function isIndexable(page: PageFacts): boolean {
  return isAnalyzable(page) && !page.robots.noindex;
}

/** '"a", "b", "c" and 4 more' — items quoted, capped for readability. */
export function formatList(items: readonly string[], max: number = PAGE_THRESHOLDS.maxItemsInMessage): string {
  const shown = items.slice(0, max).map((i) => `"${i.length > 100 ? `${i.slice(0, 99)}…` : i}"`);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

export function capDetails<T>(items: readonly T[]): T[] {
  return items.slice(0, PAGE_THRESHOLDS.maxDetailItems);
}

export function parseUrl(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Compares URLs ignoring the fragment and a trailing slash on the path root. */
export function sameUrl(a: string, b: string): boolean {
  const ua = parseUrl(a);
  const ub = parseUrl(b);
  if (!ua || !ub) return a === b;
  ua.hash = '';
  ub.hash = '';
  return ua.href === ub.href;
}

/** Header value by lower-case name (fetchers lower-case names; be defensive anyway). */
export function getHeader(page: PageFacts, name: string): string | null {
  const direct = page.headers[name];
  if (direct !== undefined) return direct;
  const key = Object.keys(page.headers).find((k) => k.toLowerCase() === name);
  return key !== undefined ? (page.headers[key] ?? null) : null;
}

/** Short label for an image in messages: its src (or "inline data: image"). */
export function describeImage(src: string | null): string {
  if (!src) return '(no src)';
  if (src.startsWith('data:')) return `inline ${src.slice(0, 20)}…`;
  return src;
}

/** Visible text minus code samples (falls back to all text for hand-built facts). */
export function proseOf(page: PageFacts): string {
  return page.proseText ?? page.text;
}
