import type { Redis } from 'ioredis';
import type { PageFacts } from '@/lib/crawler/page-facts';
import { analyzeDocument } from '@/lib/audits/analysis-pool';
import type { PageAnalysis } from '@/lib/audits/analyze-page-facts';
import { scoreAuditTallies } from '@/lib/audits/score-audit';
import { countScoredPages, readCheckTallies } from '@/lib/audits/explorer-queries';
import { linkTargets, summarizePageFacts } from '@/lib/audits/page-detail-facts';
import { type CrawlPageFacts, readAuditSettings, readAuditState, readCrawlPageFacts } from '@/lib/audits/audit-json';
import { finishAudit, getAuditStatus, markAuditRunning, mergeAuditState } from '@/lib/audits/audit-lifecycle';
import { getAudit, readGraphPages } from '@/lib/audits/audit-queries';
import { countFindingsBySeverity } from '@/lib/audits/audit-snapshot';
import { BLOCKED_BY_ROBOTS_PREFIX, createPageResultWriter, saveSiteFindings } from '@/lib/audits/save-page-result';
import { computeScore } from '@/lib/checks/score';
import { REDIRECT_CHECK_IDS, REDIRECT_CHECKS_REPEATED_BY_SITE_CHECKS } from '@/lib/checks/http';
import { runSiteChecks } from '@/lib/checks/run-site-checks';
import type { Finding, SiteGraph } from '@/lib/checks/types';
import { assetUrlsOf, buildSiteGraph, imageUrlsOf, toSitemapFiles, type GraphFacts, type GraphPageInput } from '@/lib/checks/build-site-graph';
import { selectProbeTargets } from '@/lib/checks/site-resources';
import { landingPage } from '@/lib/checks/site-graph-query';
import { DEFAULT_SITE_ANSWER_TIMEOUT_MS } from '@/lib/crawler/crawl-options';
import { createSiteRobotsCache } from '@/lib/crawler/crawl-robots';
import { probeResources, probeSettingsSchema, type ProbeSettings, type ResourceProbe } from '@/lib/crawler/probe-resources';
import { fetchRobots, ROBOTS_PRODUCT_TOKEN, type RobotsCache } from '@/lib/crawler/robots';
import { crawlSite } from '@/lib/crawler/crawl-site';
import type { CrawlOutcome, CrawlPageResult, CrawlState, FrontierEntry } from '@/lib/crawler/crawl-types';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { describeFetchFailure, describeSiteFailure } from '@/lib/fetch/fetch-error';
import { fetchPage } from '@/lib/fetch/fetch-page';
import { type AlpnProbe, probeAlpn } from '@/lib/fetch/probe-alpn';
import { looksClientRendered } from '@/lib/fetch/looks-client-rendered';
import { logger } from '@/lib/logger';
import { createAuditReporter } from '@/lib/audits/audit-reporter';
import { type CrawlSecrets, decryptSecrets, hasSecrets, secretHeaders } from '@/lib/audits/crawl-secrets';
import { isInScope, normalizeUrl } from '@/lib/crawler/normalize-url';
import { userAgentFor } from '@/lib/crawler/user-agents';
import type { RenderOptions } from '@/lib/fetch/render-pool';
import type { RenderResult } from '@/lib/fetch/types';
import { notifyAuditFinished } from '@/lib/notifications/notify-audit-finished';

const CANCEL_POLL_MS = 1_000;

function graphFacts(f: PageFacts): GraphFacts {
  const assets = assetUrlsOf(f);
  return {
    title: f.title,
    metaDescription: f.metaDescription,
    h1s: f.h1s,
    textHash: f.textHash,
    textMinhash: f.textMinhash,
    wordCount: f.wordCount,
    canonicals: f.canonicals,
    canonicalFromHeader: f.canonicalFromHeader,
    robots: f.robots,
    hreflang: f.hreflang,
    links: f.links,
    siteSignals: f.siteSignals,
    imageUrls: imageUrlsOf(f),
    stylesheetUrls: assets.stylesheetUrls,
    scriptUrls: assets.scriptUrls,
    htmlBytes: f.htmlBytes,
  };
}

