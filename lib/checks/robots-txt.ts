// robots.txt validation with Lighthouse's robots-txt rules (plus Google's 500 KiB limit), as a
// pure function; the site-scope check wraps it.

const SAFE_DIRECTIVES = new Set([
  'user-agent', 'disallow', 'allow', 'sitemap', // standard + universally supported
  'crawl-delay', // Bing, Yandex
  'clean-param', 'host', // Yandex
  'request-rate', 'visit-time', 'noindex', 'content-signal', 'content-usage', 'license', // seen in the wild
]);
const SITEMAP_PROTOCOLS = new Set(['http:', 'https:', 'ftp:']);
/** Google ignores everything after the first 500 KiB of a robots.txt. */
const GOOGLE_MAX_BYTES = 500 * 1024;

export type RobotsTxtError = { line: number; message: string };

/** Returns one entry per invalid line (1-based line numbers); [] for a valid file. */
export function validateRobotsTxt(body: string): RobotsTxtError[] {
  const errors: RobotsTxtError[] = [];
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  let inGroup = false;
  let bytes = 0;
  let sizeReported = false;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    bytes += Buffer.byteLength(rawLine) + 1;
    if (!sizeReported && bytes > GOOGLE_MAX_BYTES) {
      sizeReported = true;
      errors.push({ line, message: 'File exceeds 500 KiB; Google ignores this line and everything after it' });
    }
    const hash = rawLine.indexOf('#');
    const content = (hash === -1 ? rawLine : rawLine.slice(0, hash)).trim();
    if (content === '') return;
    const colon = content.indexOf(':');
    if (colon === -1) {
      errors.push({ line, message: `Syntax not understood (no ":"): "${content.slice(0, 60)}"` });
      return;
    }
    const directive = content.slice(0, colon).trim().toLowerCase();
    const value = content.slice(colon + 1).trim();
    const problem = findDirectiveProblem(directive, value);
    if (problem) {
      errors.push({ line, message: problem });
      return;
    }
    if (directive === 'user-agent') inGroup = true;
    else if ((directive === 'allow' || directive === 'disallow') && !inGroup) {
      errors.push({ line, message: `"${content.slice(0, colon)}" appears before any User-agent line` });
    }
  });
  return errors;
}

function findDirectiveProblem(directive: string, value: string): string | null {
  if (!SAFE_DIRECTIVES.has(directive)) return `Unknown directive "${directive}"`;
  if (directive === 'sitemap') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return `Invalid sitemap URL "${value}" (must be absolute)`;
    }
    if (!SITEMAP_PROTOCOLS.has(url.protocol)) return `Invalid sitemap URL protocol "${url.protocol}"`;
  }
  if (directive === 'user-agent' && value === '') return 'No user-agent specified';
  if (directive === 'allow' || directive === 'disallow') {
    if (value !== '' && value[0] !== '/' && value[0] !== '*') {
      return `Pattern "${value}" should be empty or start with "/" or "*"`;
    }
    const dollar = value.indexOf('$');
    if (dollar !== -1 && dollar !== value.length - 1) return `"$" may only end a pattern ("${value}")`;
  }
  if (directive === 'crawl-delay' && !/^\d+(?:\.\d+)?$/.test(value)) return `Crawl-delay "${value}" is not a number`;
  return null;
}
