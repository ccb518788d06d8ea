// After the crawl: the status (and, for images, stylesheets and scripts, the size and caching
// headers) of a capped sample of URLs the crawl never fetches — links to other sites, images and the
// pages' own CSS/JS — so the site checks can report broken and redirecting external links, broken
// and oversized images, static assets without a cache lifetime and heavy pages. Polite like the crawl: robots.txt of each host
// obeyed, one request at a time per host with a pause between, our User-Agent, the same SSRF guard
// (fetchPage), a HEAD first and a byte-capped GET only when HEAD is refused, and a deadline for
// the whole probe so a slow host never holds up the audit.
import { z } from 'zod';
import { getUnansweredFailure } from '@/lib/crawler/crawl-robots';
import type { FetchPageFn } from '@/lib/crawler/follow-redirects';
import type { RobotsCache } from '@/lib/crawler/robots';
import { toFetchFailure } from '@/lib/fetch/fetch-error';
import type { FetchOptions, FetchResult } from '@/lib/fetch/types';

export const probeSettingsSchema = z.object({
  /** Distinct link targets on other sites probed per audit. */
  maxLinks: z.number().int().min(0).max(2_000).default(200),
  /** Distinct image URLs probed per audit. */
  maxImages: z.number().int().min(0).max(2_000).default(200),
  /** Distinct stylesheet and script URLs probed per audit (for cache headers and page weight). */
  maxAssets: z.number().int().min(0).max(2_000).default(100),
  /** Hosts probed at once (each host one request at a time). */
  concurrency: z.number().int().min(1).max(16).default(4),
  /** Pause between two requests to one host. */
  perHostDelayMs: z.number().int().min(0).max(10_000).default(250),
  /** Deadline of one request (connect to headers; a capped GET body too). */
  timeoutMs: z.number().int().min(500).max(60_000).default(5_000),
  /** Deadline of the whole probe: what is not probed by then is left out (its checks stay silent). */
  budgetMs: z.number().int().min(1_000).max(600_000).default(60_000),
  /** Bytes a GET fallback reads of an image without Content-Length: enough to tell "over the large-image threshold". */
  imageByteCap: z.number().int().min(1_024).max(10 * 1024 * 1024).default(512 * 1024 + 1),
  /** Bytes a GET fallback reads of a stylesheet or script without Content-Length (then its size is "at least" this). */
  assetByteCap: z.number().int().min(1_024).max(10 * 1024 * 1024).default(1024 * 1024),
});
export type ProbeSettings = z.output<typeof probeSettingsSchema>;

export type ProbeKind = 'link' | 'image' | 'stylesheet' | 'script';
export type ProbeTargets = { links: readonly string[]; images: readonly string[]; stylesheets?: readonly string[]; scripts?: readonly string[] };

/** The caching headers of a static asset's answer, as sent (absent header: absent key). */
export type CacheHeaders = { cacheControl?: string; expires?: string; date?: string; etag?: string; lastModified?: string };

export type ResourceProbe = {
  url: string;
  kind: ProbeKind;
  /** Final status after redirects; 0 when the request failed or was not made. */
  status: number;
  /** Status of the first answer when it redirected (3xx), with where the redirects ended. */
  redirectStatus?: number;
  finalUrl?: string;
  /** Bytes of an image, stylesheet or script: Content-Length, or what a capped GET read (then bytesAtLeast). */
  bytes?: number;
  bytesAtLeast?: boolean;
  contentType?: string;
  /** Caching headers of a 2xx image, stylesheet or script. */
  cache?: CacheHeaders;
  /** robots.txt of its host disallows it: not requested. */
  blockedByRobots?: boolean;
  /** Why there is no answer (DNS, refused, timeout), with the FetchError code (BLOCKED_PRIVATE_ADDRESS: we refused to ask). */
  error?: string;
  errorCode?: string;
};