/**
 * The status, size and caching headers of a capped sample of what the crawl never fetches (links to
 * other sites, images, stylesheets, scripts), probed politely after the crawl so the site checks can report them (site-resources).
 */
async function probeSiteResources(graph: SiteGraph, input: { userAgent: string; respectRobots: boolean; settings?: Partial<ProbeSettings>; signal: AbortSignal }): Promise<ResourceProbe[]> {
  const settings = probeSettingsSchema.parse(input.settings ?? {});
  const fetchOptions = { userAgent: input.userAgent, allowedPrivateHosts: env.ALLOWED_PRIVATE_HOSTS };
  const robotsSettings = { robotsToken: ROBOTS_PRODUCT_TOKEN, siteAnswerTimeoutMs: DEFAULT_SITE_ANSWER_TIMEOUT_MS };
  return probeResources({
    targets: selectProbeTargets(graph, settings),
    fetchPage,
    fetchOptions,
    robots: input.respectRobots ? await withCrawlRobots(createSiteRobotsCache(robotsSettings, fetchOptions, fetchPage), graph.robotsTxt) : undefined,
    settings,
    signal: input.signal,
  });
}

/**
 * The site's own stylesheets and scripts are probed on the crawled host: read its robots.txt from
 * the crawl's copy rather than asking the host again (other hosts go through `live`).
 */
async function withCrawlRobots(live: RobotsCache, robotsTxt: SiteGraph['robotsTxt']): Promise<RobotsCache> {
  if (!robotsTxt || robotsTxt.status === 0) return live;
  const known = robotsTxt;
  const origin = new URL(known.url).origin;
  const rules = await fetchRobots(known.url, async () => ({ status: known.status, body: known.body ?? '', contentType: known.contentType }), { userAgent: ROBOTS_PRODUCT_TOKEN });
  return {
    get: (url, signal) => (new URL(url).origin === origin ? Promise.resolve(rules) : live.get(url, signal)),
    peek: (url) => (new URL(url).origin === origin ? rules : live.peek(url)),
    clear: () => live.clear(),
  };
}

/** The HTTP version the site's https origin offers (one ALPN handshake, no request); null for an http-only site. */
function probeSiteAlpn(graph: SiteGraph, signal: AbortSignal): Promise<AlpnProbe | null> {
  const landing = landingPage(graph)?.url;
  const url = landing?.startsWith('https:') ? landing : graph.startUrl;
  return probeAlpn(url, { allowedPrivateHosts: env.ALLOWED_PRIVATE_HOSTS, signal });
}

// Counted apart from failures (see failedPages): keep the prefix.
const BLOCKED_BY_ROBOTS = `${BLOCKED_BY_ROBOTS_PREFIX} the site asks crawlers not to fetch this URL, so it was not requested.`;

/** One cause per page, in plain words (the technical detail on the line below). */
function pageError(r: CrawlPageResult): string | null {
  if (r.blockedByRobots) return robotsUnreadable(r.robotsStatus) ? `${BLOCKED_BY_ROBOTS_PREFIX} ${unreadableRobots(r.robotsStatus!)}, so this URL was not requested.` : BLOCKED_BY_ROBOTS;
  if (r.fetchError) return describeFetchFailure(r.fetchError, r.url).text;
  if (r.analysisError) return `Analysis failed: ${r.analysisError}`;
  if (r.response && r.response.status >= 500) return `Server error ${r.response.status}.`;
  return null;
}

/** robots.txt answered, but with an error that RFC 9309 §2.3.1.4 reads as "disallow everything". */
function robotsUnreadable(status: number | undefined): boolean {
  return status !== undefined && (status === 429 || status >= 500);
}

function unreadableRobots(status: number): string {
  return `robots.txt returns ${status}, and crawlers must then treat the whole site as disallowed`;
}

/**
 * A redirecting URL's facts describe the page it lands on, which is analysed under its own URL:
 * only the findings about its own redirects are its own, less those the site checks report for it.
 */
function ownFindings(r: CrawlPageResult, findings: Finding[]): Finding[] {
  if (!r.redirectTo) return findings;
  return findings
    .filter((f) => REDIRECT_CHECK_IDS.has(f.checkId) && !REDIRECT_CHECKS_REPEATED_BY_SITE_CHECKS.has(f.checkId))
    .map((f) => ({ ...f, url: r.url }));
}

