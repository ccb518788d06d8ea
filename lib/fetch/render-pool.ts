import puppeteer, { TimeoutError, type Browser, type BrowserContext, type HTTPRequest, type HTTPResponse, type Page } from 'puppeteer-core';
import { DEFAULT_SITE_ANSWER_TIMEOUT_MS } from '@/lib/crawler/crawl-options';
import { createRobotsCache, ROBOTS_PRODUCT_TOKEN, type RobotsCache, type RobotsFetcher } from '@/lib/crawler/robots';
import { FetchError } from '@/lib/fetch/fetch-error';
import { DEFAULT_USER_AGENT, fetchPage } from '@/lib/fetch/fetch-page';
import { startGuardedProxy, type GuardedProxy } from '@/lib/fetch/guarded-proxy';
import { resolveAllowedAddresses } from '@/lib/fetch/ssrf-guard';
import { installLabMetrics, measureMobileLayout, readLabMetrics } from '@/lib/fetch/render-measure';
import type { BlockedResource, FetchErrorCode, RenderResult } from '@/lib/fetch/types';

export type RenderPoolOptions = {
  executablePath?: string;
  /** Maximum concurrent pages; further renders wait in a queue. */
  size?: number;
  userAgent?: string;
  navigationTimeoutMs?: number;
  allowedPrivateHosts?: string[];
  /** Product token matched against robots.txt User-agent lines (the crawler's, by default). */
  robotsToken?: string;
  /** robots.txt rules per origin; by default one cache for the life of the pool, fetched with fetchPage. */
  robots?: RobotsCache;
  /** After `load`, the DOM counts as settled once it has not changed for this long (and no XHR/fetch/script is in flight); a page without scripts at its first paint. */
  quietMs?: number;
  /** Hard cap on that wait after `load`: a page that never settles is serialized as it is then. */
  settleCapMs?: number;
};

export type RenderOptions = {
  signal?: AbortSignal;
  /** robots.txt cache to use instead of the pool's, e.g. a crawl's own (one fetch per origin per crawl). */
  robots?: RobotsCache;
  /** This render's User-Agent instead of the pool's (an audit's chosen preset). */
  userAgent?: string;
  /** Extra request headers for one URL (an audit's cookies or auth): only ever for the audited site's own URLs. */
  headersFor?: (url: string) => Record<string, string> | undefined;
};

type PageOptions = { robots: RobotsCache; userAgent: string; headersFor?: RenderOptions['headersFor'] };

export type RenderPool = {
  render(url: string, options?: RenderOptions): Promise<RenderResult>;
  close(): Promise<void>;
  /** The live browser, if launched (for diagnostics and tests). */
  getBrowser(): Browser | undefined;
};

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const BLOCKED_RESOURCE_TYPES = new Set(['image', 'font', 'media']);
const PASS_THROUGH_PROTOCOLS = new Set(['data:', 'blob:', 'about:']);
const CONTENT_TIMEOUT_MS = 5_000;
/** Requests that usually bring content after `load`: while one is in flight the page is not settled. */
const CONTENT_REQUEST_TYPES = new Set(['xhr', 'fetch', 'script', 'document']);
/** A hostile page can request thousands of URLs; the facts keep a bounded list. */
const MAX_BLOCKED_RECORDED = 100;
/** Same bounds as the crawler's robots.txt fetch (RFC 9309: ≥ 5 redirects, ≥ 500 KiB). */
const ROBOTS_FETCH_MAX_BYTES = 512 * 1024;
/** Marks a main-frame navigation refused because robots.txt disallows it (FetchError.reason). */
export const BLOCKED_BY_ROBOTS = 'BLOCKED_BY_ROBOTS';

