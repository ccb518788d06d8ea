// The crawl loop: breadth-first over one site, polite per host, robots-aware, resumable.
//
// Shape: one "pump" picks the next URL whose host may be contacted now and starts a task for it,
// up to `concurrency` tasks; it sleeps until a task ends, a host's wait elapses, robots.txt
// arrives or the crawl is cancelled. Everything it needs to decide is in memory, so a stuck host
// can never stall URLs of another, and the loop ends as soon as nothing is runnable.
import { setMaxListeners } from 'node:events';
import { collectLinkTargets } from '@/lib/crawler/collect-link-targets';
import { crawlOptionsSchema, type CrawlSettings } from '@/lib/crawler/crawl-options';
import { describeError, hostOutcomeForError, isHtmlResponse, toCrawlResponse } from '@/lib/crawler/crawl-response';
import type {
  CrawlDeps,
  CrawlOptions,
  CrawlOutcome,
  CrawlPageResult,
  CrawlPhase,
  CrawlProgress,
  FrontierEntry,
  StopReason,
} from '@/lib/crawler/crawl-types';
import { followRedirects, type HopDecision } from '@/lib/crawler/follow-redirects';
import { Frontier, isShallower } from '@/lib/crawler/frontier';
import { createHostScheduler, parseRetryAfter, type HostOutcome, type HostSlot } from '@/lib/crawler/host-scheduler';
import { createUrlFilter, isSameSite, normalizeUrl } from '@/lib/crawler/normalize-url';
import { createRobotsCache, type RobotsCache, type RobotsRules } from '@/lib/crawler/robots';
import { createBytesFetcher, loadSitemaps, type SitemapLoadResult } from '@/lib/crawler/sitemaps';
import { describeFetchFailure, FetchError, type FetchFailure } from '@/lib/fetch/fetch-error';
import { DEFAULT_USER_AGENT } from '@/lib/fetch/fetch-page';
import { resolveAllowedAddresses } from '@/lib/fetch/ssrf-guard';
import type { FetchOptions, FetchResult } from '@/lib/fetch/types';

/** How long a cancelled crawl waits for in-flight tasks before returning anyway. */
const ABORT_GRACE_MS = 3_000;

function hostOf(url: string): string {
  return new URL(url).hostname;
}

function originOf(url: string): string {
  return new URL(url).origin;
}

type Picked =
  | { kind: 'fetch'; entry: FrontierEntry; slot: HostSlot }
  | { kind: 'blocked'; entry: FrontierEntry }
  | { kind: 'unanswered'; entry: FrontierEntry; failure: FetchFailure }
  | { kind: 'wait'; ms: number | null }
  | { kind: 'idle' };

/**
 * Crawl a site breadth-first and report each URL through `deps.onPage`.
 * Resolves with why it stopped and the resumable state; rejects only when onPage throws.
 */
