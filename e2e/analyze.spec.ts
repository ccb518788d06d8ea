import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './helpers';

test('instant analysis of a page shows the score, findings by category and fix advice', async ({ page }) => {
  const site = process.env.FIXTURE_URL!;
  await signIn(page, DEMO);
  await page.getByRole('link', { name: 'Analyse a page' }).click();
  await page.getByLabel('Page URL').fill(`${site}/about`);
  await page.getByLabel('Target keyword (optional)').fill('fixture');
  await page.getByRole('button', { name: 'Analyse page' }).click();
  await expect(page).toHaveURL(/\/audits\/[a-z0-9]+$/, { timeout: 30_000 });
  await expect(page.getByTestId('score')).toBeVisible();
  await expect(page.getByTestId('category-scores')).toBeVisible();
  await expect(page.getByTestId('keyword')).toContainText('Keyword “fixture”');
  const findings = page.getByTestId('findings');
  await findings.locator('summary').first().click();
  await expect(findings.getByText('How to fix:').first()).toBeVisible();
  await page.screenshot({ path: '.data/playwright/analyze-result.png', fullPage: true });

  // It is in the history.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('link', { name: `${site}/about` }).first()).toBeVisible();
});

test('the JSON API rejects bad input with a 400 and a clear message', async ({ page }) => {
  await signIn(page, DEMO);
  const res = await page.request.post('/api/analyze', { data: { url: 'javascript:alert(1)' } });
  expect(res.status()).toBe(400);
  expect((await res.json()).error.message).toMatch(/not a valid URL|Only http and https/);
  const blocked = await page.request.post('/api/analyze', { data: { url: 'http://169.254.169.254/latest/meta-data' } });
  expect(blocked.status()).toBe(400);
  expect((await blocked.json()).error.message).toMatch(/169\.254\.169\.254/);
});

test('bulk analysis reports invalid lines and finishes the batch', async ({ page }) => {
  const site = process.env.FIXTURE_URL!;
  await signIn(page, DEMO);
  await page.getByRole('link', { name: 'Bulk' }).click();
  await page.getByLabel('URLs, one per line (up to 1,000)').fill(`${site}/about\n${site}/about\nnot a url\n${site}/error\n${site}/orphan`);
  await page.getByRole('button', { name: 'Analyse all' }).click();
  await expect(page.getByText('3 URLs queued · 1 invalid line skipped · 1 duplicate removed')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('progress-bar')).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
  await page.goto(`${page.url().split('?')[0]}?tab=pages`);
  await expect(page.getByTestId('pages-table')).toContainText('/orphan');
});