export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const executablePath = options.executablePath ?? '/usr/bin/chromium';
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const navigationTimeoutMs = options.navigationTimeoutMs ?? 30_000;
  const allowList = options.allowedPrivateHosts ?? [];
  const quietMs = options.quietMs ?? 300;
  const settleCapMs = options.settleCapMs ?? 3_000;
  const size = Math.max(1, options.size ?? 2);
  const limiter = createLimiter(size);
  // The same rules and user agent as the crawler; robots.txt itself goes through the guarded fetch.
  const poolRobots =
    options.robots ??
    createRobotsCache({
      userAgent: options.robotsToken ?? ROBOTS_PRODUCT_TOKEN,
      fetcher: createRobotsFetcher({ userAgent, allowedPrivateHosts: allowList }),
    });
  let launching: Promise<Browser> | undefined;
  let current: Browser | undefined;
  let proxy: Promise<GuardedProxy> | undefined;
  let closed = false;
  // A fresh context's first page starts a renderer process: ~0.35 s of a 1.3 s render of a 100 KB
  // page. One per render slot is made ready while the pool is idle (at launch, after each render)
  // and taken by the next render. It has never loaded anything: as fresh as one made on demand.
  type Spare = { browser: Browser; ready: Promise<{ context: BrowserContext; page: Page }> };
  let spares: Spare[] = [];

  function openPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
    return browser.createBrowserContext().then(async (context) => {
      try {
        return { context, page: await context.newPage() };
      } catch (error) {
        await context.close().catch(() => {});
        throw error;
      }
    });
  }

  function prepareSpares(browser: Browser): void {
    while (!closed && browser.connected && spares.length < size) {
      const ready = openPage(browser);
      ready.catch(() => {
        spares = spares.filter((s) => s.ready !== ready);
      });
      spares.push({ browser, ready });
    }
  }

  /** A spare page when one belongs to this browser and came up, else a new one. */
  async function takePage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
    // Another browser's spare (a relaunch raced this render) stays for the renders that use it.
    const index = spares.findIndex((s) => s.browser === browser);
    const opened = index < 0 ? undefined : await spares.splice(index, 1)[0]!.ready.catch(() => undefined);
    if (opened && !opened.page.isClosed()) return opened;
    // A spare whose page died: its context would otherwise stay open until the browser closes.
    if (opened) void opened.context.close().catch(() => {});
    return openPage(browser);
  }

  // Launched lazily and shared; forgotten on disconnect so the next render relaunches.
  function ensureBrowser(): Promise<Browser> {
    if (launching && current && !current.connected) forgetBrowser(current);
    if (!launching) {
      const attempt = launchBrowser();
      attempt.catch(() => {
        if (launching === attempt) launching = undefined;
      });
      launching = attempt;
    }
    return launching;
  }

  async function launchBrowser(): Promise<Browser> {
    proxy ??= startGuardedProxy({ allowedPrivateHosts: allowList });
    const { url: proxyUrl } = await proxy;
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      // All traffic, loopback included, goes through the guarded proxy. Images are never wanted:
      // with Blink not loading them at all, a page of 400 <img>s no longer costs 400 intercepted
      // requests (≈ 0.4 s of a 100 KB page's render).
      args: [...CHROMIUM_ARGS, '--blink-settings=imagesEnabled=false', `--proxy-server=${proxyUrl}`, '--proxy-bypass-list=<-loopback>'],
      defaultViewport: { width: 1366, height: 900 },
      protocolTimeout: navigationTimeoutMs + 30_000,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    current = browser;
    browser.once('disconnected', () => forgetBrowser(browser));
    prepareSpares(browser);
    return browser;
  }

  function forgetBrowser(browser: Browser): void {
    if (current !== browser) return;
    current = undefined;
    launching = undefined;
    spares = spares.filter((s) => s.browser !== browser);
    void browser.close().catch(() => {}); // reap a half-dead process
  }

  async function renderOnce(browser: Browser, url: URL, signal: AbortSignal | undefined, pageOptions: PageOptions): Promise<RenderResult> {
    const startedAt = performance.now();
    // A fresh incognito-like context per render: no cookies/storage leak between sites.
    const { context, page } = await takePage(browser);
    const onAbort = () => void context.close().catch(() => {});
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      signal?.throwIfAborted();
      const navigation = await preparePage(page, url, pageOptions);
      let status = 0;
      let loaded = false;
      let response: HTTPResponse | null = null;
      try {
        // `load`, then our own settle wait: networkidle waits 500 ms after the last request even on a
        // static page, and never ends on pages that poll.
        response = await page.goto(url.href, { waitUntil: 'load', timeout: navigationTimeoutMs });
        status = response?.status() ?? navigation.status;
        loaded = true;
      } catch (error) {
        signal?.throwIfAborted();
        if (navigation.blocked) throw navigation.blocked;
        if (!browser.connected || isBrowserGone(error)) throw error; // let render() relaunch
        // `load` never came (a subresource hangs): keep whatever DOM exists, as long as the document itself arrived.
        if (!(error instanceof TimeoutError) || navigation.status === 0) throw toRenderError(error, url, navigationTimeoutMs);
        status = navigation.status;
      }
      if (loaded) await waitForSettledPage(page, navigation.inFlight, performance.now() + settleCapMs, response);
      signal?.throwIfAborted();
      // Read before serializing and before the phone-viewport relayout, so neither counts as blocking time.
      const labMetrics = await readLabMetrics(page);
      const html = await withTimeout(page.content(), CONTENT_TIMEOUT_MS, () =>
        new FetchError('BODY_TIMEOUT', url.href, `Timed out serializing the rendered DOM of ${url.href}.`),
      );
      const renderMs = Math.round(performance.now() - startedAt);
      const finalUrl = page.url(); // of the DOM just serialized, whatever a resize handler does next
      // After serializing: the DOM and links stay the desktop render's.
      const mobileLayout = await measureMobileLayout(page);
      signal?.throwIfAborted();
      return {
        finalUrl,
        status,
        html,
        renderMs,
        blockedResources: [...navigation.blockedByRobots.values()],
        ...(labMetrics ? { labMetrics } : {}),
        ...(mobileLayout ? { mobileLayout } : {}),
      };
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await context.close().catch(() => {});
      prepareSpares(browser);
    }
  }

  /**
   * Late content arrives as DOM changes, usually after an XHR/fetch or a lazily added script: the
   * page is settled once the DOM has been still for `quietMs` with none of those in flight, or at
   * `deadline` (pages that poll, stream or animate forever).
   */
  async function waitForSettledPage(page: Page, inFlight: ReadonlySet<HTTPRequest>, deadline: number, source: HTTPResponse | null): Promise<void> {
    try {
      const scriptFree = await isScriptFree(page, source, Math.round(deadline - performance.now()));
      for (;;) {
        const left = Math.round(deadline - performance.now());
        if (left <= 0) return;
        const wait = scriptFree ? `(${WAIT_FOR_FIRST_PAINT})(${Math.min(quietMs, left)})` : `(${WAIT_FOR_QUIET_DOM})(${quietMs}, ${left})`;
        // Raced on our side too: a busy or hostile page may never run the in-page timers.
        await raceTimeout(page.evaluate(wait), left);
        if (inFlight.size === 0) return;
        await waitUntil(() => inFlight.size === 0, deadline);
      }
    } catch {
      // The page navigated away or closed mid-wait: serializing it next says what happened
      // (a dead browser is detected there and relaunched by render()).
    }
  }

  async function preparePage(page: Page, url: URL, { robots, userAgent: pageAgent, headersFor }: PageOptions) {
    const navigation: {
      status: number;
      blocked?: FetchError;
      started: boolean;
      inFlight: Set<HTTPRequest>;
      blockedByRobots: Map<string, BlockedResource>;
    } = { status: 0, started: false, inFlight: new Set(), blockedByRobots: new Map() };
    const verdicts = new Map<string, Promise<FetchError | undefined>>();
    const checkHost = (target: URL) => {
      const key = `${target.protocol}//${target.host}`;
      if (!verdicts.has(key)) verdicts.set(key, resolveAllowedAddresses(target, allowList).then(() => undefined, toFetchError(target)));
      return verdicts.get(key)!;
    };
    const isMainNavigation = (req: HTTPRequest) => req.isNavigationRequest() && req.frame() === page.mainFrame();

    const recordBlocked = (target: URL, type: string) => {
      const key = `${type} ${target.href}`;
      if (navigation.blockedByRobots.size < MAX_BLOCKED_RECORDED && !navigation.blockedByRobots.has(key)) {
        navigation.blockedByRobots.set(key, { url: target.href, type });
      }
    };
    const settleRequest = (req: HTTPRequest) => navigation.inFlight.delete(req);

    page.on('dialog', (dialog) => void dialog.dismiss().catch(() => {}));
    page.on('response', (res) => {
      if (isMainNavigation(res.request())) navigation.status = res.status();
    });
    page.on('requestfinished', settleRequest);
    page.on('requestfailed', settleRequest);
    page.on('request', (req) => {
      void (async () => {
        const type = req.resourceType();
        if (BLOCKED_RESOURCE_TYPES.has(type)) return req.abort('blockedbyclient');
        const target = new URL(req.url());
        target.hash = '';
        if (PASS_THROUGH_PROTOCOLS.has(target.protocol)) return req.continue();
        // Counted from the start: the checks below may wait for a robots.txt, and the page is not settled meanwhile.
        if (CONTENT_REQUEST_TYPES.has(type)) navigation.inFlight.add(req);
        // The document we were asked to render was chosen by the caller (the crawler checked robots.txt
        // before fetching it; an instant analysis reads what the user asked for). Everything else the
        // browser requests — redirects, iframes, later navigations, subresources — must be allowed.
        const isRequestedDocument = isMainNavigation(req) && !navigation.started && req.redirectChain().length === 0;
        if (isMainNavigation(req)) navigation.started = true;
        const refusal =
          target.protocol === 'http:' || target.protocol === 'https:'
            ? await checkHost(target)
            : new FetchError('UNSUPPORTED_PROTOCOL', target.href, `Refused to load ${target.href} while rendering ${url.href}.`);
        if (refusal) {
          if (isMainNavigation(req)) navigation.blocked ??= refusal;
          settleRequest(req);
          return req.abort('blockedbyclient');
        }
        if (!isRequestedDocument && !(await robots.get(target.href)).isAllowed(target.href)) {
          recordBlocked(target, type);
          if (isMainNavigation(req)) {
            navigation.blocked ??= new FetchError('CONNECTION_FAILED', target.href, `robots.txt disallows ${target.href}, reached while rendering ${url.href}; it was not requested.`, {
              reason: BLOCKED_BY_ROBOTS,
            });
          }
          settleRequest(req);
          return req.abort('blockedbyclient');
        }
        const extra = headersFor?.(target.href);
        return extra ? req.continue({ headers: { ...req.headers(), ...extra } }) : req.continue();
      })().catch(() => {
        settleRequest(req);
        return req.abort('blockedbyclient').catch(() => {}); // never leave a request hanging; the page may be gone
      });
    });
    await page.setRequestInterception(true);
    await page.setBypassServiceWorker(true); // service-worker fetches would escape interception
    await page.setUserAgent({ userAgent: pageAgent });
    await installLabMetrics(page);
    return navigation;
  }

  async function render(rawUrl: string, { signal, robots = poolRobots, userAgent: renderAgent, headersFor }: RenderOptions = {}): Promise<RenderResult> {
    const pageOptions: PageOptions = { robots, userAgent: renderAgent ?? userAgent, headersFor };
    if (closed) throw new Error('Render pool is closed.');
    const url = parseRenderUrl(rawUrl);
    await resolveAllowedAddresses(url, allowList); // refuse early, before queueing or launching Chromium
    const release = await limiter.acquire(signal);
    try {
      const browser = await ensureBrowser();
      try {
        return await renderOnce(browser, url, signal, pageOptions);
      } catch (error) {
        // Chromium crashed or was killed under us: relaunch once and retry.
        if (signal?.aborted || closed || (browser.connected && !isBrowserGone(error))) throw error;
        forgetBrowser(browser);
        return await renderOnce(await ensureBrowser(), url, signal, pageOptions);
      }
    } finally {
      release();
    }
  }

  async function close(): Promise<void> {
    closed = true;
    spares = []; // closed with their browser
    const browser = await launching?.catch(() => undefined);
    launching = undefined;
    current = undefined;
    await browser?.close().catch(() => {});
    await (await proxy?.catch(() => undefined))?.close();
    if (!options.robots) poolRobots.clear();
  }

  return { render, close, getBrowser: () => (current?.connected ? current : undefined) };
}