export async function crawlSite(options: CrawlOptions, deps: CrawlDeps): Promise<CrawlOutcome> {
  const { signal: externalSignal, resume, hostScheduler: schedulerTuning, ...serialisable } = options;
  const settings: CrawlSettings = crawlOptionsSchema.parse(serialisable);
  const startUrl = normalizeUrl(settings.startUrl);
  if (!startUrl) throw new Error(`Invalid start URL: ${settings.startUrl}`);

  const now = deps.now ?? Date.now;
  const startedAt = now();
  const controller = new AbortController();
  const signal = externalSignal ? AbortSignal.any([externalSignal, controller.signal]) : controller.signal;
  // Every in-flight request listens on this signal; dozens are normal, not a leak.
  setMaxListeners(0, signal);
  let fatalError: unknown = null;

  const fetchOptions: FetchOptions = {
    userAgent: settings.userAgent,
    connectTimeoutMs: settings.timeouts.connectMs,
    headersTimeoutMs: settings.timeouts.headersMs,
    bodyTimeoutMs: settings.timeouts.bodyMs,
    maxBodyBytes: settings.maxBodyBytes,
    allowedPrivateHosts: settings.allowedPrivateHosts,
  };
  const urlFilter = createUrlFilter({ include: settings.include, exclude: settings.exclude });
  const inScope = (url: string) => isSameSite(url, startUrl, { wwwIsSameSite: settings.wwwIsSameSite }) && urlFilter(url);

  const robots: RobotsCache =
    deps.robots ??
    createRobotsCache({
      userAgent: settings.robotsToken,
      fetcher: async (url, robotsSignal) => {
        // robots.txt is the first request to a host, so it is bounded as a whole: a host that
        // never answers is known within siteAnswerTimeoutMs, not after every page timeout.
        const deadlineMs = settings.siteAnswerTimeoutMs;
        const deadline = AbortSignal.timeout(deadlineMs);
        const within = (ms: number | undefined) => Math.min(ms ?? deadlineMs, deadlineMs);
        try {
          // RFC 9309 §2.3.1.2: follow at least five redirects for robots.txt.
          const response = await deps.fetchPage(url, {
            ...fetchOptions,
            connectTimeoutMs: within(fetchOptions.connectTimeoutMs),
            headersTimeoutMs: within(fetchOptions.headersTimeoutMs),
            bodyTimeoutMs: within(fetchOptions.bodyTimeoutMs),
            maxRedirects: 5,
            maxBodyBytes: 512 * 1024,
            signal: robotsSignal ? AbortSignal.any([robotsSignal, deadline]) : deadline,
          });
          return { status: response.status, body: response.body, finalUrl: response.finalUrl, redirectError: response.redirectError };
        } catch (error) {
          if (!deadline.aborted || robotsSignal?.aborted) throw error;
          throw new FetchError('HEADERS_TIMEOUT', url, `${url} did not answer within ${deadlineMs} ms.`, { cause: error });
        }
      },
    });
  const readSitemaps =
    deps.loadSitemaps ??
    ((input) =>
      loadSitemaps({
        ...input,
        fetchBytes: createBytesFetcher({
          userAgent: settings.userAgent ?? DEFAULT_USER_AGENT,
          guard: (url) => resolveAllowedAddresses(url, settings.allowedPrivateHosts),
        }),
      }));

  const scheduler = createHostScheduler({
    ...schedulerTuning,
    now,
    maxConcurrency: settings.perHostConcurrency,
    minDelayMs: settings.politenessDelayMs,
  });

  // ---- state ----
  const frontiers = new Map<string, Frontier>(); // origin → queue (robots rules are per origin)
  const seen = new Set<string>(); // every URL ever queued, so a popped URL is never queued again
  const done = new Set<string>();
  const inFlight = new Map<string, FrontierEntry>();
  const sitemapSet = new Set<string>();
  const robotsLoading = new Set<string>();
  const hostsDown = new Set<string>();
  const maxQueued = Math.max(settings.maxPages * 10, 1_000);
  let phase: CrawlPhase = 'robots';
  let currentUrl: string | null = null;
  let pagesRecorded = 0;
  let pagesReserved = 0;
  let blockedRecorded = 0;
  let failed = 0;
  let crawlStartedAt = startedAt;
  let crawledThisRun = 0;
  let lastProgressAt = -Infinity;
  let linkedInFlight = 0;

  const queuedCount = () => {
    let total = 0;
    for (const frontier of frontiers.values()) total += frontier.size;
    return total;
  };

  const progress = (): CrawlProgress => {
    const elapsedMs = now() - startedAt;
    const crawlMs = now() - crawlStartedAt;
    const pagesPerSecond = crawlMs > 0 ? (crawledThisRun / crawlMs) * 1000 : 0;
    const remaining = Math.max(0, Math.min(queuedCount() + inFlight.size, settings.maxPages - pagesRecorded));
    return {
      phase,
      discovered: seen.size,
      crawled: done.size,
      failed,
      blocked: blockedRecorded,
      queued: queuedCount(),
      inFlight: inFlight.size,
      currentUrl,
      elapsedMs,
      etaMs: phase === 'done' ? 0 : pagesPerSecond > 0 ? Math.round((remaining / pagesPerSecond) * 1000) : null,
      pagesPerSecond: Math.round(pagesPerSecond * 100) / 100,
      hostsDown: [...hostsDown],
    };
  };
  const reportProgress = (force = false) => {
    if (!deps.onProgress) return;
    const t = now();
    if (!force && t - lastProgressAt < settings.progressIntervalMs) return;
    lastProgressAt = t;
    deps.onProgress(progress());
  };
  const setPhase = (next: CrawlPhase) => {
    phase = next;
    reportProgress(true);
  };

  // ---- waking the pump ----
  let wakeUp: (() => void) | null = null;
  const wake = () => {
    const resolve = wakeUp;
    wakeUp = null;
    resolve?.();
  };
  const sleep = (ms: number | null) =>
    new Promise<void>((resolve) => {
      const timer = ms === null ? undefined : setTimeout(() => wake(), Math.max(0, ms));
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  signal.addEventListener('abort', wake, { once: true });

  // ---- frontier ----
  const frontierFor = (url: string) => {
    const origin = originOf(url);
    let frontier = frontiers.get(origin);
    if (!frontier) {
      frontier = new Frontier();
      frontiers.set(origin, frontier);
    }
    return frontier;
  };
  const queuedEntry = (url: string) => frontiers.get(originOf(url))?.get(url);

  /** Queue a URL (or move it forward); returns the entry when something changed. */
  const discover = (url: string, depth: number | null, via: string | undefined): FrontierEntry | null => {
    if (done.has(url) || inFlight.has(url)) return null;
    if (seen.has(url) && !queuedEntry(url)) return null;
    if (depth !== null && depth > settings.maxDepth) return null;
    if (!inScope(url)) return null;
    if (!seen.has(url) && seen.size >= maxQueued) return null;
    const added = frontierFor(url).add({ url, depth, via });
    if (added) seen.add(url);
    return added;
  };

  // ---- robots ----
  const delayApplied = new WeakSet<RobotsRules>();
  /** Cached rules for the URL's origin, making sure its Crawl-delay reached the scheduler (the cache may be shared). */
  const cachedRobots = (url: string): RobotsRules | undefined => {
    const rules = robots.peek(url);
    if (rules && !delayApplied.has(rules)) {
      delayApplied.add(rules);
      scheduler.setCrawlDelay(hostOf(url), rules.crawlDelay());
    }
    return rules;
  };
  const loadRobots = async (url: string): Promise<RobotsRules> => {
    const cached = cachedRobots(url);
    if (cached) return cached;
    await robots.get(url, signal);
    return cachedRobots(url) ?? robots.get(url, signal);
  };
  /** The failure when the host never answered its robots.txt (refused, DNS, timeout, TLS, guard): then it is down, not "disallowing". */
  const unansweredFailure = (rules: RobotsRules): FetchFailure | undefined =>
    rules.status === 0 && rules.failure && describeFetchFailure(rules.failure).noAnswer ? rules.failure : undefined;
  const startRobotsLoad = (origin: string) => {
    if (robotsLoading.has(origin)) return;
    robotsLoading.add(origin);
    loadRobots(`${origin}/`)
      .catch(() => undefined)
      .finally(() => {
        robotsLoading.delete(origin);
        wake();
      });
  };

  // ---- results ----
  const emit = async (result: CrawlPageResult) => {
    if (result.blockedByRobots) blockedRecorded++;
    else if (result.fetchError || (result.response && result.response.status >= 400)) failed++;
    await deps.onPage?.(result);
    done.add(result.url);
    crawledThisRun++;
    reportProgress();
  };
  const blockedResult = (entry: FrontierEntry): CrawlPageResult => {
    const robotsStatus = robots.peek(entry.url)?.status;
    return {
      url: entry.url,
      depth: entry.depth,
      via: entry.via,
      inSitemap: sitemapSet.has(entry.url),
      blockedByRobots: true,
      ...(robotsStatus !== undefined ? { robotsStatus } : {}),
      discovered: [],
    };
  };
  const reservePage = () => {
    if (pagesRecorded + pagesReserved >= settings.maxPages) return false;
    pagesReserved++;
    return true;
  };

  const childDepth = (entry: FrontierEntry) => (entry.depth === null ? null : entry.depth + 1);

  // Pages with scripts seen in auto mode: the first and every renderSampleEvery-th are rendered.
  let pagesWithScripts = 0;
  const sampledForRender = (html: string): boolean => {
    if (settings.renderSampleEvery === 0 || !/<script[\s>]/i.test(html)) return false;
    return pagesWithScripts++ % settings.renderSampleEvery === 0;
  };

  /** Parse (and maybe render) a response and queue what it links to. */
  const analyze = async (url: string, entry: FrontierEntry, fetch: FetchResult, isRedirect: boolean): Promise<CrawlPageResult> => {
    const result: CrawlPageResult = {
      url,
      depth: entry.depth,
      via: entry.via,
      inSitemap: sitemapSet.has(url),
      response: toCrawlResponse(fetch),
      discovered: [],
    };
    if (!isHtmlResponse(fetch)) return result;

    const ok = fetch.status >= 200 && fetch.status < 300;
    let looksClientRendered: boolean | undefined;
    let rendered: Awaited<ReturnType<NonNullable<CrawlDeps['render']>>> | undefined;
    if (!isRedirect && ok) {
      looksClientRendered = deps.looksClientRendered?.(fetch.body);
      const wantsRender = settings.renderMode === 'always' || (settings.renderMode === 'auto' && (looksClientRendered === true || sampledForRender(fetch.body)));
      if (wantsRender && !deps.render) result.renderError = 'No renderer configured';
      if (wantsRender && deps.render) {
        try {
          // The crawl's own robots rules (one robots.txt fetch per origin); the pool's own otherwise.
          rendered = await deps.render(fetch.finalUrl, { signal, ...(settings.respectRobots ? { robots } : {}) });
          result.rendered = true;
        } catch (error) {
          if (signal.aborted) throw error;
          result.renderError = describeError(error).message;
        }
      }
    }
    try {
      result.facts = await deps.extractPageFacts({ fetch, rendered, looksClientRendered }, { signal });
    } catch (error) {
      if (signal.aborted) throw error;
      result.analysisError = describeError(error).message;
      return result;
    }
    // Links on a redirect belong to its target; error pages are templates, not site structure.
    if (isRedirect || !ok) return result;

    const depth = childDepth(entry);
    const targets = collectLinkTargets(result.facts, settings);
    for (const target of targets) {
      const normalized = normalizeUrl(target);
      if (!normalized || normalized === url) continue;
      const added = discover(normalized, depth, url);
      if (added) result.discovered.push(added);
    }
    return result;
  };

  const decideHop = async (url: string): Promise<HopDecision> => {
    const normalized = normalizeUrl(url);
    if (!normalized || !inScope(normalized)) return 'out-of-scope';
    if (!settings.respectRobots) return 'follow';
    const rules = await loadRobots(normalized);
    return rules.isAllowed(normalized) ? 'follow' : 'robots';
  };

  /** Fetch one URL (hop by hop), then report it and whatever its redirect landed on. */
  const crawlEntry = async (entry: FrontierEntry, slot: HostSlot) => {
    inFlight.set(entry.url, entry);
    if (entry.depth !== null) linkedInFlight++;
    currentUrl = entry.url;
    let released = false;
    const release = (outcome: HostOutcome) => {
      if (released) return;
      released = true;
      slot.release(outcome);
      wake();
    };
    try {
      let followed;
      try {
        followed = await followRedirects(entry.url, {
          fetchPage: deps.fetchPage,
          fetchOptions: { ...fetchOptions, signal },
          maxRedirects: settings.maxRedirects,
          decide: decideHop,
        });
      } catch (error) {
        if (signal.aborted) {
          release({ kind: 'neutral' });
          pagesReserved--;
          frontierFor(entry.url).add(entry, { front: true });
          return;
        }
        const failure = describeError(error);
        release(hostOutcomeForError(failure.code));
        pagesReserved--;
        pagesRecorded++;
        await emit({ url: entry.url, depth: entry.depth, via: entry.via, inSitemap: sitemapSet.has(entry.url), fetchError: failure, discovered: [] });
        return;
      }

      const { result: fetch, final, stoppedAt } = followed;
      const status = fetch.status;
      release({
        kind: 'response',
        status,
        latencyMs: fetch.timings.ttfbMs,
        retryAfterMs: parseRetryAfter(fetch.headers['retry-after'], Date.now()),
      });

      const attempt = entry.attempt ?? 0;
      if ((status === 429 || status === 503) && attempt < settings.maxRetries && !signal.aborted) {
        // The scheduler now pauses the host (Retry-After); try again once it allows.
        pagesReserved--;
        frontierFor(entry.url).add({ ...entry, attempt: attempt + 1 }, { front: true });
        return;
      }

      const isRedirect = fetch.redirects.length > 0;
      const extra: CrawlPageResult[] = [];
      const taken: FrontierEntry[] = []; // redirect targets claimed by this task
      let extraReserved = 0;
      let page: CrawlPageResult;
      try {
        page = await analyze(entry.url, entry, fetch, isRedirect);
        if (isRedirect) {
          const firstTarget = normalizeUrl(fetch.redirects[0]!.location, fetch.redirects[0]!.url);
          const destination = stoppedAt
            ? normalizeUrl(stoppedAt.url)
            : fetch.redirectError
              ? firstTarget
              : normalizeUrl(fetch.finalUrl);
          if (destination) page.redirectTo = destination;
          if (stoppedAt) page.redirectStoppedBy = stoppedAt.reason;

          // The target is a URL of its own: report it now from the response we already have
          // (or as blocked), instead of queueing it and fetching the same page twice.
          const target: FrontierEntry | null =
            destination && destination !== entry.url ? { url: destination, depth: entry.depth, via: entry.url } : null;
          const isNew = (url: string) => !done.has(url) && !inFlight.has(url) && (!seen.has(url) || queuedEntry(url) !== undefined);
          const claim = (claimed: FrontierEntry) => {
            frontiers.get(originOf(claimed.url))?.remove(claimed.url);
            seen.add(claimed.url);
            inFlight.set(claimed.url, claimed);
            taken.push(claimed);
          };
          if (target && isNew(target.url) && inScope(target.url)) {
            if (stoppedAt?.reason === 'robots') {
              if (blockedRecorded < settings.maxPages) {
                claim(target);
                extra.push(blockedResult(target));
              }
            } else if (final && !fetch.redirectError) {
              if (reservePage()) {
                extraReserved++;
                const queued = queuedEntry(target.url);
                const own = { ...target, depth: queued && isShallower(queued.depth, target.depth) ? queued.depth : target.depth };
                claim(own);
                extra.push(await analyze(own.url, own, final, false));
              } else {
                const added = discover(target.url, target.depth, entry.url);
                if (added) page.discovered.push(added);
              }
            }
          }
        }
      } catch (error) {
        if (!signal.aborted) throw error;
        // Cancelled mid-analysis (e.g. while rendering): put everything back, report nothing.
        pagesReserved -= 1 + extraReserved;
        frontierFor(entry.url).add(entry, { front: true });
        for (const claimed of taken) {
          inFlight.delete(claimed.url);
          frontierFor(claimed.url).add(claimed, { front: true });
        }
        return;
      }

      pagesReserved--;
      pagesRecorded++;
      await emit(page);
      for (const result of extra) {
        if (!result.blockedByRobots) {
          pagesReserved--;
          pagesRecorded++;
        }
        await emit(result);
        inFlight.delete(result.url);
      }
    } finally {
      release({ kind: 'neutral' });
      inFlight.delete(entry.url);
      if (entry.depth !== null) linkedInFlight--;
    }
  };

  // ---- the pump ----
  const pick = (): Picked => {
    const candidates = [...frontiers.entries()]
      .filter(([origin, frontier]) => frontier.size > 0 && !hostsDown.has(hostOf(origin)))
      .map(([origin, frontier]) => ({ origin, frontier, head: frontier.peek()! }))
      .sort((a, b) => (isShallower(a.head.depth, b.head.depth) ? -1 : isShallower(b.head.depth, a.head.depth) ? 1 : 0));
    let minWait: number | null = null;
    let waiting = false;
    for (const { origin, frontier } of candidates) {
      let head = frontier.peek();
      if (head?.depth === null && linkedInFlight > 0) {
        // A page still being fetched may link this sitemap URL; wait so it gets its real depth.
        waiting = true;
        continue;
      }
      if (settings.respectRobots) {
        const rules = cachedRobots(`${origin}/`);
        if (!rules) {
          startRobotsLoad(origin);
          waiting = true;
          continue;
        }
        const failure = unansweredFailure(rules);
        if (failure && head) {
          // RFC 9309 forbids fetching its URLs, and "blocked by robots.txt" would tell the wrong
          // story: one URL carries the real cause and the host counts as down, like a tripped breaker.
          hostsDown.add(hostOf(origin));
          reportProgress(true);
          if (pagesRecorded + pagesReserved >= settings.maxPages) continue;
          frontier.shift();
          pagesReserved++;
          return { kind: 'unanswered', entry: head, failure };
        }
        while (head && !rules.isAllowed(head.url)) {
          frontier.shift();
          if (blockedRecorded < settings.maxPages) return { kind: 'blocked', entry: head };
          head = frontier.peek(); // blocked-report cap reached: drop silently
        }
        if (!head) continue;
      }
      if (!head || pagesRecorded + pagesReserved >= settings.maxPages) continue;
      const reservation = scheduler.tryReserve(hostOf(origin));
      if (reservation.ok) {
        frontier.shift();
        pagesReserved++;
        return { kind: 'fetch', entry: head, slot: reservation.slot };
      }
      if (reservation.reason === 'down') {
        hostsDown.add(hostOf(origin));
        reportProgress(true);
        continue;
      }
      waiting = true;
      if (reservation.waitMs !== null) minWait = minWait === null ? reservation.waitMs : Math.min(minWait, reservation.waitMs);
    }
    return waiting ? { kind: 'wait', ms: minWait } : { kind: 'idle' };
  };

  const tasks = new Set<Promise<void>>();
  const startTask = (run: () => Promise<void>) => {
    const task = run()
      .catch((error: unknown) => {
        // Only onPage (the caller's callback) can throw here; stop everything and surface it.
        if (fatalError === null) fatalError = error;
        controller.abort(error);
      })
      .finally(() => {
        tasks.delete(task);
        wake();
      });
    tasks.add(task);
  };

  // ---- start / resume ----
  if (resume) {
    for (const url of resume.done) {
      done.add(url);
      seen.add(url);
    }
    pagesRecorded = done.size;
    for (const entry of resume.frontier) {
      const url = normalizeUrl(entry.url);
      if (!url || done.has(url)) continue;
      const added = frontierFor(url).add({ ...entry, url });
      if (added) seen.add(url);
    }
  }
  if (!resume || (done.size === 0 && queuedCount() === 0)) {
    seen.add(startUrl);
    frontierFor(startUrl).add({ url: startUrl, depth: 0 });
  }

  setPhase('robots');
  let robotsTxt: CrawlOutcome['robotsTxt'] = null;
  let unreachable: CrawlOutcome['unreachable'];
  let disallowsAll = false;
  try {
    const rules = await loadRobots(startUrl);
    const failure = unansweredFailure(rules);
    // A site that does not answer at all has no robots.txt to report on, no sitemaps to read and no
    // page worth trying: stop here with the cause instead of reporting every URL as disallowed.
    if (failure) unreachable = { url: rules.url, ...failure };
    else robotsTxt = { url: rules.url, status: rules.status, body: rules.body };
    // Unreadable (5xx/429) robots.txt: nothing on the site may be fetched, guessed sitemaps neither.
    disallowsAll = settings.respectRobots && rules.outcome === 'disallow-all';
  } catch {
    // Only an abort gets here; the loop below notices it.
  }
  if (unreachable) hostsDown.add(hostOf(startUrl));

  let sitemaps: SitemapLoadResult | null = null;
  let sitemapError: string | undefined;
  if (settings.useSitemaps && !signal.aborted && !unreachable) {
    setPhase('sitemaps');
    if (resume?.sitemapUrls) {
      // Re-queue the ones not done yet, in case the caller persisted only link discoveries.
      for (const url of resume.sitemapUrls) sitemapSet.add(url);
      for (const url of resume.sitemapUrls) discover(url, null, 'sitemap');
    } else if (!disallowsAll) {
      try {
        sitemaps = await readSitemaps({
          startUrl,
          robotsSitemaps: cachedRobots(startUrl)?.sitemaps() ?? [],
          sitemapUrls: settings.sitemapUrls,
          maxUrls: settings.maxSitemapUrls,
          signal,
        });
        for (const url of sitemaps.urls) sitemapSet.add(url);
        for (const url of sitemaps.urls) discover(url, null, 'sitemap');
        await deps.onSitemaps?.(sitemaps);
      } catch (error) {
        if (!signal.aborted) sitemapError = describeError(error).message;
      }
    }
  }

  setPhase('crawling');
  crawlStartedAt = now();
  while (!signal.aborted && !unreachable) {
    let next: Picked = { kind: 'wait', ms: null };
    while (tasks.size < settings.concurrency && !signal.aborted) {
      next = pick();
      if (next.kind === 'fetch') {
        const { entry, slot } = next;
        startTask(() => crawlEntry(entry, slot));
      } else if (next.kind === 'blocked') {
        const { entry } = next;
        startTask(async () => {
          inFlight.set(entry.url, entry);
          try {
            await emit(blockedResult(entry));
          } finally {
            inFlight.delete(entry.url);
          }
        });
      } else if (next.kind === 'unanswered') {
        const { entry, failure } = next;
        startTask(async () => {
          inFlight.set(entry.url, entry);
          try {
            pagesReserved--;
            pagesRecorded++;
            await emit({ url: entry.url, depth: entry.depth, via: entry.via, inSitemap: sitemapSet.has(entry.url), fetchError: failure, discovered: [] });
          } finally {
            inFlight.delete(entry.url);
          }
        });
      } else {
        break;
      }
    }
    if (tasks.size === 0) {
      if (next.kind === 'idle') break;
      // Nothing running and nothing that a finished task could unblock: only a timer or robots.txt can.
      if (next.kind === 'wait' && next.ms === null && robotsLoading.size === 0) break;
    }
    await sleep(next.kind === 'wait' ? next.ms : null);
  }

  if (tasks.size > 0) {
    const all = Promise.allSettled([...tasks]);
    if (signal.aborted) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, ABORT_GRACE_MS)))]);
      clearTimeout(timer);
    } else {
      await all;
    }
  }
  signal.removeEventListener('abort', wake);
  if (fatalError !== null) throw fatalError;

  const remaining: FrontierEntry[] = [...inFlight.values()].filter((entry) => !done.has(entry.url));
  for (const frontier of frontiers.values()) remaining.push(...frontier.entries());
  remaining.sort((a, b) => (isShallower(a.depth, b.depth) ? -1 : isShallower(b.depth, a.depth) ? 1 : 0));

  let stopReason: StopReason;
  if (externalSignal?.aborted) stopReason = 'aborted';
  else if (unreachable) stopReason = 'site-unreachable';
  else if (remaining.length === 0) stopReason = 'complete';
  else if (pagesRecorded + pagesReserved >= settings.maxPages) stopReason = 'max-pages';
  else if (hostsDown.size > 0) stopReason = 'hosts-down';
  else stopReason = 'complete';

  phase = 'done';
  reportProgress(true);
  return {
    stopReason,
    progress: progress(),
    state: { frontier: remaining, done: [...done], sitemapUrls: [...sitemapSet] },
    robotsTxt,
    ...(unreachable ? { unreachable } : {}),
    sitemaps,
    sitemapError,
    hosts: scheduler.snapshots(),
  };
}