/** Why not a single page could be crawled, as one cause: the start URL's (after its redirects). */
function explainNothingCrawled(startUrl: string, pages: GraphPageInput[], outcome: CrawlOutcome): string {
  if (outcome.unreachable) return describeSiteFailure(outcome.unreachable, outcome.unreachable.url);
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  let page = byUrl.get(normalizeUrl(startUrl) ?? startUrl);
  const seen = new Set<string>();
  while (page?.redirectTo && !seen.has(page.url)) {
    seen.add(page.url);
    page = byUrl.get(page.redirectTo) ?? page;
  }
  if (page?.fetchError) return describeSiteFailure(page.fetchError, page.url);
  if (page?.blockedByRobots) {
    const status = outcome.robotsTxt?.status;
    return robotsUnreadable(status) ? `No page could be crawled: ${unreadableRobots(status!)}.` : 'No page could be crawled: robots.txt disallows the start URL for our crawler.';
  }
  if (page?.response && page.response.status >= 400) return `No page could be crawled: the start page returns HTTP ${page.response.status}.`;
  const down = outcome.progress.hostsDown;
  return down.length > 0 ? `The site did not answer (${down.join(', ')}): no page could be crawled.` : 'No page could be crawled.';
}

/** Resume point: every stored page is done; everything they discovered and nobody fetched is the frontier. */
async function loadCrawlState(auditId: string, startUrl: string, sitemapUrls?: string[]): Promise<CrawlState | undefined> {
  const pages = await db.page.findMany({ where: { auditId }, select: { url: true, facts: true } });
  if (pages.length === 0) return undefined;
  const done = new Set(pages.map((p) => p.url));
  const frontier = new Map<string, FrontierEntry>();
  for (const p of pages) {
    for (const entry of readCrawlPageFacts(p.facts)?.discovered ?? []) {
      const known = frontier.get(entry.url);
      if (done.has(entry.url)) continue;
      if (!known || (entry.depth !== null && (known.depth === null || entry.depth < known.depth))) frontier.set(entry.url, entry);
    }
  }
  if (!done.has(startUrl) && !frontier.has(startUrl)) frontier.set(startUrl, { url: startUrl, depth: 0 });
  return { done: [...done], frontier: [...frontier.values()], sitemapUrls };
}

export type RunAuditDeps = {
  /** Progress stream connection; null runs without live events (e.g. CLI without Redis). */
  redis: Redis | null;
  render?: (url: string, options?: RenderOptions) => Promise<RenderResult>;
  /** Aborted on worker shutdown. */
  signal?: AbortSignal;
  /** Caps and pacing of the external link and image probe (defaults: probeSettingsSchema). */
  probe?: Partial<ProbeSettings>;
};

/**
 * The professional audit pipeline, shared by the worker and the CLI's in-process mode:
 * crawl → persist each page with its findings → site checks on the graph rebuilt from the
 * database → score → final status. Safe to run again on the same audit: it resumes.
 */
