import { expect, test, type Page } from '@playwright/test';
import { ADMIN, signIn } from './helpers';

// An administrator switches bulk analysis to in-process (sync) on the admin page: the next bulk run
// is analysed by the web process and says so; switched back, the next one is queued again.

const flagRow = (page: Page) => page.getByTestId('flag-bulk-analysis');

async function setBulkMode(page: Page, mode: 'sync' | 'async') {
  await page.goto('/admin');
  await flagRow(page).getByLabel('Bulk analysis mode').selectOption(mode);
  await expect(flagRow(page).getByRole('status')).toContainText(`Bulk analysis: on, ${mode}`);
  await page.reload();
  await expect(flagRow(page)).toHaveAttribute('data-mode', mode);
}

async function startBulk(page: Page, site: string) {
  const res = await page.request.post('/api/bulk', { data: { urls: [`${site}/gen/1`, `${site}/gen/2`] } });
  expect(res.status()).toBe(202);
  return (await res.json()) as { id: string; mode: 'sync' | 'async' };
}

test('an admin flips bulk analysis to sync: the next bulk run is in-process, then back to the queue', async ({ page }) => {
  const site = process.env.FIXTURE_URL!;
  await signIn(page, ADMIN, '/admin');

  await setBulkMode(page, 'sync');
  try {
    const inProcess = await startBulk(page, site);
    expect(inProcess.mode).toBe('sync');
    await expect
      .poll(async () => (await (await page.request.get(`/api/audits/${inProcess.id}`)).json()).status, { timeout: 60_000, intervals: [500] })
      .toBe('COMPLETED');

    // The change is in the history, with who made it.
    await page.goto('/admin');
    await expect(page.getByTestId('flag-history')).toContainText('bulk-analysis: mode async → sync');
    await expect(page.getByTestId('flag-history')).toContainText(ADMIN.email);
  } finally {
    await setBulkMode(page, 'async');
  }

  const queued = await startBulk(page, site);
  expect(queued.mode).toBe('async');
  await expect
    .poll(async () => (await (await page.request.get(`/api/audits/${queued.id}`)).json()).status, { timeout: 60_000, intervals: [500] })
    .toBe('COMPLETED');
});
