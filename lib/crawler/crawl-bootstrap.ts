// The crawl's first steps, before any page: the start URL's robots.txt (which also tells whether
// the site answers at all) and its sitemaps.
import type { CrawlSettings } from '@/lib/crawler/crawl-options';
import { describeError } from '@/lib/crawler/crawl-response';
import { getUnansweredFailure } from '@/lib/crawler/crawl-robots';
import type { CrawlRun } from '@/lib/crawler/crawl-run';
import { readSiteFiles, type SiteFiles } from '@/lib/crawler/crawl-site-files';
import type { CrawlDeps, CrawlOutcome } from '@/lib/crawler/crawl-types';
import { createBytesFetcher, loadSitemaps, type SitemapLoadResult } from '@/lib/crawler/sitemaps';
import { DEFAULT_USER_AGENT } from '@/lib/fetch/fetch-page';
import { resolveAllowedAddresses } from '@/lib/fetch/ssrf-guard';

export type ReadSitemapsFn = NonNullable<CrawlDeps['loadSitemaps']>;

/** loadSitemaps with a byte fetcher guarded like fetchPage. */
export function createSitemapReader(settings: Pick<CrawlSettings, 'userAgent' | 'allowedPrivateHosts'>, headersFor?: CrawlDeps['headersFor']): ReadSitemapsFn {
  return (input) =>
    loadSitemaps({
      ...input,
      fetchBytes: createBytesFetcher({
        userAgent: settings.userAgent ?? DEFAULT_USER_AGENT,
        guard: (url) => resolveAllowedAddresses(url, settings.allowedPrivateHosts),
        headersFor,
      }),
    });
}

export type SiteRobots = {
  robotsTxt: CrawlOutcome['robotsTxt'];
  /** Set when the site did not answer its robots.txt at all. */
  unreachable?: NonNullable<CrawlOutcome['unreachable']>;
  /** Unreadable (5xx/429) robots.txt: nothing on the site may be fetched, guessed sitemaps neither. */
  disallowsAll: boolean;
  /** /llms.txt and /favicon.ico (settings.readSiteFiles), when the site answered and robots.txt lets us read anything. */
  siteFiles?: SiteFiles;
};

export async function readSiteRobots(
  run: Pick<CrawlRun, 'settings' | 'robots'> & Partial<Pick<CrawlRun, 'deps' | 'fetchOptions' | 'signal'>>,
  startUrl: string,
): Promise<SiteRobots> {
  const site: SiteRobots = { robotsTxt: null, disallowsAll: false };
  try {
    const rules = await run.robots.load(startUrl);
    const failure = getUnansweredFailure(rules);
    // A site that does not answer at all has no robots.txt to report on, no sitemaps to read and no
    // page worth trying: stop here with the cause instead of reporting every URL as disallowed.
    if (failure) site.unreachable = { url: rules.url, ...failure };
    else site.robotsTxt = { url: rules.url, status: rules.status, body: rules.body, ...(rules.contentType !== undefined ? { contentType: rules.contentType } : {}) };
    site.disallowsAll = run.settings.respectRobots && rules.outcome === 'disallow-all';
    if (!failure && !site.disallowsAll && run.settings.readSiteFiles && run.deps && run.fetchOptions) {
      site.siteFiles = await readSiteFiles({
        startUrl,
        // run.deps.fetchPage already adds the site's own headers (crawl-site's withHeaders).
        fetchPage: run.deps.fetchPage,
        fetchOptions: run.fetchOptions,
        robots: run.settings.respectRobots ? rules : undefined,
        timeoutMs: run.settings.siteAnswerTimeoutMs,
        signal: run.signal,
      });
    }
  } catch {
    // Only an abort gets here; the crawl loop notices it.
  }
  return site;
}

export type SiteSitemaps = { sitemaps: SitemapLoadResult | null; sitemapError?: string };

/**
 * Queue the site's sitemap URLs. A resumed crawl takes the saved list instead of reading the
 * sitemaps again; a sitemap failure is reported and the crawl goes on with links alone.
 */
export async function readSiteSitemaps(
  run: Pick<CrawlRun, 'settings' | 'deps' | 'signal' | 'frontier' | 'robots'>,
  input: { startUrl: string; resumedSitemapUrls?: string[]; disallowsAll: boolean; readSitemaps: ReadSitemapsFn },
): Promise<SiteSitemaps> {
  if (input.resumedSitemapUrls) {
    // Re-queue the ones not done yet, in case the caller persisted only link discoveries.
    run.frontier.addSitemapUrls(input.resumedSitemapUrls);
    return { sitemaps: null };
  }
  if (input.disallowsAll) return { sitemaps: null };
  let sitemaps: SitemapLoadResult | null = null;
  try {
    sitemaps = await input.readSitemaps({
      startUrl: input.startUrl,
      robotsSitemaps: run.robots.cached(input.startUrl)?.sitemaps() ?? [],
      sitemapUrls: run.settings.sitemapUrls,
      maxUrls: run.settings.maxSitemapUrls,
      signal: run.signal,
    });
    run.frontier.addSitemapUrls(sitemaps.urls);
    await run.deps.onSitemaps?.(sitemaps);
    return { sitemaps };
  } catch (error) {
    // Also when onSitemaps threw: the sitemaps were read and queued all the same.
    return { sitemaps, ...(run.signal.aborted ? {} : { sitemapError: describeError(error).message }) };
  }
}
