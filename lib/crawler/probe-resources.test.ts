import { describe, expect, it, vi } from 'vitest';
import { fetchResponse } from '@/test/test-page';
import type { FetchPageFn } from '@/lib/crawler/follow-redirects';
import { probeResources, probeSettingsSchema, type ProbeResourcesInput, type ProbeTargets } from '@/lib/crawler/probe-resources';
import { createRobotsRules, type RobotsCache, type RobotsRules } from '@/lib/crawler/robots';
import { FetchError } from '@/lib/fetch/fetch-error';
import type { FetchOptions, FetchResult } from '@/lib/fetch/types';

const A = 'https://a.example';
const B = 'https://b.example';

const response = fetchResponse;

type Answer = FetchResult | Error;
type Call = { url: string; options: FetchOptions };

/** fetchPage answering from a table keyed by "METHOD url"; unknown requests get a 200. */
function fakeFetch(table: Record<string, Answer | ((url: string, options: FetchOptions) => Promise<FetchResult>)> = {}) {
  const calls: Call[] = [];
  const fetchPage: FetchPageFn = async (url, options = {}) => {
    calls.push({ url, options });
    const answer = table[`${options.method ?? 'GET'} ${url}`];
    if (typeof answer === 'function') return answer(url, options);
    if (answer instanceof Error) throw answer;
    return answer ?? response(url, 200);
  };
  return { fetchPage, calls, requests: () => calls.map((call) => `${call.options.method} ${call.url}`) };
}

/** robots.txt per origin: a body (served 200) or a ready RobotsRules. */
function robotsCache(byOrigin: Record<string, string | RobotsRules>): RobotsCache {
  const rules = (url: string): RobotsRules => {
    const origin = new URL(url).origin;
    const entry = byOrigin[origin] ?? '';
    return typeof entry === 'string' ? createRobotsRules({ url: `${origin}/robots.txt`, status: 200, body: entry, outcome: 'parsed' }) : entry;
  };
  return { get: async (url) => rules(url), peek: rules, clear: () => {} };
}

const noSleep = vi.fn(async () => {});

function probe(targets: Partial<ProbeTargets>, fetchPage: FetchPageFn, extra: Partial<ProbeResourcesInput> = {}) {
  return probeResources({ targets: { links: [], images: [], ...targets }, fetchPage, fetchOptions: { userAgent: 'TestBot/1.0' }, sleep: noSleep, ...extra });
}

const byUrl = <T extends { url: string }>(list: T[]) => [...list].sort((a, b) => (a.url < b.url ? -1 : 1));

describe('probeSettingsSchema', () => {
  it('defaults to 200 links and 200 images, 4 hosts at once, 5 s per request and 60 s in all', () => {
    expect(probeSettingsSchema.parse({})).toEqual({
      maxLinks: 200,
      maxImages: 200,
      concurrency: 4,
      perHostDelayMs: 250,
      timeoutMs: 5_000,
      budgetMs: 60_000,
      imageByteCap: 512 * 1024 + 1,
      maxAssets: 100,
      assetByteCap: 1024 * 1024,
    });
  });

  it('refuses caps out of range', () => {
    expect(probeSettingsSchema.safeParse({ maxLinks: 2_001 }).success).toBe(false);
    expect(probeSettingsSchema.safeParse({ concurrency: 0 }).success).toBe(false);
    expect(probeSettingsSchema.safeParse({ timeoutMs: 100 }).success).toBe(false);
    expect(probeSettingsSchema.safeParse({ maxLinks: 2_000, timeoutMs: 500 }).success).toBe(true);
  });
});

