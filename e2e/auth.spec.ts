import { expect, test } from '@playwright/test';
import { ADMIN, DEMO, signIn } from './helpers';

test('wrong password shows a clear message and no session', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('admin signs in, sees the admin area and signs out', async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByTestId('current-user')).toContainText('admin');
  await page.getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Admin' })).toBeVisible();
  await page.screenshot({ path: '.data/playwright/admin.png', fullPage: true });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a regular user cannot open the admin area', async ({ page }) => {
  await signIn(page, DEMO);
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(404);
});
