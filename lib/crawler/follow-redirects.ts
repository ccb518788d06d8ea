// Redirects are followed one hop at a time (fetchPage with maxRedirects 0) so robots.txt and the
// crawl scope are checked BEFORE each target is requested: letting the fetcher follow them would
// request a disallowed URL whenever a redirect points into a disallowed folder. The hops are then
// stitched back into one FetchResult, so the facts of the first URL still show the whole chain.
import type { FetchOptions, FetchResult, RedirectHop } from '@/lib/fetch/types';

export type FetchPageFn = (url: string, options?: FetchOptions) => Promise<FetchResult>;

/** Verdict on the next hop: fetch it, or stop because robots.txt or the crawl scope forbids it. */
export type HopDecision = 'follow' | 'robots' | 'out-of-scope';

export type FollowRedirectsResult = {
  /** Result for the URL asked for: every hop in `redirects`, the last response's status/body. */
  result: FetchResult;
  /** The last response as a FetchResult of its own (requestedUrl = its URL, no redirects), when the chain ended normally after ≥ 1 hop. */
  final?: FetchResult;
  /** Set when the chain was cut before requesting `url`. */
  stoppedAt?: { url: string; reason: Exclude<HopDecision, 'follow'> };
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Location of a response we asked not to follow, whichever way the fetcher reports it. */
function pendingRedirect(response: FetchResult): string | null {
  if (!REDIRECT_STATUSES.has(response.status)) return null;
  // fetchPage with maxRedirects 0 records the hop and flags "too-many"; a fetcher that simply
  // does not follow leaves the Location header instead.
  if (response.redirects.length === 1 && response.redirectError === 'too-many') return response.redirects[0]!.location;
  if (response.redirects.length === 0 && response.headers.location) return response.headers.location;
  return null;
}

export async function followRedirects(
  url: string,
  options: {
    fetchPage: FetchPageFn;
    fetchOptions?: FetchOptions;
    /** Hops allowed before giving up with redirectError "too-many" (default 10). */
    maxRedirects?: number;
    decide: (url: string) => HopDecision | Promise<HopDecision>;
  },
): Promise<FollowRedirectsResult> {
  const maxRedirects = options.maxRedirects ?? 10;
  const chain: RedirectHop[] = [];
  const seen = new Set<string>([new URL(url).href]);
  let elapsedMs = 0;
  let worstLagMs = 0;
  let current = url;

  const combine = (response: FetchResult, extra: Partial<FetchResult> = {}): FetchResult => ({
    ...response,
    requestedUrl: url,
    redirects: [...chain, ...response.redirects],
    // Like fetchPage's own timings, measured from the first request.
    timings: {
      ttfbMs: elapsedMs + response.timings.ttfbMs,
      totalMs: elapsedMs + response.timings.totalMs,
      loopLagMs: Math.max(worstLagMs, response.timings.loopLagMs ?? 0),
    },
    ...extra,
  });

  for (;;) {
    const response = await options.fetchPage(current, { ...options.fetchOptions, maxRedirects: 0 });
    const location = pendingRedirect(response);
    if (location === null) {
      // Not a redirect, or a fetcher that followed redirects itself: take its chain as is.
      if (chain.length === 0) return { result: response };
      const own: FetchResult = { ...response, requestedUrl: response.requestedUrl || current };
      return { result: combine(response), final: response.redirects.length === 0 ? own : undefined };
    }

    let next: URL;
    try {
      next = new URL(location, current);
      next.hash = '';
    } catch {
      // An unparsable Location: report the 3xx as the final answer.
      return { result: combine(response, { redirectError: undefined }) };
    }
    chain.push({ url: current, status: response.status, location });
    const hopsResponse = { ...response, redirects: [] as RedirectHop[] };
    elapsedMs += response.timings.totalMs;
    worstLagMs = Math.max(worstLagMs, response.timings.loopLagMs ?? 0);

    if (seen.has(next.href)) return { result: combine(hopsResponse, { redirectError: 'loop', timings: { ttfbMs: elapsedMs, totalMs: elapsedMs } }) };
    if (chain.length > maxRedirects) return { result: combine(hopsResponse, { redirectError: 'too-many', timings: { ttfbMs: elapsedMs, totalMs: elapsedMs } }) };

    const decision = await options.decide(next.href);
    if (decision !== 'follow') {
      return {
        result: combine(hopsResponse, { redirectError: undefined, timings: { ttfbMs: elapsedMs, totalMs: elapsedMs } }),
        stoppedAt: { url: next.href, reason: decision },
      };
    }
    seen.add(next.href);
    current = next.href;
  }
}