describe('probeResources: status', () => {
  it('takes a link’s status from a HEAD request, with the crawl’s user agent, the per-request timeout and a tiny body cap', async () => {
    const fake = fakeFetch();
    const results = await probe({ links: [`${A}/ok`] }, fake.fetchPage, { settings: { timeoutMs: 1_234 } });
    expect(results).toEqual([{ url: `${A}/ok`, kind: 'link', status: 200, contentType: 'text/html' }]);
    expect(fake.requests()).toEqual([`HEAD ${A}/ok`]);
    expect(fake.calls[0]!.options).toMatchObject({
      userAgent: 'TestBot/1.0',
      method: 'HEAD',
      connectTimeoutMs: 1_234,
      headersTimeoutMs: 1_234,
      bodyTimeoutMs: 1_234,
      maxBodyBytes: 1_024,
      maxRedirects: 5,
    });
  });

  it('falls back to GET when HEAD fails or answers with an error, and keeps the GET answer', async () => {
    const fake = fakeFetch({
      [`HEAD ${A}/no-head`]: response(`${A}/no-head`, 405),
      [`HEAD ${B}/throws`]: new FetchError('CONNECTION_FAILED', `${B}/throws`, 'reset'),
      [`HEAD ${A}/gone`]: response(`${A}/gone`, 404),
      [`GET ${A}/gone`]: response(`${A}/gone`, 404),
    });
    const results = await probe({ links: [`${A}/no-head`, `${B}/throws`, `${A}/gone`] }, fake.fetchPage);
    expect(byUrl(results).map((r) => [r.url, r.status])).toEqual([
      [`${A}/gone`, 404],
      [`${A}/no-head`, 200],
      [`${B}/throws`, 200],
    ]);
    expect(fake.requests().filter((r) => r.startsWith('GET')).sort()).toEqual([`GET ${A}/gone`, `GET ${A}/no-head`, `GET ${B}/throws`]);
  });

  it('records status 0 with the cause when neither HEAD nor GET got an answer', async () => {
    const dns = new FetchError('DNS_FAILURE', `${A}/x`, 'getaddrinfo ENOTFOUND a.example');
    const fake = fakeFetch({ [`HEAD ${A}/x`]: dns, [`GET ${A}/x`]: dns });
    expect(await probe({ links: [`${A}/x`] }, fake.fetchPage)).toEqual([
      { url: `${A}/x`, kind: 'link', status: 0, error: 'getaddrinfo ENOTFOUND a.example', errorCode: 'DNS_FAILURE' },
    ]);
  });

  it('records the first redirect’s status and where the redirects ended', async () => {
    const fake = fakeFetch({
      [`HEAD ${A}/old`]: response(`${A}/old`, 200, { finalUrl: `${B}/new`, redirects: [{ url: `${A}/old`, status: 301, location: `${B}/new` }] }),
    });
    const [result] = await probe({ links: [`${A}/old`] }, fake.fetchPage);
    expect(result).toMatchObject({ status: 200, redirectStatus: 301, finalUrl: `${B}/new` });
    const [plain] = await probe({ links: [`${A}/plain`] }, fakeFetch().fetchPage);
    expect(plain).not.toHaveProperty('redirectStatus');
  });
});

describe('probeResources: stylesheets and scripts', () => {
  it('records size and caching headers of a stylesheet and a script, probing a URL listed twice once', async () => {
    const headers = { 'content-length': '4096', 'cache-control': 'public, max-age=31536000', etag: '"abc"', 'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT', 'x-other': 'ignored' };
    const fake = fakeFetch({
      [`HEAD ${A}/app.css`]: response(`${A}/app.css`, 200, { headers, contentType: 'text/css' }),
      [`HEAD ${A}/app.js`]: response(`${A}/app.js`, 200, { headers: { 'content-length': '10', expires: 'Thu, 01 Jan 2026 00:00:00 GMT', date: 'Wed, 31 Dec 2025 00:00:00 GMT' } }),
    });
    const results = byUrl(await probe({ stylesheets: [`${A}/app.css`], scripts: [`${A}/app.js`, `${A}/app.css`], links: [`${A}/app.js`] }, fake.fetchPage));
    expect(results).toEqual([
      { url: `${A}/app.css`, kind: 'stylesheet', status: 200, contentType: 'text/css', bytes: 4096, cache: { cacheControl: 'public, max-age=31536000', etag: '"abc"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' } },
      { url: `${A}/app.js`, kind: 'script', status: 200, contentType: 'text/html', bytes: 10, cache: { expires: 'Thu, 01 Jan 2026 00:00:00 GMT', date: 'Wed, 31 Dec 2025 00:00:00 GMT' } },
    ]);
    expect(fake.requests().sort()).toEqual([`HEAD ${A}/app.css`, `HEAD ${A}/app.js`]);
  });

  it('measures a script without Content-Length with a GET capped at assetByteCap', async () => {
    const fake = fakeFetch({ [`GET ${A}/big.js`]: response(`${A}/big.js`, 200, { bodyBytes: 4_096, truncated: true }) });
    const [result] = await probe({ scripts: [`${A}/big.js`] }, fake.fetchPage, { settings: { assetByteCap: 4_096 } });
    expect(result).toMatchObject({ kind: 'script', bytes: 4_096, bytesAtLeast: true, cache: {} });
    expect(fake.calls.map((call) => [call.options.method, call.options.maxBodyBytes])).toEqual([
      ['HEAD', 4_096],
      ['GET', 4_096],
    ]);
  });

  it('records no caching headers for an asset that errors', async () => {
    const fake = fakeFetch({ [`HEAD ${A}/gone.css`]: response(`${A}/gone.css`, 404, { headers: { 'cache-control': 'no-store' } }), [`GET ${A}/gone.css`]: response(`${A}/gone.css`, 404) });
    const [result] = await probe({ stylesheets: [`${A}/gone.css`] }, fake.fetchPage);
    expect(result).toEqual({ url: `${A}/gone.css`, kind: 'stylesheet', status: 404, contentType: 'text/html' });
  });
});