export type ProbeResourcesInput = {
  targets: ProbeTargets;
  fetchPage: FetchPageFn;
  /** User agent and private-host allow-list of the crawl. */
  fetchOptions: FetchOptions;
  /** robots.txt per host; without it nothing is checked against robots.txt. */
  robots?: RobotsCache;
  settings?: Partial<ProbeSettings>;
  signal?: AbortSignal;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

type Target = { url: string; kind: ProbeKind };

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** Targets grouped by host (a URL listed twice is probed once: as an asset rather than a link). */
function groupByHost(targets: ProbeTargets): Map<string, Target[]> {
  const byUrl = new Map<string, Target>();
  for (const url of targets.links) byUrl.set(url, { url, kind: 'link' });
  for (const url of targets.scripts ?? []) byUrl.set(url, { url, kind: 'script' });
  for (const url of targets.stylesheets ?? []) byUrl.set(url, { url, kind: 'stylesheet' });
  for (const url of targets.images) byUrl.set(url, { url, kind: 'image' });
  const byHost = new Map<string, Target[]>();
  for (const target of byUrl.values()) {
    let host: string;
    try {
      const parsed = new URL(target.url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
      host = parsed.host;
    } catch {
      continue;
    }
    const list = byHost.get(host) ?? [];
    list.push(target);
    byHost.set(host, list);
  }
  return byHost;
}

const byteCap = (kind: ProbeKind, settings: ProbeSettings) => (kind === 'link' ? 1_024 : kind === 'image' ? settings.imageByteCap : settings.assetByteCap);

const CACHE_HEADERS = [
  ['cache-control', 'cacheControl'],
  ['expires', 'expires'],
  ['date', 'date'],
  ['etag', 'etag'],
  ['last-modified', 'lastModified'],
] as const;

function cacheHeadersOf(headers: Record<string, string>): CacheHeaders {
  const cache: CacheHeaders = {};
  for (const [header, key] of CACHE_HEADERS) {
    const value = headers[header];
    if (value !== undefined) cache[key] = value.slice(0, 200);
  }
  return cache;
}

function describe(target: Target, response: FetchResult, settings: ProbeSettings, fromGet: boolean): ResourceProbe {
  const first = response.redirects[0];
  const length = Number(response.headers['content-length']);
  const probe: ResourceProbe = { url: target.url, kind: target.kind, status: response.status, contentType: response.contentType };
  if (first) Object.assign(probe, { redirectStatus: first.status, finalUrl: response.finalUrl });
  if (target.kind !== 'link' && response.status >= 200 && response.status < 300) {
    if (Number.isFinite(length) && length >= 0 && response.headers['content-length'] !== undefined) probe.bytes = length;
    else if (fromGet) Object.assign(probe, { bytes: response.bodyBytes, ...(response.bodyBytes >= byteCap(target.kind, settings) ? { bytesAtLeast: true } : {}) });
    probe.cache = cacheHeadersOf(response.headers);
  }
  return probe;
}

/** HEAD, then a byte-capped GET when HEAD failed, was refused, or left an image's size unknown. */
async function probeOne(target: Target, input: ProbeResourcesInput, settings: ProbeSettings, signal: AbortSignal): Promise<ResourceProbe> {
  const request = (method: 'GET' | 'HEAD') =>
    input.fetchPage(target.url, {
      ...input.fetchOptions,
      method,
      connectTimeoutMs: settings.timeoutMs,
      headersTimeoutMs: settings.timeoutMs,
      bodyTimeoutMs: settings.timeoutMs,
      // Links: only the status matters. Images and CSS/JS: enough bytes to tell "too large".
      maxBodyBytes: byteCap(target.kind, settings),
      maxRedirects: 5,
      signal,
    });
  let head: FetchResult | null = null;
  try {
    head = await request('HEAD');
  } catch {
    if (signal.aborted) throw signal.reason;
  }
  const sizeUnknown = head !== null && target.kind !== 'link' && head.status < 300 && head.headers['content-length'] === undefined;
  if (head && head.status < 400 && !sizeUnknown) return describe(target, head, settings, false);
  try {
    return describe(target, await request('GET'), settings, true);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const failure = toFetchFailure(error);
    return { url: target.url, kind: target.kind, status: 0, error: failure.message, errorCode: failure.code };
  }
}

async function probeHost(targets: Target[], input: ProbeResourcesInput, settings: ProbeSettings, signal: AbortSignal, out: ResourceProbe[]): Promise<void> {
  const sleep = input.sleep ?? defaultSleep;
  let first = true;
  for (const target of targets) {
    if (signal.aborted) return;
    const rules = input.robots ? await input.robots.get(target.url, signal) : null;
    if (signal.aborted) return;
    // A host that never answered its robots.txt (DNS, refused, timeout) is down: the link is broken, no need to ask again.
    const down = rules && getUnansweredFailure(rules);
    if (down) {
      out.push({ url: target.url, kind: target.kind, status: 0, error: down.message, errorCode: down.code });
      continue;
    }
    if (rules && !rules.isAllowed(target.url)) {
      out.push({ url: target.url, kind: target.kind, status: 0, blockedByRobots: true });
      continue;
    }
    if (!first) await sleep(settings.perHostDelayMs, signal);
    first = false;
    if (signal.aborted) return;
    try {
      out.push(await probeOne(target, input, settings, signal));
    } catch {
      return; // only an abort (deadline or caller) gets here
    }
  }
}

/**
 * Probe the targets (already capped by the caller); resolves with one result per URL probed before
 * the deadline, in no particular order. Never rejects: an abort just ends the probe early.
 */
export async function probeResources(input: ProbeResourcesInput): Promise<ResourceProbe[]> {
  const settings = probeSettingsSchema.parse(input.settings ?? {});
  const deadline = AbortSignal.timeout(settings.budgetMs);
  const signal = input.signal ? AbortSignal.any([input.signal, deadline]) : deadline;
  const hosts = [...groupByHost(input.targets).values()];
  const out: ResourceProbe[] = [];
  let next = 0;
  const worker = async () => {
    while (next < hosts.length && !signal.aborted) await probeHost(hosts[next++]!, input, settings, signal, out);
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, hosts.length) }, worker));
  return out;
}
