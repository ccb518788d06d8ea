// URLs shown in our views come from crawled sites. Only an absolute http(s) URL may become a link's
// href: "javascript:", "data:", "vbscript:" and anything unparseable are shown as text instead. The
// crawler stores only http(s) URLs today; this keeps a view safe if another scheme ever gets in.

/** The URL itself when it is an absolute http: or https: URL, else null (render it as text). */
export function webHref(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
}
