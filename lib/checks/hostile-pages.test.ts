// Every page a crawler reads was written by a stranger. These pages are shaped to make regexes
// backtrack and walks go quadratic: each check (and the extraction before it) must stay linear.
// The bound is loose (a linear pass over these sizes takes a few ms); a quadratic one takes seconds.
// A slow pass is timed twice more and the best run counts: a GC pause or a busy machine slows one
// run, a quadratic walk slows all three.
import { describe, expect, it } from 'vitest';
import { analyzeKeyword } from '@/lib/analysis/keyword';
import { extractPageFacts } from '@/lib/analysis/extract-page-facts';
import { pageChecks } from '@/lib/checks/page-checks';
import { buildFetchResult } from '@/test/test-page';

const N = 200_000;
const MAX_MS = 500;

// Runs without spaces of every character class that appears in our patterns.
const RUN_UNITS = ['a', 'A1', '_', 'a_', '.', 'a.', '1,', '-', 'a-', '/', 'a/', ':', '@', '#', "a'", 'a’', '©', '{{', '{%', '%%', '${', '©2020', 'lorem', 'http://', 'www.', '&amp;', '\\', '"', '=', '<!--'];

function run(unit: string, bytes = N): string {
  return unit.repeat(Math.ceil(bytes / unit.length));
}

function bestMs(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3 && best > MAX_MS; i++) {
    const started = performance.now();
    fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const doc = (head: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

const PAGES: Record<string, string> = {
  ...Object.fromEntries(RUN_UNITS.map((u) => [`text run of ${JSON.stringify(u)}`, doc('<title>a a</title>', `<h1>a</h1><p>${run(u).replace(/</g, '&lt;')}</p>`)])),
  ...Object.fromEntries(RUN_UNITS.map((u) => [`spaced run of ${JSON.stringify(u)}`, doc('<title>a a</title>', `<p>${run(`${u} `).replace(/</g, '&lt;')}</p>`)])),
  'text without any full stop': doc('<title>Words</title>', `<p>${run('word another ')}</p>`),
  'one sentence with no end': doc('<title>Words</title>', `<p>${run('Readable words make sentences, ')}</p>`),
  'whitespace only': doc('<title> </title>', `<p>${run(' \t\n')}x</p>`),
  '1 MB attributes': doc(
    `<title>${run('t', 100_000)}</title><meta name="description" content="${run('d', 1_000_000)}"><link rel="canonical" href="https://example.com/${run('a/', 1_000_000)}"><meta name="robots" content="${run('noindex,', 100_000)}"><meta name="viewport" content="${run('width=device-width,', 100_000)}">`,
    `<a href="/${run('b/', 1_000_000)}">${run('x ', 10_000)}</a><img src="${run('c', 1_000_000)}" alt="${run('d ', 500_000)}" style="${run('width:1px;', 100_000)}" class="${run('lazy ', 100_000)}"><div style="${run('font-size:12px;', 100_000)}"></div>`,
  ),
  'deep nesting': doc('<title>Deep</title>', `${'<div>'.repeat(20_000)}deep${'</div>'.repeat(20_000)}`),
  'nested headings, links and buttons': doc('<title>Deep</title>', '<h2><a href="/x"><button><p><span itemscope>'.repeat(5_000)),
  'many tags': doc('<title>Many</title>', '<a href="/x">y</a><img src="a.png"><p>z</p><h2>h</h2><script>1</script>'.repeat(20_000)),
  'deep JSON-LD': doc(`<script type="application/ld+json">${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}</script><script type="application/ld+json">${'['.repeat(100_000)}</script>`, '<p>x</p>'),
  'huge inline script': doc(`<script>${run('location.href="x";function(){', 1_000_000)}</script>`, '<p>x</p>'),
  // Punctuation between words: a trailing-decoration regex retried from every position (quadratic).
  'link texts of spaced punctuation between words': doc(
    '<title>Links</title>',
    `${`<a href="/x">read${run(' .', 1_990)}more</a>`.repeat(100)}<a href="/y" aria-label="read${run(' .', 200_000)}more"></a>`,
  ),
  'many ids and fragments': doc('<title>Ids</title>', Array.from({ length: 20_000 }, (_, i) => `<a id="a${i}" href="#a${i}">x</a>`).join('')),
};

describe('hostile pages', () => {
  for (const [name, html] of Object.entries(PAGES)) {
    it(`${name}: extraction and every check stay linear`, () => {
      const started = performance.now();
      const facts = extractPageFacts({ fetch: buildFetchResult(html) });
      const extractMs = performance.now() - started;
      // The HTML parser itself is super-linear in nesting depth (the per-page time budget covers
      // that); this bound catches our own walks going quadratic, which take far longer.
      const slow: string[] = extractMs > MAX_MS * 10 ? [`extraction took ${Math.round(extractMs)} ms`] : [];
      for (const check of pageChecks) {
        const ms = bestMs(() => check.run(facts));
        if (ms > MAX_MS) slow.push(`${check.id} took ${Math.round(ms)} ms`);
      }
      const keywordMs = bestMs(() => analyzeKeyword(facts, 'a a'));
      if (keywordMs > MAX_MS) slow.push(`keyword analysis took ${Math.round(keywordMs)} ms`);
      expect(slow).toEqual([]);
    });
  }
});
