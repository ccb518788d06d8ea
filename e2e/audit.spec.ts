import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './helpers';

test('start an audit from the UI, watch live progress reach the end, then read the findings', async ({ page }) => {
  const site = process.env.FIXTURE_URL!;
  await signIn(page, DEMO);
  await page.getByRole('link', { name: 'Site audit' }).click();
  await page.getByLabel('Site URL').fill(`${site}/`);
  await page.getByLabel('Max pages').fill('60');
  await page.getByRole('button', { name: 'Start audit' }).click();

  await expect(page).toHaveURL(/\/audits\/[a-z0-9]+$/);
  const bar = page.getByTestId('progress-bar');
  await expect(bar).toBeVisible();
  // Progress moves while the crawl runs (not only at the end).
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.screenshot({ path: '.data/playwright/audit-running.png', fullPage: true });

  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
  await expect(page.getByTestId('overview')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Completed with errors').first()).toBeVisible();
  await page.screenshot({ path: '.data/playwright/audit-done.png', fullPage: true });
  await page.getByRole('link', { name: 'Issues', exact: true }).click();
  await expect(page.getByTestId('issues')).toContainText('broken');
  await page.getByRole('link', { name: 'Pages', exact: true }).click();
  await page.getByLabel('Search').fill('orphan');
  await page.getByLabel('Search').press('Enter');
  await expect(page.getByTestId('pages-table')).toContainText('/orphan');
});

test('invalid audit input gets a clear message', async ({ page }) => {
  await signIn(page, DEMO);
  await page.goto('/audits/new');
  await page.getByLabel('Site URL').fill('ftp://example.com/');
  await page.getByRole('button', { name: 'Start audit' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Only http and https' })).toBeVisible();
});
