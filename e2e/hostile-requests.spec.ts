import { readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { ADMIN, DEMO, signIn } from './helpers';
import { cookieHeader, countAudits, createUser, sparePort, sql, startWebServer } from './servers';

/** Every admin page, found from the files so a new one is covered without editing this test. */
function adminPages(): string[] {
  const root = path.join('app', '(admin)');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'page.tsx' && !full.includes('[')) out.push(`/${path.relative(root, path.dirname(full)).split(path.sep).filter((s) => !s.startsWith('(')).join('/')}`);
    }
  };
  walk(root);
  return out;
}

test('admin pages and health details show nothing to signed-out visitors or regular users', async ({ page, playwright, baseURL }) => {
  const marker = `leak-marker-${randomUUID()}`;
  await sql('INSERT INTO "MaintenanceRun" (id, task, removed) VALUES ($1, $2, 0)', [randomUUID(), marker]);
  const pages = adminPages();
  expect(pages).toContain('/admin');

  const anonymous = await playwright.request.newContext({ baseURL });
  for (const p of pages) {
    const res = await anonymous.get(p, { maxRedirects: 0 });
    const body = await res.text();
    expect(res.status(), `${p} signed out`).toBeGreaterThanOrEqual(300);
    expect(body, `${p} signed out`).not.toContain(marker);
    expect(body, `${p} signed out`).not.toMatch(/Dead letters|System health|maintenance-runs/);
  }
  const health = await (await anonymous.get('/api/health')).json();
  expect(Object.keys(health.components.worker)).toEqual(['status']);
  expect(JSON.stringify(health)).not.toMatch(/latencyMs|detail|pid|error/);
  await anonymous.dispose();

  await signIn(page, DEMO);
  for (const p of pages) {
    const res = await page.request.get(p, { maxRedirects: 0 });
    const body = await res.text();
    expect(res.status(), `${p} as a user`).toBe(404);
    expect(body, `${p} as a user`).not.toContain(marker);
    expect(body, `${p} as a user`).not.toMatch(/Dead letters|System health|maintenance-runs/);
  }
  expect(JSON.stringify(await (await page.request.get('/api/health')).json())).not.toMatch(/latencyMs|detail/);

  // The same requests as an admin do show the data: the assertions above can fail.
  await page.context().clearCookies();
  await signIn(page, ADMIN);
  expect(await (await page.request.get('/admin')).text()).toContain(marker);
  expect(JSON.stringify(await (await page.request.get('/api/health')).json())).toMatch(/latencyMs/);
});

/** Serves one page on another port of this host: same site, other origin. */
async function startAttackerPage(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const port = await sparePort();
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('another origin cannot make a signed-in browser start work; the app itself can', async ({ page, baseURL }) => {
  const site = process.env.FIXTURE_URL!;
  const user = await createUser();
  await signIn(page, user);
  const before = await countAudits(user.id);

  // The classic attack: an auto-submitted text/plain form whose body parses as JSON.
  const attacker = await startAttackerPage(`<form method="POST" action="${baseURL}/api/audits" enctype="text/plain">
    <input name='{"url":"${site}/","maxPages":1,"x":"' value='"}'></form><script>document.forms[0].submit()</script>`);
  try {
    const answered = page.waitForResponse((r) => r.url() === `${baseURL}/api/audits`);
    await page.goto(attacker.url);
    expect((await answered).status()).toBe(403);
  } finally {
    await attacker.close();
  }

  // Every state-changing route, with the browser's cookie, from another origin: refused.
  const [inserted] = await sql<{ id: string }>('INSERT INTO "Audit" (id, kind, status, url, "userId", "updatedAt") VALUES ($1, $2, $3, $4, $5, now()) RETURNING id', [randomUUID(), 'PROFESSIONAL', 'QUEUED', `${site}/`, user.id]);
  const auditId = inserted!.id;
  const evil = 'http://127.0.0.1:1';
  for (const route of ['/api/analyze', '/api/audits', '/api/bulk', `/api/audits/${auditId}/cancel`]) {
    for (const contentType of ['text/plain', 'application/json']) {
      const res = await page.request.post(route, { headers: { origin: evil, 'content-type': contentType }, data: JSON.stringify({ url: `${site}/`, urls: [`${site}/`] }) });
      expect(res.status(), `${route} ${contentType}`).toBe(403);
    }
    const fetchSite = await page.request.post(route, { headers: { 'sec-fetch-site': 'same-site' }, data: { url: `${site}/` } });
    expect(fetchSite.status(), `${route} same-site`).toBe(403);
  }
  expect(await countAudits(user.id)).toBe(before + 1); // only the row this test inserted
  const [row] = await sql<{ status: string }>('SELECT status FROM "Audit" WHERE id = $1', [auditId]);
  expect(row?.status).toBe('QUEUED');

  // Same origin: text/plain is not JSON (415); JSON works.
  const plain = await page.request.post('/api/audits', { headers: { origin: baseURL!, 'content-type': 'text/plain' }, data: JSON.stringify({ url: `${site}/` }) });
  expect(plain.status()).toBe(415);
  const ok = await page.request.post('/api/audits', { headers: { origin: baseURL! }, data: { url: `${site}/`, maxPages: 1 } });
  expect(ok.status(), await ok.text()).toBe(202);
  expect(await countAudits(user.id)).toBe(before + 2);
});

/**
 * Declares `declared` bytes of body (or none: chunked) and sends the first `send` bytes, then waits
 * for the answer. Writing on after the server has answered and closed only races its close (EPIPE).
 */
function postLarge(url: string, opts: { declared?: number; send: number; headers: Record<string, string> }): Promise<{ status: number; ms: number; body: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const headers = { ...opts.headers, ...(opts.declared === undefined ? {} : { 'content-length': String(opts.declared) }) };
    const req = http.request(url, { method: 'POST', headers });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, ms: Date.now() - started, body });
        req.destroy();
      });
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    for (let sent = 0; sent < opts.send; sent += chunk.length) req.write(chunk.subarray(0, Math.min(chunk.length, opts.send - sent)));
    if (opts.declared !== undefined && opts.send >= opts.declared) req.end();
  });
}

