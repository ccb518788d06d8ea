// Single-page analysis latency (fetch → extract → checks → score), raw and rendered, on a local
// ~100 KB page. Prints p50/p95. Run: npm run bench:analyze [-- runs]
import './bench-env';
import http from 'node:http';
import { analyzeUrl } from '@/lib/audits/analyze-url';
import { createRenderPool } from '@/lib/fetch/render-pool';
import { isMain } from './proc';
import { sampleLatency, summarize } from './stats';

function page(): string {
  const paragraphs = Array.from({ length: 400 }, (_, i) => `<h2>Section ${i}</h2><p>Paragraph ${i}: running shoes for trail and road, tested over months by our editors, with notes on fit, grip and weight. <a href="/p/${i}">Read about model ${i}</a></p><img src="/img/${i}.jpg" alt="Shoe ${i}" width="400" height="300">`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Best running shoes of the year, tested</title>
<meta name="description" content="We tested 160 running shoes on trail and road. Here are the best for every runner, with fit, grip and weight notes."><link rel="canonical" href="/bench">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"Best running shoes","author":{"@type":"Person","name":"A. Editor"},"datePublished":"2026-01-01"}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/reviews">Reviews</a></nav></header><main><h1>Best running shoes</h1>${paragraphs}</main><footer>© 2026</footer></body></html>`;
}

export const LATE_TEXT = 'Late review: the trail shoe of the year';

/**
 * Serves the ~100 KB bench page at /bench, and at /late the same page plus a review that a script
 * fetches and inserts 700 ms after load: rendering must wait for it (a fixed quiet period alone
 * would serialize the page before it arrives).
 */
export async function startBenchPageServer(): Promise<{ url: string; lateUrl: string; sizeKb: number; close(): Promise<void> }> {
  const body = page();
  const lateBody = body.replace('</body>', `<script>fetch('/late-data').then((r) => r.text()).then((t) => document.querySelector('main').insertAdjacentHTML('beforeend', '<p>' + t + '</p>'));</script></body>`);
  const server = http.createServer((req, res) => {
    if (req.url === '/late-data') return void setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end(LATE_TEXT), 700);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'strict-transport-security': 'max-age=31536000' });
    res.end(req.url === '/late' ? lateBody : body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: `${base}/bench`,
    lateUrl: `${base}/late`,
    sizeKb: Buffer.byteLength(body) / 1024,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** One raw analysis of the bench page, as POST /api/analyze does it with render "never". */
export function analyzeBenchPage(url: string) {
  return analyzeUrl(url, { render: 'never', keyword: 'running shoes' });
}

if (isMain(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 200);
  const site = await startBenchPageServer();
  console.log(`page size: ${site.sizeKb.toFixed(0)} KB, ${runs} runs each`);
  console.log(summarize('raw (render never)', await sampleLatency(runs, () => analyzeBenchPage(site.url))));
  const pool = createRenderPool({ allowedPrivateHosts: ['127.0.0.1'], size: 1 });
  // The pool does not take Chromium down on signals (the worker shuts down gracefully itself): a
  // bench stopped by Ctrl-C or `timeout` would otherwise leave the browser running.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void pool.close().finally(() => process.exit(130)));
  console.log(summarize('rendered (render always)', await sampleLatency(runs, () => analyzeUrl(site.url, { render: 'always', keyword: 'running shoes', renderPage: (u) => pool.render(u) }))));
  // What a person pasting one URL sees: the pool is idle between requests, so the page made ready
  // after the last render (render-pool.ts, spare) is waiting. Back to back (above), every render
  // also pays for starting its renderer process.
  const apart: number[] = [];
  for (let i = 0; i < Math.min(runs, 30); i++) {
    await new Promise((r) => setTimeout(r, 1_000));
    const started = performance.now();
    await analyzeUrl(site.url, { render: 'always', keyword: 'running shoes', renderPage: (u) => pool.render(u) });
    apart.push(performance.now() - started);
  }
  console.log(summarize('rendered, 1 s apart', apart));
  const lateRuns = Math.min(runs, 20);
  let lateCaptured = 0;
  const late = await sampleLatency(lateRuns, async () => {
    const analyzed = await analyzeUrl(site.lateUrl, { render: 'always', keyword: 'running shoes', renderPage: (u) => pool.render(u) });
    if (analyzed.facts.text.includes(LATE_TEXT)) lateCaptured++;
  });
  console.log(summarize('rendered, content at +700 ms', late));
  console.log(`late content captured in ${lateCaptured} of ${lateRuns + 5} renders`);
  await pool.close();
  await site.close();
  process.exit(0);
}
