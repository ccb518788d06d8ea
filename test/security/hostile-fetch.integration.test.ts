// Hostile targets the fetcher and crawler meet that fetch-page.integration.test.ts and
// crawl-site.integration.test.ts do not already cover: a body drip-fed a byte at a time, a body that
// never ends, 50 MB of HTML, bytes that are not UTF-8, and crawl traps (an endless calendar, URLs
// that grow with every link, a fresh session id in every link). For each: the time is bounded, the
// memory is bounded, the page gets a clear error (or a truncation flag), and the process's event
// loop keeps turning (a web server or worker on it would keep answering).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPageFacts } from '@/lib/analysis/extract-page-facts';
import { pageChecks } from '@/lib/checks/page-checks';
import { crawlSite } from '@/lib/crawler/crawl-site';
import type { CrawlOptions, CrawlPageResult } from '@/lib/crawler/crawl-types';
import { FetchError } from '@/lib/fetch/fetch-error';
import { watchEventLoopLag } from '@/lib/fetch/event-loop-lag';
import { fetchPage } from '@/lib/fetch/fetch-page';
import { looksClientRendered } from '@/lib/fetch/looks-client-rendered';

const ALLOW = { allowedPrivateHosts: ['127.0.0.1'] };
const MB = 1024 * 1024;
/** The event loop may stall this long at worst (GC, a busy CI machine); a blocked loop stalls for seconds. */
const MAX_LAG_MS = 750;

