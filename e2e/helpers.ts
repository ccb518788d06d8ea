import { expect, type Page } from '@playwright/test';

export const ADMIN = { email: process.env.ADMIN_EMAIL ?? 'admin@example.com', password: process.env.ADMIN_PASSWORD ?? 'admin-password-123' };
export const DEMO = { email: process.env.DEMO_EMAIL ?? 'demo@example.com', password: process.env.DEMO_PASSWORD ?? 'demo-password-123' };
/** Seeded by e2e/seed-e2e-users.ts: an ordinary user who owns nothing. */
export const OTHER = { email: 'other-user@example.com', password: 'other-password-123' };

export async function signIn(page: Page, who: { email: string; password: string }, next?: string) {
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-user')).toContainText(who.email);
}