describe('probeResources: image sizes', () => {
  it('reads the size from Content-Length of a HEAD answer, without a GET', async () => {
    const fake = fakeFetch({ [`HEAD ${A}/big.jpg`]: response(`${A}/big.jpg`, 200, { headers: { 'content-length': '700000' }, contentType: 'image/jpeg' }) });
    expect(await probe({ images: [`${A}/big.jpg`] }, fake.fetchPage)).toEqual([{ url: `${A}/big.jpg`, kind: 'image', status: 200, contentType: 'image/jpeg', bytes: 700_000, cache: {} }]);
    expect(fake.requests()).toEqual([`HEAD ${A}/big.jpg`]);
  });

  it('measures with a byte-capped GET when HEAD gives no Content-Length; reaching the cap means "at least"', async () => {
    const cap = 2_048;
    const fake = fakeFetch({
      [`GET ${A}/small.png`]: response(`${A}/small.png`, 200, { bodyBytes: 900 }),
      [`GET ${A}/huge.png`]: response(`${A}/huge.png`, 200, { bodyBytes: cap, truncated: true }),
    });
    const results = byUrl(await probe({ images: [`${A}/small.png`, `${A}/huge.png`] }, fake.fetchPage, { settings: { imageByteCap: cap } }));
    expect(results.map((r) => [r.url, r.bytes, r.bytesAtLeast])).toEqual([
      [`${A}/huge.png`, cap, true],
      [`${A}/small.png`, 900, undefined],
    ]);
    expect(fake.calls.filter((call) => call.options.method === 'GET').map((call) => call.options.maxBodyBytes)).toEqual([cap, cap]);
  });

  it('gives no size for an image that errors', async () => {
    const fake = fakeFetch({ [`HEAD ${A}/gone.png`]: response(`${A}/gone.png`, 404, { headers: { 'content-length': '120' } }), [`GET ${A}/gone.png`]: response(`${A}/gone.png`, 404, { bodyBytes: 120 }) });
    const [result] = await probe({ images: [`${A}/gone.png`] }, fake.fetchPage);
    expect(result).toMatchObject({ status: 404 });
    expect(result).not.toHaveProperty('bytes');
  });
});

describe('probeResources: targets', () => {
  it('probes a URL that is both a link and an image once, as an image, and skips what is not http(s)', async () => {
    const fake = fakeFetch();
    const results = await probe({ links: [`${A}/pic.jpg`, 'mailto:x@a.example', 'not a url', `${A}/page`], images: [`${A}/pic.jpg`, 'data:image/png;base64,AAAA'] }, fake.fetchPage);
    expect(byUrl(results).map((r) => [r.url, r.kind])).toEqual([
      [`${A}/page`, 'link'],
      [`${A}/pic.jpg`, 'image'],
    ]);
    expect(fake.calls.map((call) => call.url).filter((url) => url === `${A}/pic.jpg`)).toHaveLength(2); // HEAD, then GET for the size
  });
});

describe('probeResources: robots.txt', () => {
  it('does not request a URL its host’s robots.txt disallows', async () => {
    const fake = fakeFetch();
    const robots = robotsCache({ [A]: 'User-agent: *\nDisallow: /private/\n' });
    const results = byUrl(await probe({ links: [`${A}/private/x`, `${A}/public`] }, fake.fetchPage, { robots }));
    expect(results).toEqual([
      { url: `${A}/private/x`, kind: 'link', status: 0, blockedByRobots: true },
      { url: `${A}/public`, kind: 'link', status: 200, contentType: 'text/html' },
    ]);
    expect(fake.requests()).toEqual([`HEAD ${A}/public`]);
  });

  it('reports a host whose robots.txt never answered as down, without asking it again', async () => {
    const fake = fakeFetch();
    const down = createRobotsRules({ url: `${A}/robots.txt`, status: 0, body: null, outcome: 'disallow-all', failure: { code: 'DNS_FAILURE', message: 'host not found' } });
    const results = await probe({ links: [`${A}/x`] }, fake.fetchPage, { robots: robotsCache({ [A]: down }) });
    expect(results).toEqual([{ url: `${A}/x`, kind: 'link', status: 0, error: 'host not found', errorCode: 'DNS_FAILURE' }]);
    expect(fake.calls).toEqual([]);
  });

  it('reads a robots.txt that answered 5xx as "disallow all": blocked, not broken', async () => {
    const fake = fakeFetch();
    const unavailable = createRobotsRules({ url: `${A}/robots.txt`, status: 503, body: null, outcome: 'disallow-all' });
    expect(await probe({ links: [`${A}/x`] }, fake.fetchPage, { robots: robotsCache({ [A]: unavailable }) })).toEqual([{ url: `${A}/x`, kind: 'link', status: 0, blockedByRobots: true }]);
    expect(fake.calls).toEqual([]);
  });

  it('requests everything when no robots cache is given', async () => {
    const fake = fakeFetch();
    await probe({ links: [`${A}/private/x`] }, fake.fetchPage);
    expect(fake.requests()).toEqual([`HEAD ${A}/private/x`]);
  });
});