/** robots.txt through the guarded fetch, bounded as a whole like the crawler's first request to a site. */
function createRobotsFetcher({ userAgent, allowedPrivateHosts }: { userAgent: string; allowedPrivateHosts: string[] }): RobotsFetcher {
  const deadlineMs = DEFAULT_SITE_ANSWER_TIMEOUT_MS;
  return async (url, signal) => {
    const deadline = AbortSignal.timeout(deadlineMs);
    try {
      const response = await fetchPage(url, {
        userAgent,
        allowedPrivateHosts,
        maxRedirects: 5,
        maxBodyBytes: ROBOTS_FETCH_MAX_BYTES,
        connectTimeoutMs: Math.min(5_000, deadlineMs),
        headersTimeoutMs: deadlineMs,
        bodyTimeoutMs: deadlineMs,
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      });
      return { status: response.status, body: response.body, finalUrl: response.finalUrl, redirectError: response.redirectError };
    } catch (error) {
      if (!deadline.aborted || signal?.aborted) throw error;
      throw new FetchError('HEADERS_TIMEOUT', url, `${url} did not answer within ${deadlineMs} ms.`, { cause: error });
    }
  };
}

/** Runs in the page: the scan half of `isScriptFree`, passed as source text like the waits below. */
const LOOKS_SCRIPT_FREE = `() => {
  const all = document.getElementsByTagName('*');
  if (all.length > 20000 || document.querySelector('iframe, frame, object, embed')) return false;
  for (const s of document.getElementsByTagName('script')) {
    const type = (s.getAttribute('type') || '').trim().toLowerCase();
    if (type === '' || type === 'module' || type.includes('script')) return false;
  }
  for (const el of all) for (const a of el.attributes) if (a.name.startsWith('on')) return false;
  return true;
}`;

