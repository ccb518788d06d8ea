import net from 'node:net';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';
import { createUser } from './servers';

// What a person sees when something goes wrong: one cause in plain words, and the form still
// holding what they typed.

test('a refused URL keeps the form filled and says why', async ({ page }) => {
  await signIn(page, await createUser());
  await page.goto('/analyze');
  await page.getByLabel('Page URL').fill('mailto:someone@example.com');
  await page.getByLabel('Target keyword (optional)').fill('roof repair');
  await page.getByRole('button', { name: 'Analyse page' }).click();
  // Next adds its own (empty) route announcer with role=alert: take ours, the one with text.
  const alert = page.getByRole('alert').filter({ hasText: /\w/ });
  await expect(alert).toContainText('Only http and https URLs can be analysed');
  await expect(page.getByLabel('Page URL')).toHaveValue('mailto:someone@example.com');
  await expect(page.getByLabel('Target keyword (optional)')).toHaveValue('roof repair');

  // A port nothing listens on: the cause in words, not "connect ECONNREFUSED".
  await page.getByLabel('Page URL').fill('http://127.0.0.1:1/');
  await page.getByRole('button', { name: 'Analyse page' }).click();
  await expect(alert).toContainText('connection refused');
  await expect(alert).not.toContainText('ECONNREFUSED');
  await expect(page.getByLabel('Page URL')).toHaveValue('http://127.0.0.1:1/');
  await page.screenshot({ path: '.data/playwright/analyze-refused.png', fullPage: true });
});

test('an audit of a site that does not answer fails fast with the real cause and no robots findings', async ({ page }) => {
  await signIn(page, await createUser());
  await page.goto('/audits/new');
  await page.getByLabel('Site URL').fill('http://127.0.0.1:1/');
  const started = Date.now();
  await page.getByRole('button', { name: 'Start audit' }).click();
  await expect(page).toHaveURL(/\/audits\/[a-z0-9]+$/);
  // The live card says it as soon as the audit ends; the page header after its refresh.
  await expect(page.getByTestId('progress-error').or(page.getByTestId('audit-error')).first()).toContainText('The site did not answer: connection refused', { timeout: 15_000 });
  await expect(page.getByTestId('audit-error')).toContainText('The site did not answer: connection refused', { timeout: 15_000 });
  expect(Date.now() - started).toBeLessThan(15_000);
  // The cause once; no findings about a robots.txt or sitemap it never saw.
  await page.goto(`${page.url().split('?')[0]}?tab=issues`);
  await expect(page.getByText('No issues found', { exact: true })).toBeVisible();
  await page.screenshot({ path: '.data/playwright/audit-refused.png', fullPage: true });
});

test('an audit that fails while the page is open shows why without a reload', async ({ page }) => {
  // Accepts connections and never answers: the audit fails by its site-answer deadline (6 s).
  const silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    await signIn(page, await createUser());
    await page.goto('/audits/new');
    await page.getByLabel('Site URL').fill(`http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/`);
    await page.getByRole('button', { name: 'Start audit' }).click();
    await expect(page.getByTestId('progress-bar')).toBeVisible();
    // The page refreshes itself when the live stream says the audit ended.
    await expect(page.getByTestId('audit-error')).toContainText('The site did not answer: timed out', { timeout: 20_000 });
    await expect(page.getByText('Failed', { exact: true }).first()).toBeVisible();
  } finally {
    silent.close();
  }
});

test('bulk analysis lists every rejected line with its number and reason', async ({ page }) => {
  const site = process.env.FIXTURE_URL!;
  await signIn(page, await createUser());
  await page.goto('/bulk');
  await page.getByLabel('URLs, one per line (up to 1,000)').fill(`${site}/about\nmailto:x@y.z\nhello\n${site}/about`);
  await page.getByRole('button', { name: 'Analyse all' }).click();
  const skipped = page.getByTestId('invalid-lines');
  await expect(skipped).toContainText('Line 2');
  await expect(skipped).toContainText('mailto:');
  await expect(skipped).toContainText('Line 3');
  await expect(skipped).toContainText('"hello" is not a full host name');
  await page.screenshot({ path: '.data/playwright/bulk-rejected-lines.png', fullPage: true });

  // Nothing valid: the form keeps the text and lists the lines.
  await page.goto('/bulk');
  await page.getByLabel('URLs, one per line (up to 1,000)').fill('hello\nftp://x.example/');
  await page.getByRole('button', { name: 'Analyse all' }).click();
  const alert = page.getByRole('alert').filter({ hasText: /\w/ });
  await expect(alert).toContainText('Line 1');
  await expect(alert).toContainText('Line 2');
  await expect(page.getByLabel('URLs, one per line (up to 1,000)')).toHaveValue('hello\nftp://x.example/');
});
