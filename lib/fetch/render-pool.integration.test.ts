import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '@/lib/fetch/fetch-error';
import { createRenderPool, type RenderPool } from '@/lib/fetch/render-pool';

const ALLOW = ['127.0.0.1'];
const SPA = `<!doctype html><html><head><title>spa</title></head><body><div id="root"></div>
<img src="/pixel.png">
<script>
  document.getElementById('root').innerHTML = '<h1>Injected Heading</h1><a href="/about">About us</a>';
  setTimeout(() => { document.body.insertAdjacentHTML('beforeend', '<p id="late">Late content</p>'); }, 200);
</script></body></html>`;

let server: http.Server;
let base: string;
let hits: string[] = [];
let activeSerial = 0;
let maxActiveSerial = 0;
const pairWaiting: http.ServerResponse[] = [];
let maxPairWaiting = 0;
let otherServer: http.Server; // 127.0.0.2: not allow-listed, must never be contacted
let otherUrl: string;
let otherConnections = 0;
let otherUpgrades: string[] = [];
let otherPaths: string[] = [];

const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {
  '/spa': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(SPA),
  '/serial': (_req, res) => {
    maxActiveSerial = Math.max(maxActiveSerial, ++activeSerial);
    setTimeout(() => {
      activeSerial--;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>serial</h1>');
    }, 400);
  },
  // Answers once two requests wait at the same time (or after 5 s): proof that two renders overlap
  // however far apart their pages came up.
  '/pair': (_req, res) => {
    pairWaiting.push(res);
    maxPairWaiting = Math.max(maxPairWaiting, pairWaiting.length);
    const answer = () => {
      for (const waiting of pairWaiting.splice(0)) waiting.writeHead(200, { 'content-type': 'text/html' }).end('<h1>pair</h1>');
    };
    if (pairWaiting.length >= 2) answer();
    else setTimeout(answer, 5_000);
  },
  // Says what the browser brought from an earlier visit (cookie, localStorage), then leaves both.
  '/jar': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'seen=1; Path=/' });
    res.end(`<p>cookie:${req.headers.cookie ?? 'none'}</p><script>document.body.insertAdjacentHTML('beforeend', '<p>storage:' + (localStorage.getItem('seen') ?? 'none') + '</p>'); localStorage.setItem('seen', '1');</script>`);
  },
  '/busy': (_req, res) => {
    // Three requests that never finish keep the page from reaching networkidle2.
    res.writeHead(200, { 'content-type': 'text/html' }).end(
      `<h1>Busy page</h1><script>for (let i = 0; i < 3; i++) fetch('/hang?' + i);</script>`,
    );
  },
  '/hang': () => {},
  // No script, only a JSON-LD data block: nothing can change this DOM after load.
  '/static': (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<title>static</title><script type="application/ld+json">{"@type":"Thing"}</script><h1>Static page</h1>'),
  '/scripted': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>scripted</title><h1>Scripted page</h1><script>void 0;</script>'),
  // Its only script sits in a closed declarative shadow root, where no scan of the document sees it.
  '/shadow-script': (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<title>shadow</title><div><template shadowrootmode="closed"><script>setTimeout(() => document.body.insertAdjacentHTML('beforeend', '<p id="from-shadow">Added from a shadow root</p>'), 1000)</script></template></div><h1>Shadow page</h1>`),
  // No <script> element at all: the change comes from an inline event handler.
  '/handler': (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<title>handler</title><body onload="setTimeout(() => document.body.insertAdjacentHTML('beforeend', '<p id=handled>Added by a handler</p>'), 200)"><h1>Handler page</h1></body>`),
  '/private-subresources': (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(
      `<h1>Has private subresources</h1><script src="${otherUrl}evil.js"></script>
       <img src="${otherUrl}pixel.png"><iframe src="${otherUrl}frame-src"></iframe>
       <form id="f" method="post" action="${otherUrl}form" target="sink"></form><iframe name="sink"></iframe>
       <script>fetch('${otherUrl}xhr').catch(() => {}); navigator.sendBeacon('${otherUrl}beacon', 'x');
         document.getElementById('f').submit(); document.title = 'loaded';</script>`,
    ),
  // WebSockets bypass request interception; the guarded proxy must stop them (page, iframe and worker).
  '/private-websockets': (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(
      `<h1>Sockets</h1><script>
        const ws = (path) => { try { new WebSocket('${otherUrl.replace('http', 'ws')}' + path); } catch {} };
        ws('page');
        const frame = document.createElement('iframe'); document.body.append(frame);
        try { new frame.contentWindow.WebSocket('${otherUrl.replace('http', 'ws')}frame'); } catch {}
        new Worker(URL.createObjectURL(new Blob(["new WebSocket('${otherUrl.replace('http', 'ws')}worker')"])));
      </script>`,
    ),
  '/redirect-private': (_req, res) => res.writeHead(302, { location: otherUrl }).end(),
  '/teapot': (_req, res) => res.writeHead(418, { 'content-type': 'text/html' }).end('<h1>short and stout</h1>'),
};

function listen(srv: http.Server, host: string): Promise<string> {
  return new Promise((resolve) => srv.listen(0, host, () => resolve(`http://${host}:${(srv.address() as AddressInfo).port}/`)));
}

async function expectFetchError(promise: Promise<unknown>, code: string): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  expect((error as FetchError).code).toBe(code);
  return error as FetchError;
}

const pools: RenderPool[] = [];
const createPool = (options: Parameters<typeof createRenderPool>[0] = {}) => {
  const pool = createRenderPool({ allowedPrivateHosts: ALLOW, ...options });
  pools.push(pool);
  return pool;
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(path);
    (routes[path] ?? ((_q, r) => r.writeHead(404).end()))(req, res);
  });
  base = (await listen(server, '127.0.0.1')).slice(0, -1);
  otherServer = http.createServer((req, res) => {
    otherPaths.push(req.url ?? '');
    res.end('reached');
  });
  otherServer.on('connection', () => otherConnections++);
  otherServer.on('upgrade', (req: http.IncomingMessage, socket: Socket) => {
    otherUpgrades.push(req.url ?? '');
    socket.destroy();
  });
  otherUrl = await listen(otherServer, '127.0.0.2');
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  for (const srv of [server, otherServer]) srv.closeAllConnections();
  await Promise.all([server, otherServer].map((srv) => new Promise((resolve) => srv.close(resolve))));
});

