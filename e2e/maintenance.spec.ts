import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './helpers';

test('a cleanup job queued from the admin page is completed by the worker', async ({ page }) => {
  await signIn(page, ADMIN, '/admin');
  await expect(page.getByTestId('health-status')).toHaveText('ok', { timeout: 20_000 });
  const newest = page.getByTestId('maintenance-runs').locator('li').first();
  const before = await newest.getAttribute('data-run-id');
  await page.getByRole('button', { name: 'Run cleanup now' }).click();
  await expect(page.getByRole('status')).toContainText('Cleanup queued as job');
  // The worker writes a MaintenanceRun row; the page shows it, newest first, after a reload.
  await expect(async () => {
    await page.reload();
    const id = await newest.getAttribute('data-run-id');
    expect(id).toBeTruthy();
    expect(id).not.toBe(before);
    await expect(newest).toContainText('cleanup');
  }).toPass({ timeout: 20_000 });
});
