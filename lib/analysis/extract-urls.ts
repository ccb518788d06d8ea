// URL helpers every extractor shares: resolve like a browser would, and name the site a URL is on.

/** href (against base, when given) as a browser's URL parser reads it; null when it rejects it. */
export function parseUrl(href: string, base?: string): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/** Absolute URL of href against base; null when the URL parser rejects it. */
export function resolveUrl(href: string, base: string): string | null {
  return parseUrl(href, base)?.href ?? null;
}

/**
 * The site a URL belongs to: its host without a leading "www." (www and apex are one site to
 * users); null when the URL doesn't parse.
 */
export function siteOf(url: string | URL): string | null {
  const parsed = typeof url === 'string' ? parseUrl(url) : url;
  return parsed ? parsed.hostname.replace(/^www\./, '') : null;
}
