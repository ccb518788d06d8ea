import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './helpers';

test('a cleanup job queued from the admin page is completed by the worker', async ({ page }) => {
  await signIn(page, ADMIN, '/admin');
  await expect(page.getByTestId('health-status')).toHaveText('ok', { timeout: 20_000 });
  const runs = page.getByTestId('maintenance-runs').locator('li', { hasText: 'cleanup' });
  const before = await runs.count();
  await page.getByRole('button', { name: 'Run cleanup now' }).click();
  await expect(page.getByRole('status')).toContainText('Cleanup queued as job');
  // The worker writes a MaintenanceRun row; the page shows it after a reload.
  await expect(async () => {
    await page.reload();
    expect(await runs.count()).toBe(before + 1);
  }).toPass({ timeout: 20_000 });
});
