// Single-page analysis latency (fetch → extract → checks → score), raw and rendered, on a local
// ~100 KB page. Prints p50/p95. Run: npm run bench:analyze [-- runs]
import http from 'node:http';
import { summarize } from './stats';

process.env.ALLOWED_PRIVATE_HOSTS = '127.0.0.1';
process.env.LOG_LEVEL = 'warn';
const { analyzeUrl } = await import('@/lib/audits/analyze-url');
const { createRenderPool } = await import('@/lib/fetch/render-pool');

const runs = Number(process.argv[2] ?? 200);

function page(): string {
  const paragraphs = Array.from({ length: 400 }, (_, i) => `<h2>Section ${i}</h2><p>Paragraph ${i}: running shoes for trail and road, tested over months by our editors, with notes on fit, grip and weight. <a href="/p/${i}">Read about model ${i}</a></p><img src="/img/${i}.jpg" alt="Shoe ${i}" width="400" height="300">`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Best running shoes of the year, tested</title>
<meta name="description" content="We tested 160 running shoes on trail and road. Here are the best for every runner, with fit, grip and weight notes."><link rel="canonical" href="/bench">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"Best running shoes","author":{"@type":"Person","name":"A. Editor"},"datePublished":"2026-01-01"}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/reviews">Reviews</a></nav></header><main><h1>Best running shoes</h1>${paragraphs}</main><footer>© 2026</footer></body></html>`;
}

const body = page();
// The same page plus a review that a script fetches and inserts 700 ms after load: rendering must
// wait for it (a fixed quiet period alone would serialize the page before it arrives).
const LATE_TEXT = 'Late review: the trail shoe of the year';
const lateBody = body.replace('</body>', `<script>fetch('/late-data').then((r) => r.text()).then((t) => document.querySelector('main').insertAdjacentHTML('beforeend', '<p>' + t + '</p>'));</script></body>`);
const server = http.createServer((req, res) => {
  if (req.url === '/late-data') return void setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end(LATE_TEXT), 700);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'strict-transport-security': 'max-age=31536000' });
  res.end(req.url === '/late' ? lateBody : body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/bench`;
console.log(`page size: ${(Buffer.byteLength(body) / 1024).toFixed(0)} KB, ${runs} runs each`);

async function measure(label: string, n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  console.log(summarize(label, samples));
}

await measure('raw (render never)', runs, () => analyzeUrl(url, { render: 'never', keyword: 'running shoes' }));
const pool = createRenderPool({ allowedPrivateHosts: ['127.0.0.1'], size: 1 });
await measure('rendered (render always)', runs, () => analyzeUrl(url, { render: 'always', keyword: 'running shoes', renderPage: (u) => pool.render(u) }));
const lateUrl = url.replace(/\/bench$/, '/late');
const lateRuns = Math.min(runs, 20);
let lateCaptured = 0;
await measure('rendered, content at +700 ms', lateRuns, async () => {
  const analyzed = await analyzeUrl(lateUrl, { render: 'always', keyword: 'running shoes', renderPage: (u) => pool.render(u) });
  if (analyzed.facts.text.includes(LATE_TEXT)) lateCaptured++;
});
console.log(`late content captured in ${lateCaptured} of ${lateRuns + 5} renders`);
await pool.close();
server.close();
process.exit(0);