/**
 * Runs in the page: resolves once no node or text has changed for `quietMs`, or after `capMs`.
 * Passed as source text, not a function, so no transpiler helper (esbuild's __name) leaks into it.
 * Attributes are left out on purpose: animations and carousels rewrite style/class forever, while
 * content arrives as nodes and text.
 */
const WAIT_FOR_QUIET_DOM = `(quietMs, capMs) => new Promise((resolve) => {
  let quiet;
  let cap;
  const observer = new MutationObserver(() => {
    clearTimeout(quiet);
    quiet = setTimeout(finish, quietMs);
  });
  function finish() {
    observer.disconnect();
    clearTimeout(quiet);
    clearTimeout(cap);
    resolve();
  }
  observer.observe(document, { subtree: true, childList: true, characterData: true });
  quiet = setTimeout(finish, quietMs);
  cap = setTimeout(finish, capMs);
})`;

/**
 * Runs in the page, instead of the quiet wait, for a script-free document (see `isScriptFree`): only
 * its first contentful paint, which the lab metrics read, may still be a frame or two away.
 */
const WAIT_FOR_FIRST_PAINT = `(capMs) => new Promise((resolve) => {
  const until = performance.now() + capMs;
  const painted = () => performance.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint');
  const poll = () => setTimeout(painted() || performance.now() >= until ? resolve : poll, 20);
  poll();
})`;