const MB = 1024 * 1024;

test('oversized bodies get 413 at once without the server reading them', async ({ page, context }) => {
  const server = await startWebServer();
  try {
    const user = await createUser();
    await signIn(page, user);
    const cookie = await cookieHeader(context);
    // Warm up first (loading the routes' code grows RSS too), then measure.
    for (const route of ['/api/bulk', '/api/analyze', '/api/audits']) await postLarge(`${server.url}${route}`, { declared: 2, send: 2, headers: { 'content-type': 'application/json', cookie } });
    const before = server.rssMb();
    for (const route of ['/api/bulk', '/api/analyze', '/api/audits']) {
      const res = await postLarge(`${server.url}${route}`, { declared: 20 * MB, send: MB / 4, headers: { 'content-type': 'application/json', cookie } });
      expect(res.status, `${route}: ${res.body}`).toBe(413);
      expect(JSON.parse(res.body).error.message).toMatch(/larger than 1 MB/);
      expect(res.ms).toBeLessThan(1_000);
    }
    // No Content-Length: read until the limit, then refused.
    const chunked = await postLarge(`${server.url}/api/bulk`, { send: 2 * MB, headers: { 'content-type': 'application/json', cookie } });
    expect(chunked.status).toBe(413);
    const upload = await postLarge(`${server.url}/api/bulk`, { declared: 20 * MB, send: MB / 4, headers: { 'content-type': 'multipart/form-data; boundary=x', cookie } });
    expect(upload.status).toBe(413);
    expect(JSON.parse(upload.body).error.message).toMatch(/larger than 10 MB/);
    expect(server.rssMb() - before).toBeLessThan(50);
  } finally {
    await server.stop('SIGKILL');
  }
});

test('starting work is rate limited per user with 429 and Retry-After', async ({ page }) => {
  const site = process.env.FIXTURE_URL!;
  const user = await createUser();
  await signIn(page, user);
  const statuses: number[] = [];
  let limited;
  for (let i = 0; i < 6; i++) {
    const res = await page.request.post('/api/bulk', { data: { urls: [`${site}/about`] } });
    statuses.push(res.status());
    if (res.status() === 429) limited = res;
  }
  expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  expect(Number(limited!.headers()['retry-after'])).toBeGreaterThan(0);
  expect((await limited!.json()).error.message).toMatch(/Too many bulk runs/);
  // Another user is not affected.
  await page.context().clearCookies();
  await signIn(page, await createUser());
  expect((await page.request.post('/api/bulk', { data: { urls: [`${site}/about`] } })).status()).toBe(202);
});

test('malformed requests get a 4xx with a message, never a 500', async ({ page }) => {
  await signIn(page, DEMO);
  const cases: { name: string; route: string; method?: string; headers?: Record<string, string>; body?: string }[] = [
    { name: 'bulk as text/plain', route: '/api/bulk', headers: { 'content-type': 'text/plain' }, body: 'https://example.com' },
    { name: 'bulk as urlencoded', route: '/api/bulk', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'urls=x' },
    { name: 'multipart without boundary', route: '/api/bulk', headers: { 'content-type': 'multipart/form-data' }, body: 'x' },
    { name: 'broken multipart', route: '/api/bulk', headers: { 'content-type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\nnonsense' },
    { name: 'invalid JSON', route: '/api/analyze', headers: { 'content-type': 'application/json' }, body: '{"url":' },
    { name: 'JSON null', route: '/api/analyze', headers: { 'content-type': 'application/json' }, body: 'null' },
    { name: 'JSON array', route: '/api/audits', headers: { 'content-type': 'application/json' }, body: '[1,2]' },
    { name: 'wrong types', route: '/api/audits', headers: { 'content-type': 'application/json' }, body: '{"url":5,"maxPages":"many","include":[{"a":1}]}' },
    { name: 'bulk urls object', route: '/api/bulk', headers: { 'content-type': 'application/json' }, body: '{"urls":{"a":1}}' },
    { name: 'no content type', route: '/api/analyze', body: '{"url":"https://example.com"}' },
    { name: 'unknown audit', route: '/api/audits/does-not-exist', method: 'GET' },
    { name: 'odd audit id', route: `/api/audits/${encodeURIComponent("'; DROP TABLE x;--")}/cancel` },
    { name: 'odd events id', route: `/api/audits/${'x'.repeat(5000)}/events`, method: 'GET' },
  ];
  for (const c of cases) {
    const res = await page.request.fetch(c.route, { method: c.method ?? 'POST', headers: c.headers, data: c.body });
    const text = await res.text();
    expect(res.status(), `${c.name}: ${text}`).toBeGreaterThanOrEqual(400);
    expect(res.status(), `${c.name}: ${text}`).toBeLessThan(500);
    expect(JSON.parse(text).error.message, c.name).toBeTruthy();
  }
});