describe('render pool', () => {
  let pool: RenderPool;
  beforeAll(() => {
    pool = createPool({ size: 1, navigationTimeoutMs: 10_000 });
  });

  it('returns the DOM after inline scripts ran, without loading images', async () => {
    hits = [];
    const result = await pool.render(`${base}/spa`);
    expect(result.status).toBe(200);
    expect(result.finalUrl).toBe(`${base}/spa`);
    expect(result.html).toContain('<h1>Injected Heading</h1>');
    expect(result.html).toContain('<a href="/about">About us</a>');
    expect(result.html).toContain('<p id="late">Late content</p>'); // waited for the network to settle
    expect(result.renderMs).toBeGreaterThan(0);
    expect(hits).not.toContain('/pixel.png'); // images are blocked
    expect(hits[0]).toBe('/spa');
  });

  it('reports the HTTP status of the document', async () => {
    const result = await pool.render(`${base}/teapot`);
    expect(result.status).toBe(418);
    expect(result.html).toContain('short and stout');
  });

  it('relaunches Chromium after it is killed', async () => {
    await pool.render(`${base}/spa`);
    const first = pool.getBrowser();
    const pid = first?.process()?.pid;
    expect(pid).toBeGreaterThan(0);
    first?.process()?.kill('SIGKILL');
    const result = await pool.render(`${base}/spa`);
    expect(result.html).toContain('Injected Heading');
    expect(pool.getBrowser()?.process()?.pid).not.toBe(pid);
  });

  it('falls back to the current DOM when the network never goes idle', async () => {
    const busyPool = createPool({ size: 1, navigationTimeoutMs: 1_500 });
    const result = await busyPool.render(`${base}/busy`);
    expect(result.status).toBe(200);
    expect(result.html).toContain('<h1>Busy page</h1>');
    await busyPool.close();
  });

  it('refuses a private start URL before launching a browser', async () => {
    const fresh = createPool();
    const error = await expectFetchError(fresh.render(otherUrl), 'BLOCKED_PRIVATE_ADDRESS');
    expect(error.message).toContain('127.0.0.2 is a loopback address');
    expect(error.message).toContain('ALLOWED_PRIVATE_HOSTS');
    expect(fresh.getBrowser()).toBeUndefined();
  });

  it('refuses a redirect to a private address and private sub-requests (script, fetch, image, iframe, beacon, form), without contacting them', async () => {
    const before = otherConnections;
    const error = await expectFetchError(pool.render(`${base}/redirect-private`), 'BLOCKED_PRIVATE_ADDRESS');
    expect(error.url).toBe(otherUrl);
    const result = await pool.render(`${base}/private-subresources`);
    expect(result.html).toContain('Has private subresources');
    expect(result.html).toContain('<title>loaded</title>');
    expect(otherConnections).toBe(before);
  });

  it('refuses WebSockets to private addresses from pages, iframes and workers', async () => {
    const before = otherConnections;
    otherUpgrades = [];
    const result = await pool.render(`${base}/private-websockets`);
    expect(result.html).toContain('<h1>Sockets</h1>');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(otherUpgrades).toEqual([]);
    expect(otherConnections).toBe(before);
  });

  it('reaches the same private host once it is allow-listed (so the refusals above are the guard)', async () => {
    const open = createPool({ allowedPrivateHosts: ['127.0.0.1', '127.0.0.2'] });
    const before = otherConnections;
    const result = await open.render(`${base}/redirect-private`);
    expect(result.html).toContain('reached');
    expect(otherConnections).toBeGreaterThan(before);
    otherPaths = [];
    await open.render(`${base}/private-subresources`);
    await expect.poll(() => ['/evil.js', '/xhr', '/frame-src', '/beacon', '/form'].filter((p) => !otherPaths.includes(p))).toEqual([]);
    otherUpgrades = [];
    await open.render(`${base}/private-websockets`);
    await expect.poll(() => [...otherUpgrades].sort()).toEqual(['/frame', '/page', '/worker']);
    await open.close();
  });

  it('serializes concurrent renders in a pool of size 1', async () => {
    maxActiveSerial = 0;
    const results = await Promise.all([pool.render(`${base}/serial`), pool.render(`${base}/serial`)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(maxActiveSerial).toBe(1);
  });

  it('gives every render a fresh browser context, also when its page was made ready in advance', async () => {
    const first = await pool.render(`${base}/jar`);
    expect(first.html).toContain('cookie:none');
    await new Promise((r) => setTimeout(r, 1_500)); // the pool is idle: its spare page comes up
    for (const next of [await pool.render(`${base}/jar`), await pool.render(`${base}/jar`)]) {
      expect(next.html).toContain('cookie:none');
      expect(next.html).toContain('storage:none');
    }
  });

  it('runs renders in parallel in a pool of size 2', async () => {
    const wide = createPool({ size: 2 });
    maxPairWaiting = 0;
    await Promise.all([wide.render(`${base}/pair`), wide.render(`${base}/pair`)]);
    expect(maxPairWaiting).toBe(2);
    await wide.close();
  });

  it('aborts a queued render', async () => {
    const controller = new AbortController();
    const running = pool.render(`${base}/serial`);
    const queued = pool.render(`${base}/serial`, { signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    await expect(running).resolves.toMatchObject({ status: 200 });
  });
});

describe('render pool: when the DOM is settled', () => {
  // A quiet period far longer than any render here, so waiting for it shows in renderMs.
  const QUIET_MS = 3_000;
  let pool: RenderPool;
  beforeAll(() => {
    pool = createPool({ size: 1, quietMs: QUIET_MS, settleCapMs: 6_000 });
  });

  it('takes a page without scripts as it is at load, and still waits the quiet period for a page with one', async () => {
    const still = await pool.render(`${base}/static`);
    expect(still.html).toContain('<h1>Static page</h1>');
    expect(still.renderMs).toBeLessThan(QUIET_MS);
    const scripted = await pool.render(`${base}/scripted`);
    expect(scripted.html).toContain('<h1>Scripted page</h1>');
    expect(scripted.renderMs).toBeGreaterThanOrEqual(QUIET_MS);
  });

  it('counts an inline event handler as a script: the content it adds after load is kept', async () => {
    const result = await pool.render(`${base}/handler`);
    expect(result.html).toContain('<p id="handled">Added by a handler</p>');
  });

  it('counts a script in a closed declarative shadow root: the content it adds after load is kept', async () => {
    const result = await pool.render(`${base}/shadow-script`);
    expect(result.html).toContain('<p id="from-shadow">Added from a shadow root</p>');
  });
});