/**
 * A document without a script, an inline event handler or a frame has nothing that could change it
 * after `load` (data blocks such as JSON-LD are not scripts). Past 20,000 elements the scan is not
 * worth it and the quiet wait decides. A script inside a declarative shadow root runs, yet no scan of
 * the document can see it (a closed root is out of reach): a document whose source declares one is
 * never script-free. The source is read only for a page that passed the scan, as most pages do not.
 */
async function isScriptFree(page: Page, source: HTTPResponse | null, ms: number): Promise<boolean> {
  if (!source || (await raceTimeout(page.evaluate(`(${LOOKS_SCRIPT_FREE})()`), ms)) !== true) return false;
  const scanned = source.text().then((html) => !/shadowroot/i.test(html), () => false);
  return (await raceTimeout(scanned, Math.min(ms, 2_000))) === true;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits for `promise` at most `ms`, then goes on without it (its rejection is then ignored). */
function raceTimeout(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  promise.catch(() => {});
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls a cheap in-process condition (no CDP round trip) until it holds or `deadline` passes. */
async function waitUntil(condition: () => boolean, deadline: number): Promise<void> {
  while (!condition() && performance.now() < deadline) await sleep(Math.min(20, Math.max(0, deadline - performance.now())));
}

function parseRenderUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('INVALID_URL', raw, `Invalid URL: "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('UNSUPPORTED_PROTOCOL', url.href, `Cannot render ${url.href}: only http and https URLs are supported.`);
  }
  return url;
}

function toFetchError(url: URL) {
  return (error: unknown): FetchError =>
    error instanceof FetchError ? error : new FetchError('DNS_FAILURE', url.href, `Could not resolve ${url.hostname}.`, { cause: error });
}

function isBrowserGone(error: unknown): boolean {
  return /Target closed|Session closed|Connection closed|browser has disconnected|frame was detached/i.test(String((error as Error)?.message));
}

// Chromium reports failures as "net::ERR_…" strings; map the common ones onto our codes.
function toRenderError(error: unknown, url: URL, timeoutMs: number): FetchError {
  if (error instanceof TimeoutError) {
    return new FetchError('HEADERS_TIMEOUT', url.href, `${url.href} did not respond within ${timeoutMs} ms while rendering.`, { cause: error });
  }
  const message = String((error as Error)?.message ?? error);
  const code: FetchErrorCode = /ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/.test(message)
    ? 'DNS_FAILURE'
    : /ERR_CONNECTION_TIMED_OUT|ERR_TIMED_OUT/.test(message)
      ? 'CONNECT_TIMEOUT'
      : 'CONNECTION_FAILED';
  return new FetchError(code, url.href, `Could not render ${url.href}: ${message}`, { cause: error });
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A counting semaphore: at most `size` holders, FIFO queue, abortable while waiting. */
function createLimiter(size: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  const createRelease = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      if (next) next(); // hand the slot straight to the next waiter
      else active--;
    };
  };
  async function acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (active < size) {
      active++;
      return createRelease();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        waiting.splice(waiting.indexOf(grant), 1);
        reject(signal?.reason);
      };
      waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return createRelease();
  }
  return { acquire };
}