let server: http.Server;
let base: string;
const sockets = new Set<import('node:net').Socket>();

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><title>${title}</title></head><body>${body}</body></html>`;

/** Writes `chunk` until the client goes away or `limit` bytes are sent (Infinity: forever), honouring backpressure. */
function pump(res: http.ServerResponse, chunk: Buffer, limit: number, tail = '') {
  let sent = 0;
  const go = () => {
    while (sent < limit && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', go);
    }
    if (!res.destroyed) res.end(tail);
  };
  res.on('error', () => {});
  go();
}

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = url.pathname;
  const html = () => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  if (path === '/robots.txt') return void res.writeHead(404).end();
  if (path === '/drip') {
    html();
    res.write('<!doctype html><title>Drip</title><p>');
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('a')), 20);
    res.on('close', () => clearInterval(timer));
    return;
  }
  if (path === '/endless') {
    html();
    res.write('<!doctype html><html><head><title>Endless</title></head><body>');
    return pump(res, Buffer.from(`<p>${'word '.repeat(2_000)}</p>\n`), Infinity);
  }
  if (path === '/html-50mb') {
    html();
    res.write('<!doctype html><html><head><title>Fifty</title></head><body>');
    return pump(res, Buffer.from(`<div><a href="/x">${'x'.repeat(1_000)}</a></div>\n`), 50 * MB, '</body></html>');
  }
  if (path === '/invalid-utf8') {
    html();
    // Overlong encodings, lone continuation bytes, a truncated sequence, surrogates encoded in UTF-8, 0xFF.
    const bad = Buffer.from([0xc0, 0xaf, 0x80, 0xbf, 0xe2, 0x82, 0xed, 0xa0, 0x80, 0xff, 0xfe]);
    return void res.end(Buffer.concat([Buffer.from('<!doctype html><html><head><title>Bad '), bad, Buffer.from('bytes</title></head><body><h1>ok'), bad, Buffer.from('</h1></body></html>')]));
  }
  // Crawl traps: every page links to more pages without end.
  const month = /^\/calendar\/(\d+)\/(\d+)$/.exec(path);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    const next = m === 12 ? `/calendar/${y + 1}/1` : `/calendar/${y}/${m + 1}`;
    const prev = m === 1 ? `/calendar/${y - 1}/12` : `/calendar/${y}/${m - 1}`;
    html();
    return void res.end(page(`Calendar ${y}-${m}`, `<a href="${prev}">previous</a> <a href="${next}">next</a>`));
  }
  if (path.startsWith('/grow/')) {
    html();
    return void res.end(page('Grow', `<a href="${path}a/">deeper</a> <a href="${path}${path.length}/">other</a>`));
  }
  if (path === '/session') {
    html();
    return void res.end(page('Session', `<a href="/session?sid=${randomUUID()}">again</a> <a href="/session?PHPSESSID=${randomUUID()}">and again</a>`));
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}

beforeAll(async () => {
  server = http.createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Runs `work`, measuring wall time, the worst event-loop stall and heap growth while it ran. */
async function measured<T>(work: () => Promise<T>): Promise<{ value?: T; error?: unknown; ms: number; lagMs: number; heapGrowthMb: number }> {
  // Heap plus Buffers (which live outside the JS heap): what a body held in memory would grow.
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const heapBefore = used();
  const lag = watchEventLoopLag(20);
  const started = performance.now();
  let value: T | undefined;
  let error: unknown;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, used())), 25);
  try {
    value = await work();
  } catch (e) {
    error = e;
  }
  clearInterval(sampler);
  heapPeak = Math.max(heapPeak, used());
  const ms = performance.now() - started;
  const lagMs = lag.worstMs();
  lag.stop();
  return { value, error, ms, lagMs, heapGrowthMb: (heapPeak - heapBefore) / MB };
}

describe('hostile responses to the fetcher', () => {
  it('a body drip-fed a byte every 20 ms fails with BODY_TIMEOUT at the body deadline, not when the server stops', async () => {
    const run = await measured(() => fetchPage(`${base}/drip`, { ...ALLOW, bodyTimeoutMs: 1_000 }));
    expect(run.error).toBeInstanceOf(FetchError);
    expect((run.error as FetchError).code).toBe('BODY_TIMEOUT');
    expect((run.error as FetchError).message).toMatch(/Timed out reading the body of .*\/drip after 1000 ms/);
    expect(run.ms).toBeLessThan(3_000);
    expect(run.lagMs).toBeLessThan(MAX_LAG_MS);
  });

  it('a body that never ends is cut at the byte cap and reported as truncated', async () => {
    const run = await measured(() => fetchPage(`${base}/endless`, { ...ALLOW, maxBodyBytes: 2 * MB }));
    expect(run.error).toBeUndefined();
    expect(run.value).toMatchObject({ status: 200, truncated: true, bodyBytes: 2 * MB });
    expect(run.value!.transferBytes).toBeLessThan(4 * MB);
    expect(run.ms).toBeLessThan(5_000);
    expect(run.lagMs).toBeLessThan(MAX_LAG_MS);
  });

  it('50 MB of HTML is read only up to the default 5 MB cap, without holding the rest in memory', async () => {
    const run = await measured(() => fetchPage(`${base}/html-50mb`, ALLOW));
    expect(run.error).toBeUndefined();
    expect(run.value).toMatchObject({ status: 200, truncated: true, bodyBytes: 5 * MB, contentType: 'text/html' });
    expect(run.value!.transferBytes).toBeLessThan(10 * MB);
    // The kept 5 MB (as Buffer chunks, then one string) is all that should grow; 50 MB would show.
    expect(run.heapGrowthMb).toBeLessThan(40);
    expect(run.ms).toBeLessThan(5_000);
    expect(run.lagMs).toBeLessThan(MAX_LAG_MS);
  });

  it('bytes that are not valid UTF-8 become U+FFFD instead of an error, and the page is still analysed', async () => {
    const run = await measured(() => fetchPage(`${base}/invalid-utf8`, ALLOW));
    expect(run.error).toBeUndefined();
    const result = run.value!;
    expect(result.charset).toBe('utf-8');
    expect(result.body).toContain('\uFFFD');
    expect(result.body).not.toMatch(/[\uD800-\uDFFF]/); // no lone surrogate leaks into strings we store
    const facts = extractPageFacts({ fetch: result });
    expect(facts.title).toMatch(/^Bad \uFFFD+bytes$/);
    expect(run.lagMs).toBeLessThan(MAX_LAG_MS);
  });
});

describe('crawl traps', () => {
  async function crawl(startPath: string, options: Partial<CrawlOptions>) {
    const results: CrawlPageResult[] = [];
    const run = await measured(() =>
      crawlSite(
        { startUrl: `${base}${startPath}`, allowedPrivateHosts: ALLOW.allowedPrivateHosts, timeouts: { connectMs: 2_000, headersMs: 2_000, bodyMs: 2_000 }, renderMode: 'never', ...options },
        { fetchPage, extractPageFacts, looksClientRendered, onPage: (r) => void results.push(r) },
      ),
    );
    expect(run.error).toBeUndefined();
    expect(run.lagMs).toBeLessThan(MAX_LAG_MS);
    return { outcome: run.value!, results, ms: run.ms };
  }

  it('an endless calendar stops at maxPages', async () => {
    const { outcome, results, ms } = await crawl('/calendar/2026/1', { maxPages: 40, maxDepth: 50 });
    expect(outcome.stopReason).toBe('max-pages');
    expect(results.filter((r) => r.response).length).toBeLessThanOrEqual(40);
    expect(ms).toBeLessThan(20_000);
  });

  it('ever-growing URLs stop at maxDepth, and the long ones are reported', async () => {
    const { outcome, results } = await crawl('/grow/', { maxPages: 10_000, maxDepth: 6 });
    expect(outcome.stopReason).toBe('complete');
    const fetched = results.filter((r) => r.response);
    expect(Math.max(...fetched.map((r) => r.depth ?? 0))).toBeLessThanOrEqual(6);
    expect(fetched.length).toBeLessThan(2 ** 7); // two links a page: at most 127 pages to depth 6
    // A long path is named by the URL checks, so the trap is visible in the audit.
    const long = await crawl(`/grow/${'segment-'.repeat(15)}/`, { maxPages: 3, maxDepth: 1 });
    const tooLong = pageChecks.find((c) => c.id === 'url-too-long')!;
    expect(long.results.some((r) => r.facts && tooLong.run(r.facts).length > 0)).toBe(true);
  });

  it('a fresh session id in every link stops at maxPages, and every such page is flagged', async () => {
    const { outcome, results } = await crawl('/session', { maxPages: 25, maxDepth: 50 });
    expect(outcome.stopReason).toBe('max-pages');
    const withSession = results.filter((r) => r.facts && /[?&](sid|PHPSESSID)=/.test(r.url));
    expect(withSession.length).toBeGreaterThan(0);
    const sessionCheck = pageChecks.find((c) => c.id === 'url-session-id')!;
    for (const r of withSession) expect(sessionCheck.run(r.facts!), r.url).toHaveLength(1);
  });
});
