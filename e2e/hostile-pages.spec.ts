import { expect, test, type APIRequestContext } from '@playwright/test';
import { startHostileSite, type HostileSite } from '../test/hostile-site';
import { signIn } from './helpers';
import { cookieHeader, createUser, startWebServer } from './servers';

// Pages built to hurt the analyser: it must answer quickly or fail the page by its time budget,
// and the web server must keep serving (analysis runs in worker threads, not on its event loop).
let site: HostileSite;
test.beforeAll(async () => {
  site = await startHostileSite();
});
test.afterAll(async () => {
  await site?.close();
});

/**
 * Polls the liveness route every 100 ms while `work` runs; returns the slowest answer in ms. It touches
 * no dependency, so its latency is the web server's event loop (plus the machine's load), not
 * PostgreSQL's or Redis's.
 */
async function slowestHealthWhile(request: APIRequestContext, base: string, work: Promise<unknown>): Promise<number> {
  let done = false;
  void work.finally(() => (done = true));
  let slowest = 0;
  while (!done) {
    const started = Date.now();
    await request.get(`${base}/api/health/live`);
    slowest = Math.max(slowest, Date.now() - started);
    await new Promise((r) => setTimeout(r, 100));
  }
  return slowest;
}

test('a page of endless text without spaces is analysed in under 2 s while the server keeps answering', async ({ page, baseURL }) => {
  const user = await createUser();
  await signIn(page, user);
  const started = Date.now();
  const analysis = page.request.post('/api/analyze', { data: { url: `${site.url}/text`, render: 'never' }, timeout: 30_000 });
  const slowestHealth = await slowestHealthWhile(page.request, baseURL!, analysis);
  const res = await analysis;
  const elapsed = Date.now() - started;
  expect(res.status(), await res.text()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe(200);
  expect(body.findings.length).toBeGreaterThan(0);
  expect(elapsed).toBeLessThan(2_000);
  expect(slowestHealth).toBeLessThan(1_000);
});

test('100,000 nested elements: analysed or failed by the time budget, and the server keeps answering', async ({ page, baseURL }) => {
  const user = await createUser();
  await signIn(page, user);
  const analysis = page.request.post('/api/analyze', { data: { url: `${site.url}/nested`, render: 'never' }, timeout: 60_000 });
  const slowestHealth = await slowestHealthWhile(page.request, baseURL!, analysis);
  const res = await analysis;
  if (res.status() !== 200) {
    expect(res.status()).toBe(422);
    expect((await res.json()).error.message).toMatch(/time budget/);
  }
  expect(slowestHealth).toBeLessThan(1_000);
});

test('SIGTERM stops a web server that is busy analysing', async ({ page, context }) => {
  const server = await startWebServer();
  try {
    const user = await createUser();
    await signIn(page, user);
    // Cookies are per host, not per port: the session works on the second server too.
    const cookie = await cookieHeader(context);
    const busy = Array.from({ length: 3 }, () =>
      fetch(`${server.url}/api/analyze`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ url: `${site.url}/nested`, render: 'never' }) }).catch(() => null),
    );
    await new Promise((r) => setTimeout(r, 1_500));
    const { ms } = await server.stop('SIGTERM');
    // Well inside the 10 s last-resort deadline: the running analyses were cut short.
    console.log(`SIGTERM → exit in ${ms} ms`);
    expect(ms, server.stderr.join('')).toBeLessThan(5_000);
    await Promise.all(busy);
  } finally {
    await server.stop('SIGKILL');
  }
});