describe('probeResources: pacing', () => {
  it('pauses between two requests to one host, not before the first nor across hosts', async () => {
    const sleep = vi.fn(async () => {});
    await probe({ links: [`${A}/1`, `${A}/2`, `${A}/3`, `${B}/1`] }, fakeFetch().fetchPage, { sleep, settings: { perHostDelayMs: 321 } });
    expect(sleep).toHaveBeenCalledTimes(2);
    expect(sleep.mock.calls.every((call) => (call as unknown[])[0] === 321)).toBe(true);
  });

  it('does not pause for a URL robots.txt kept it from requesting', async () => {
    const sleep = vi.fn(async () => {});
    const robots = robotsCache({ [A]: 'User-agent: *\nDisallow: /private/\n' });
    await probe({ links: [`${A}/private/1`, `${A}/private/2`, `${A}/public`] }, fakeFetch().fetchPage, { sleep, robots });
    expect(sleep).not.toHaveBeenCalled();
  });

  it('asks at most `concurrency` hosts at once, and one host one request at a time', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const perHost = new Map<string, number>();
    let maxPerHost = 0;
    const slow = async (url: string) => {
      const host = new URL(url).host;
      inFlight++;
      perHost.set(host, (perHost.get(host) ?? 0) + 1);
      maxInFlight = Math.max(maxInFlight, inFlight);
      maxPerHost = Math.max(maxPerHost, perHost.get(host)!);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      perHost.set(host, perHost.get(host)! - 1);
      return response(url, 200);
    };
    const links = ['h1', 'h2', 'h3', 'h4', 'h5'].flatMap((host) => [`https://${host}.example/a`, `https://${host}.example/b`]);
    const results = await probe({ links }, slow, { settings: { concurrency: 2 } });
    expect(results).toHaveLength(10);
    expect(maxInFlight).toBe(2);
    expect(maxPerHost).toBe(1);
  });
});

describe('probeResources: deadline', () => {
  it('ends early when the caller aborts, resolving with what was probed so far', async () => {
    const controller = new AbortController();
    const fake = fakeFetch({
      [`HEAD ${A}/2`]: async (_url, options) => {
        controller.abort(new Error('shutdown'));
        throw options.signal!.reason;
      },
    });
    const results = await probe({ links: [`${A}/1`, `${A}/2`, `${A}/3`] }, fake.fetchPage, { signal: controller.signal });
    expect(results.map((r) => r.url)).toEqual([`${A}/1`]);
    expect(fake.requests()).toEqual([`HEAD ${A}/1`, `HEAD ${A}/2`]);
  });

  it('leaves out a URL whose GET fallback was cut by the abort (not reported as broken)', async () => {
    const controller = new AbortController();
    const fake = fakeFetch({
      [`HEAD ${A}/x`]: response(`${A}/x`, 405),
      [`GET ${A}/x`]: async (_url, options) => {
        controller.abort(new Error('shutdown'));
        throw options.signal!.reason;
      },
    });
    expect(await probe({ links: [`${A}/x`] }, fake.fetchPage, { signal: controller.signal })).toEqual([]);
  });

  it('stops at the whole-probe budget even when a host never answers', async () => {
    const hang = (_url: string, options: FetchOptions) =>
      new Promise<FetchResult>((_resolve, reject) => options.signal!.addEventListener('abort', () => reject(options.signal!.reason), { once: true }));
    const started = Date.now();
    const results = await probe({ links: [`${A}/hangs`, `${B}/fine`] }, fakeFetch({ [`HEAD ${A}/hangs`]: hang }).fetchPage, { settings: { budgetMs: 1_000 } });
    expect(results.map((r) => r.url)).toEqual([`${B}/fine`]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