export async function runAudit(auditId: string, deps: RunAuditDeps): Promise<void> {
  const audit = await getAudit(auditId);
  if (!audit || !(await markAuditRunning(auditId))) return; // cancelled or finished meanwhile
  const options = readAuditSettings(audit.options);
  let secrets: CrawlSecrets | null;
  try {
    secrets = audit.secrets ? decryptSecrets(audit.secrets) : null;
  } catch (err) {
    await finishAudit(auditId, { status: 'FAILED', error: err instanceof Error ? err.message : String(err) });
    return;
  }
  // The site's own cookies and credentials never go to another host (a redirect, a CDN, a subresource).
  const extraHeaders = secrets && hasSecrets(secrets) ? secretHeaders(secrets) : null;
  const headersFor = (url: string) => (extraHeaders && isInScope(url, audit.url, options.scope) ? extraHeaders : undefined);
  const userAgent = userAgentFor(options.userAgentPreset, options.customUserAgent, env.CRAWLER_USER_AGENT);
  const render = deps.render;
  const state = readAuditState(audit.state);
  const reporter = createAuditReporter(deps.redis, {
    auditId,
    status: 'RUNNING',
    phase: 'discovering',
    discovered: audit.pagesTotal,
    crawled: audit.pagesDone,
    failed: audit.pagesFailed,
    limit: options.maxPages,
    findings: await countFindingsBySeverity(auditId),
  });
  await reporter.progress({});

  const cancel = new AbortController();
  const poll = setInterval(() => {
    getAuditStatus(auditId)
      .then((s) => s === 'CANCELLED' && cancel.abort(new Error('cancelled')))
      .catch(() => {});
  }, CANCEL_POLL_MS);
  const signal = deps.signal ? AbortSignal.any([deps.signal, cancel.signal]) : cancel.signal;

  // Checks run in the analysis thread with the extraction; the crawler only hands facts on.
  const analysisOf = new WeakMap<PageFacts, Pick<PageAnalysis, 'findings' | 'score'>>();
  // Pages are saved in small batches; their progress events follow once they are in PostgreSQL.
  const writer = createPageResultWriter(auditId, (saved) =>
    reporter.pages(saved, ({ page, findings }) => {
      reporter.addFindings(findings);
      const failed = page.error && !page.error.startsWith(BLOCKED_BY_ROBOTS_PREFIX);
      return {
        page: { url: page.url, status: page.status, depth: page.depth ?? null, findings: findings.length, error: page.error ?? null },
        patch: { crawled: reporter.state.crawled + 1, failed: reporter.state.failed + (failed ? 1 : 0), currentUrl: page.url },
      };
    }),
  );
  try {
    const outcome = await crawlSite(
      {
        ...options,
        startUrl: audit.url,
        renderMode: deps.render ? options.renderMode : 'never',
        userAgent,
        allowedPrivateHosts: env.ALLOWED_PRIVATE_HOSTS,
        signal,
        // /favicon.ico and /llms.txt, for the site checks that need them.
        readSiteFiles: true,
        resume: await loadCrawlState(auditId, audit.url, state.sitemapUrls),
      },
      {
        fetchPage,
        headersFor,
        extractPageFacts: async (input, { signal: pageSignal }) => {
          const { facts, analysis } = await analyzeDocument({ ...input, checks: true }, { signal: pageSignal });
          if (analysis) analysisOf.set(facts, analysis);
          return facts;
        },
        render: render && ((url, renderOptions) => render(url, { ...renderOptions, userAgent, headersFor })),
        looksClientRendered,
        onSitemaps: async (result) => {
          await mergeAuditState(auditId, { sitemapUrls: result.urls, sitemapFiles: toSitemapFiles(result) });
        },
        onPage: async (r) => {
          const analysis = r.facts ? analysisOf.get(r.facts) : undefined;
          const findings = r.facts ? ownFindings(r, analysis?.findings ?? []) : [];
          const stored: CrawlPageFacts = {
            graph: {
              url: r.url,
              depth: r.depth,
              fetchError: r.fetchError,
              blockedByRobots: r.blockedByRobots,
              redirectTo: r.redirectTo,
              response: r.response && { status: r.response.status, contentType: r.response.contentType, redirects: r.response.redirects, redirectError: r.response.redirectError },
              facts: r.facts && graphFacts(r.facts),
            },
            discovered: r.discovered,
            // The explorer's page detail; a redirect's facts are its target's, shown on the target's row.
            detail: r.facts && !r.redirectTo ? summarizePageFacts(r.facts, { rendered: r.rendered, renderError: r.renderError }) : undefined,
          };
          const error = pageError(r);
          // A redirecting URL is reported with its own (3xx) status, not its target's.
          const status = r.response?.redirects[0]?.status ?? r.response?.status ?? 0;
          await writer.add({
            page: {
              url: r.url,
              finalUrl: r.response?.finalUrl ?? null,
              status,
              depth: r.depth,
              title: r.facts?.title ?? null,
              wordCount: r.facts?.wordCount ?? 0,
              loadMs: r.response ? Math.round(r.response.totalMs) : null,
              error: error ?? (r.renderError ? `Rendering failed: ${r.renderError}` : null),
              // The instant analysis's page score, which the analysis thread computed from these same
              // findings (a redirect has none of its own).
              score: r.facts && !r.redirectTo ? (analysis?.score ?? computeScore(findings).overall) : null,
              linksTo: linkTargets(r),
              // Serialised once, by the writer (undefined fields drop out there).
              facts: stored,
            },
            findings,
          });
        },
        onProgress: (p) => {
          void reporter.progress({
            phase: p.phase === 'crawling' || p.phase === 'done' ? 'crawling' : 'discovering',
            discovered: p.discovered,
            crawled: p.crawled,
            failed: p.failed,
            currentUrl: p.currentUrl,
            etaSeconds: p.etaMs === null ? null : Math.round(p.etaMs / 1000),
          });
        },
      },
    );

    await writer.close();
    if (cancel.signal.aborted) {
      await reporter.status({ status: 'CANCELLED', phase: 'done', currentUrl: null, etaSeconds: null, error: 'Cancelled by the user.' });
      return;
    }
    if (deps.signal?.aborted) throw new Error('Worker shut down mid-audit; the audit resumes on the next attempt.');

    await reporter.progress({ phase: 'analyzing', currentUrl: null, etaSeconds: null });
    const { rows: pageCount, pages: graphPages } = await readGraphPages(auditId);
    // Without a single page (the site never answered) the site checks could only report on
    // robots.txt and sitemaps nobody saw.
    if (graphPages.length > 0) {
      // A resumed crawl did not read the sitemaps again: their files come from the saved state.
      const sitemaps = outcome.sitemaps ? toSitemapFiles(outcome.sitemaps) : state.sitemapFiles;
      const graph = buildSiteGraph({
        startUrl: audit.url,
        pages: graphPages,
        sitemapUrls: outcome.state.sitemapUrls,
        robotsTxt: outcome.robotsTxt,
        sitemaps,
        siteFiles: outcome.siteFiles,
      });
      const [resourceProbes, alpn] = await Promise.all([
        probeSiteResources(graph, { userAgent, respectRobots: options.respectRobots, settings: deps.probe, signal }),
        probeSiteAlpn(graph, signal),
      ]);
      await saveSiteFindings(auditId, runSiteChecks({ ...graph, resourceProbes, ...(alpn ? { alpn } : {}) }));
    }

    const failedPages = await db.page.count({ where: { auditId, error: { not: null }, NOT: { error: { startsWith: BLOCKED_BY_ROBOTS_PREFIX } } } });
    const okPages = await db.page.count({ where: { auditId, error: null, status: { gt: 0 } } });
    // The same reads the explorer explains the score from, so its lines add up to this score.
    const [tallies, scoredPages] = await Promise.all([readCheckTallies(auditId), countScoredPages(auditId)]);
    const { score, categoryScores } = scoreAuditTallies(tallies, scoredPages);
    const hostsDown = outcome.stopReason === 'hosts-down';
    const status = okPages === 0 ? 'FAILED' : failedPages > 0 || hostsDown || outcome.unreachable ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED';
    const error =
      okPages === 0
        ? explainNothingCrawled(audit.url, graphPages, outcome)
        : outcome.unreachable
          ? describeSiteFailure(outcome.unreachable, outcome.unreachable.url)
          : failedPages > 0
            ? `${failedPages} of ${pageCount} URLs failed; see the pages list.`
            : null;
    await finishAudit(auditId, { status, score: okPages ? score : null, categoryScores: okPages ? categoryScores : null, error, counts: { pages: pageCount, failed: failedPages, total: pageCount } });
    await reporter.status({
      status,
      phase: 'done',
      discovered: pageCount,
      crawled: pageCount,
      failed: failedPages,
      score: okPages ? score : null,
      error,
      currentUrl: null,
      etaSeconds: 0,
      findings: await countFindingsBySeverity(auditId),
    });
    logger.info({ auditId, status, pages: pageCount, failedPages, score, stopReason: outcome.stopReason }, 'audit finished');
    await notifyAuditFinished(auditId); // never throws: a failed notification never fails the audit
  } finally {
    clearInterval(poll);
    // Whatever was fetched before a failure or shutdown is kept; resume starts after it.
    await writer.close().catch(() => {});
  }
}
