// The site-wide files a crawl never reaches through links but the checks need: /llms.txt (AI
// agents' site summary) and /favicon.ico (the icon browsers and Google fall back to). Fetched once
// per audit like robots.txt: same fetcher (SSRF guard, our User-Agent), robots.txt obeyed, small caps.
import type { FetchPageFn } from '@/lib/crawler/follow-redirects';
import type { RobotsRules } from '@/lib/crawler/robots';
import type { FetchOptions } from '@/lib/fetch/types';

/** Bytes read of each file: llms.txt is a short summary, and of the icon only the status matters. */
export const SITE_FILE_MAX_BYTES = 64 * 1024;
/** Characters of llms.txt kept for the checks. */
const LLMS_BODY_MAX_CHARS = 16 * 1024;

export type SiteFile = {
  url: string;
  /** Final status after redirects; 0 when the request failed or was not made. */
  status: number;
  contentType?: string;
  /** Body, cut at LLMS_BODY_MAX_CHARS (llms.txt only, and only for a 2xx). */
  body?: string;
  /** robots.txt disallows it: not requested. */
  blockedByRobots?: boolean;
  /** Why there is no response (network failure). */
  error?: string;
};

export type SiteFiles = { llmsTxt: SiteFile; favicon: SiteFile };

export type ReadSiteFilesInput = {
  /** Any URL of the site: the files are read from its origin. */
  startUrl: string;
  fetchPage: FetchPageFn;
  /** The crawl's fetch options (user agent, timeouts, private-host allow-list). */
  fetchOptions: FetchOptions;
  /** Extra headers per URL (a login-protected site's cookies), as for every other request. */
  headersFor?: (url: string) => Record<string, string> | undefined;
  /** The origin's robots.txt rules; a disallowed file is not requested. */
  robots?: Pick<RobotsRules, 'isAllowed'>;
  /** Deadline per file (connect to last byte), so a slow icon never holds up the crawl for long. */
  timeoutMs?: number;
  signal?: AbortSignal;
};

async function readOne(url: string, input: ReadSiteFilesInput, keepBody: boolean): Promise<SiteFile> {
  if (input.robots && !input.robots.isAllowed(url)) return { url, status: 0, blockedByRobots: true };
  try {
    const headers = input.headersFor?.(url);
    const deadline = input.timeoutMs !== undefined ? AbortSignal.timeout(input.timeoutMs) : undefined;
    const signal = deadline && input.signal ? AbortSignal.any([input.signal, deadline]) : (deadline ?? input.signal);
    const response = await input.fetchPage(url, {
      ...input.fetchOptions,
      maxBodyBytes: SITE_FILE_MAX_BYTES,
      maxRedirects: 5,
      signal,
      ...(headers ? { headers: { ...input.fetchOptions.headers, ...headers } } : {}),
    });
    const ok = response.status >= 200 && response.status < 300;
    return {
      url,
      status: response.status,
      contentType: response.contentType,
      ...(keepBody && ok ? { body: response.body.slice(0, LLMS_BODY_MAX_CHARS) } : {}),
    };
  } catch (error) {
    if (input.signal?.aborted) throw error;
    return { url, status: 0, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Read /llms.txt and /favicon.ico of the start URL's origin (both at once). Rejects only when aborted. */
export async function readSiteFiles(input: ReadSiteFilesInput): Promise<SiteFiles> {
  const origin = new URL(input.startUrl).origin;
  const [llmsTxt, favicon] = await Promise.all([readOne(`${origin}/llms.txt`, input, true), readOne(`${origin}/favicon.ico`, input, false)]);
  return { llmsTxt, favicon };
}
