import puppeteer, { TimeoutError, type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { FetchError } from '@/lib/fetch/fetch-error';
import { DEFAULT_USER_AGENT } from '@/lib/fetch/fetch-page';
import { startGuardedProxy, type GuardedProxy } from '@/lib/fetch/guarded-proxy';
import { resolveAllowedAddresses } from '@/lib/fetch/ssrf-guard';
import type { FetchErrorCode, RenderResult } from '@/lib/fetch/types';

export type RenderPoolOptions = {
  executablePath?: string;
  /** Maximum concurrent pages; further renders wait in a queue. */
  size?: number;
  userAgent?: string;
  navigationTimeoutMs?: number;
  allowedPrivateHosts?: string[];
};

export type RenderPool = {
  render(url: string, options?: { signal?: AbortSignal }): Promise<RenderResult>;
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

export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const executablePath = options.executablePath ?? '/usr/bin/chromium';
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const navigationTimeoutMs = options.navigationTimeoutMs ?? 30_000;
  const allowList = options.allowedPrivateHosts ?? [];
  const limiter = createLimiter(Math.max(1, options.size ?? 2));
  let launching: Promise<Browser> | undefined;
  let current: Browser | undefined;
  let proxy: Promise<GuardedProxy> | undefined;
  let closed = false;

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
      // All traffic, loopback included, goes through the guarded proxy.
      args: [...CHROMIUM_ARGS, `--proxy-server=${proxyUrl}`, '--proxy-bypass-list=<-loopback>'],
      defaultViewport: { width: 1366, height: 900 },
      protocolTimeout: navigationTimeoutMs + 30_000,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    current = browser;
    browser.once('disconnected', () => forgetBrowser(browser));
    return browser;
  }

  function forgetBrowser(browser: Browser): void {
    if (current !== browser) return;
    current = undefined;
    launching = undefined;
    void browser.close().catch(() => {}); // reap a half-dead process
  }

  async function renderOnce(browser: Browser, url: URL, signal: AbortSignal | undefined): Promise<RenderResult> {
    const startedAt = performance.now();
    // A fresh incognito-like context per render: no cookies/storage leak between sites.
    const context = await browser.createBrowserContext();
    const onAbort = () => void context.close().catch(() => {});
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      signal?.throwIfAborted();
      const page = await context.newPage();
      const navigation = await preparePage(page, url);
      let status = 0;
      try {
        const response = await page.goto(url.href, { waitUntil: 'networkidle2', timeout: navigationTimeoutMs });
        status = response?.status() ?? navigation.status;
      } catch (error) {
        signal?.throwIfAborted();
        if (navigation.blocked) throw navigation.blocked;
        if (!browser.connected || isBrowserGone(error)) throw error; // let render() relaunch
        // The network never went idle: keep whatever DOM exists, as long as the document itself arrived.
        if (!(error instanceof TimeoutError) || navigation.status === 0) throw toRenderError(error, url, navigationTimeoutMs);
        status = navigation.status;
      }
      const html = await withTimeout(page.content(), CONTENT_TIMEOUT_MS, () =>
        new FetchError('BODY_TIMEOUT', url.href, `Timed out serializing the rendered DOM of ${url.href}.`),
      );
      return { finalUrl: page.url(), status, html, renderMs: Math.round(performance.now() - startedAt) };
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await context.close().catch(() => {});
    }
  }

  async function preparePage(page: Page, url: URL) {
    const navigation: { status: number; blocked?: FetchError } = { status: 0 };
    const verdicts = new Map<string, Promise<FetchError | undefined>>();
    const checkHost = (target: URL) => {
      const key = `${target.protocol}//${target.host}`;
      if (!verdicts.has(key)) verdicts.set(key, resolveAllowedAddresses(target, allowList).then(() => undefined, toFetchError(target)));
      return verdicts.get(key)!;
    };
    const isMainNavigation = (req: HTTPRequest) => req.isNavigationRequest() && req.frame() === page.mainFrame();

    page.on('dialog', (dialog) => void dialog.dismiss().catch(() => {}));
    page.on('response', (res) => {
      if (isMainNavigation(res.request())) navigation.status = res.status();
    });
    page.on('request', (req) => {
      void (async () => {
        if (BLOCKED_RESOURCE_TYPES.has(req.resourceType())) return req.abort('blockedbyclient');
        const target = new URL(req.url());
        if (PASS_THROUGH_PROTOCOLS.has(target.protocol)) return req.continue();
        const refusal =
          target.protocol === 'http:' || target.protocol === 'https:'
            ? await checkHost(target)
            : new FetchError('UNSUPPORTED_PROTOCOL', target.href, `Refused to load ${target.href} while rendering ${url.href}.`);
        if (!refusal) return req.continue();
        if (isMainNavigation(req)) navigation.blocked ??= refusal;
        return req.abort('blockedbyclient');
      })().catch(() => req.abort('blockedbyclient').catch(() => {})); // never leave a request hanging; the page may be gone
    });
    await page.setRequestInterception(true);
    await page.setBypassServiceWorker(true); // service-worker fetches would escape interception
    await page.setUserAgent({ userAgent });
    return navigation;
  }

  async function render(rawUrl: string, { signal }: { signal?: AbortSignal } = {}): Promise<RenderResult> {
    if (closed) throw new Error('Render pool is closed.');
    const url = parseRenderUrl(rawUrl);
    await resolveAllowedAddresses(url, allowList); // refuse early, before queueing or launching Chromium
    const release = await limiter.acquire(signal);
    try {
      const browser = await ensureBrowser();
      try {
        return await renderOnce(browser, url, signal);
      } catch (error) {
        // Chromium crashed or was killed under us: relaunch once and retry.
        if (signal?.aborted || closed || (browser.connected && !isBrowserGone(error))) throw error;
        forgetBrowser(browser);
        return await renderOnce(await ensureBrowser(), url, signal);
      }
    } finally {
      release();
    }
  }

  async function close(): Promise<void> {
    closed = true;
    const browser = await launching?.catch(() => undefined);
    launching = undefined;
    current = undefined;
    await browser?.close().catch(() => {});
    await (await proxy?.catch(() => undefined))?.close();
  }

  return { render, close, getBrowser: () => (current?.connected ? current : undefined) };
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

