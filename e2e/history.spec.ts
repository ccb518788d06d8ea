import { expect, test, type Page } from '@playwright/test';
import { startRivalSite, type RivalSite } from '../test/rival-site';
import { OTHER, signIn } from './helpers';
import { createUser, sql } from './servers';

// History and diff (issue 12): a user audits a site twice while the site changes in between (its
// meta descriptions come back, its H1s go away); the site page plots both audits and the diff view
// lists exactly those findings as new and fixed. Another user gets 404 for all of it.

const PATHS = ['/', '/about', '/contact', '/services'];

let site: RivalSite;

test.beforeAll(async () => {
  site = await startRivalSite({ name: 'Acme Roofing', defects: ['no-description'] });
});

test.afterAll(async () => {
  await site?.close();
});

async function runAudit(page: Page): Promise<string> {
  await page.goto('/audits/new');
  await page.getByLabel('Site URL').fill(site.url);
  await page.getByLabel('Max pages').fill('10');
  await page.getByRole('button', { name: 'Start audit' }).click();
  // A cuid, not the form's own "/audits/new".
  await expect(page).toHaveURL(/\/audits\/c[a-z0-9]{20,}$/);
  const id = new URL(page.url()).pathname.split('/').pop()!;
  // The worker writes the outcome to PostgreSQL; wait for it there rather than for a timing.
  await expect
    .poll(async () => (await sql<{ status: string }>('SELECT status FROM "Audit" WHERE id = $1', [id]))[0]?.status, { timeout: 90_000 })
    .toMatch(/^COMPLETED/);
  return id;
}

const pageUrls = () => PATHS.map((p) => new URL(p, site.url).href).sort();

async function expectExactly(page: Page, testId: string, checkId: string) {
  const rows = page.getByTestId(testId).getByTestId('diff-finding');
  await expect(rows).toHaveCount(PATHS.length);
  const seen = await rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-check'), el.querySelector('.font-mono')?.textContent ?? '']));
  expect(seen.map(([check]) => check)).toEqual(PATHS.map(() => checkId));
  expect(seen.map(([, url]) => url).sort()).toEqual(pageUrls());
}

test('two audits of a changing site: the trend shows both, the diff shows exactly what was fixed and what is new; another user gets 404', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const user = await createUser();
  await signIn(page, user);

  const first = await runAudit(page);
  // One audit: one point and a hint to audit again.
  await page.getByRole('link', { name: 'Sites', exact: true }).click();
  await page.getByTestId('sites-table').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/sites\/[a-z0-9]+$/);
  const sitePath = new URL(page.url()).pathname;
  await expect(page.getByTestId('score-trend')).toHaveAttribute('data-points', '1');
  await expect(page.getByTestId('trend-hint')).toBeVisible();
  await expect(page.getByTestId('diff-picker')).toHaveCount(0);

  site.setDefects(['no-h1']);
  const second = await runAudit(page);

  await page.goto(sitePath);
  const trend = page.getByTestId('score-trend');
  await expect(trend).toHaveAttribute('data-points', '2');
  await expect(page.getByTestId('trend-hint')).toHaveCount(0);
  // Two dots on the overall line, drawn in the browser by the chart.
  await expect(trend.locator('.trend-overall-dot')).toHaveCount(2);
  await expect(page.getByTestId('site-audits').locator('tbody tr')).toHaveCount(2);
  // Nothing (the chart, its screen-reader table) widens the page beyond the window.
  const viewport = page.viewportSize()!.width;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport);
  await page.screenshot({ path: '.data/playwright/history-site.png', fullPage: true });

  // The picker starts at latest vs previous.
  const picker = page.getByTestId('diff-picker');
  await expect(picker.getByLabel('From')).toHaveValue(first);
  await expect(picker.getByLabel('To')).toHaveValue(second);
  await picker.getByRole('button', { name: 'Show changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/audits/${first}/diff/${second}$`));
  await expectExactly(page, 'diff-new', 'h1-missing');
  await expectExactly(page, 'diff-fixed', 'meta-description-missing');
  await expect(page.getByTestId('pages-added')).toContainText('None.');
  await expect(page.getByTestId('pages-removed')).toContainText('None.');
  await page.screenshot({ path: '.data/playwright/history-diff.png', fullPage: true });

  // Named the other way round, the diff is the same: the earlier audit is always the base.
  await page.goto(`/audits/${second}/diff/${first}`);
  await expectExactly(page, 'diff-new', 'h1-missing');

  // An audit compared with itself is refused with a reason, not an empty diff.
  await page.goto(`${sitePath}/diff?from=${first}&to=${first}`);
  await expect(page.getByTestId('diff-refused')).toContainText('two different audits');

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, OTHER);
  for (const path of [sitePath, `/audits/${first}/diff/${second}`, `${sitePath}/diff?from=${first}&to=${second}`, `/api/audits/${first}/diff/${second}`]) {
    expect((await otherPage.request.get(path)).status(), path).toBe(404);
  }
  await otherPage.goto(sitePath);
  await expect(otherPage.getByText(/could not be found|not found/i).first()).toBeVisible();
  await otherPage.screenshot({ path: '.data/playwright/history-other-user.png', fullPage: true });
  await other.close();
});
