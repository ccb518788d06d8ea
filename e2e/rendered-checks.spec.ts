import http from 'node:http';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';
import { createUser } from './servers';

// A page only a browser can judge: after load a fixed overlay covers the phone screen, and its
// links are tiny and packed together. Analysed with rendering "Always" in the real UI.
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Newsletter offer page for rendered checks</title><meta name="description" content="A page whose overlay and tiny links only a browser can see.">
<style>.tiny a { display: inline-block; width: 10px; height: 10px; font-size: 6px; margin: 0; overflow: hidden; }
#promo { position: fixed; inset: 0; background: #fff; z-index: 9; }</style></head>
<body><h1>Spring offers</h1><p>${'Plenty of words about the offers of this spring season. '.repeat(20)}</p>
<div class="tiny">${Array.from({ length: 12 }, (_, i) => `<a href="/p${i}">${i}</a>`).join('')}</div>
<script>addEventListener('load', () => document.body.insertAdjacentHTML('beforeend', '<div id="promo"><p>Subscribe to read on</p></div>'));</script></body></html>`;

let server: http.Server;
let url: string;
test.beforeAll(async () => {
  server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/offers`;
});
test.afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

test('a rendered analysis reports the overlay and the crowded tap targets a phone would show', async ({ page }) => {
  await signIn(page, await createUser());
  await page.getByRole('link', { name: 'Analyse a page' }).click();
  await page.getByLabel('Page URL').fill(url);
  await page.getByLabel('JavaScript rendering').selectOption('always');
  await page.getByRole('button', { name: 'Analyse page' }).click();
  await expect(page).toHaveURL(/\/audits\/[a-z0-9]+$/, { timeout: 60_000 });
  const findings = page.getByTestId('findings');
  await expect(findings.getByText('Overlay covers most of the phone screen after load')).toBeVisible();
  await expect(findings.getByText('Tap targets too small and too close together')).toBeVisible();
  await page.screenshot({ path: '.data/playwright/rendered-checks.png', fullPage: true });
});
