import { expect, test, type Browser, type Page } from '@playwright/test';
import { startRivalSite, type RivalSite } from '../test/rival-site';
import { signIn } from './helpers';
import { createUser, sql } from './servers';

// Rivals and sharing (issue "Rivals, history, schedules and sharing"): a user compares their local
// fixture site with a rival's in the real UI, shares the audit and the comparison through the share
// panels, and a signed-out browser reads both links (results and report downloads, nothing else of
// the owner's) until they are revoked, after which the links are a clear 404 page. A second signed-in
// user gets 404 for the audit, the comparison, a diff and every share-management endpoint.

let yours: RivalSite;
let rival: RivalSite;

test.beforeAll(async () => {
  // Yours lacks image alt texts (a loss in Images); the rival lacks descriptions, H1s and good titles (a win for you in On-page).
  yours = await startRivalSite({ name: 'Yours', defects: ['no-alt'] });
  rival = await startRivalSite({ name: 'Rival', defects: ['no-description', 'short-title', 'no-h1'] });
});

test.afterAll(async () => {
  await Promise.all([yours?.close(), rival?.close()]);
});

const CUID = /c[a-z0-9]{20,}/;
const idOf = (page: Page) => new URL(page.url()).pathname.split('/').pop()!;

/** The share panel's new link, read from its one-time field. */
async function createShareLink(page: Page): Promise<{ url: string; token: string }> {
  const panel = page.getByTestId('share-panel');
  const before = await panel.getByTestId('share-list').locator('li').count();
  await panel.getByRole('button', { name: 'Create share link' }).click();
  const field = panel.getByTestId('share-created').getByLabel('Share link');
  await expect(field).toHaveValue(/\/share\/[A-Za-z0-9_-]{43}$/);
  await expect(panel.getByTestId('share-list').locator('li')).toHaveCount(before + 1);
  const url = await field.inputValue();
  return { url, token: url.split('/').pop()! };
}

/** Every same-origin link on a shared page stays under /share/<token>: no way to the owner's pages. */
async function expectOnlyShareLinks(page: Page, token: string) {
  const origin = new URL(page.url()).origin;
  const hrefs = await page.locator('a[href]').evaluateAll((els) => els.map((el) => (el as HTMLAnchorElement).href));
  const own = hrefs.filter((h) => new URL(h).origin === origin);
  expect(own.length).toBeGreaterThan(0);
  for (const href of own) expect(new URL(href).pathname, href).toMatch(new RegExp(`^/share/${token}(/|$)`));
  await expect(page.getByTestId('current-user')).toHaveCount(0);
  for (const name of ['Dashboard', 'Audits', 'Sites', 'Comparisons', 'Schedules']) await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
}

async function signedOut(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test('compare two local sites, share the audit and the comparison, revoke; a second user gets 404 for all of it', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const owner = await createUser();
  const second = await createUser();
  await signIn(page, owner);

  // ── The comparison, started and followed in the UI.
  await page.goto('/comparisons/new');
  await page.getByLabel('Your site').fill(yours.url);
  await page.getByLabel('Rival 1', { exact: true }).fill(rival.url);
  await page.getByLabel('Max pages per site').fill('4');
  await page.getByLabel('Keyword (optional)').fill('roof repair');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(new RegExp(`/comparisons/${CUID.source}$`));
  const comparisonId = idOf(page);
  // The page refreshes itself (its poller) until both sites are scored and the wins and losses are in.
  await expect(page.getByTestId('wins')).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('comparison-progress')).toHaveCount(0);
  const sites = page.getByTestId('comparison-site');
  await expect(sites).toHaveCount(2);
  await expect(sites.nth(0)).toHaveAttribute('data-role', 'you');
  await expect(sites.nth(0)).toHaveAttribute('data-status', /^COMPLETED/);
  await expect(sites.nth(1)).toHaveAttribute('data-role', 'rival');
  await expect(sites.nth(1)).toHaveAttribute('data-status', /^COMPLETED/);
  // Scores side by side: the overall row has one number per site.
  const overall = page.getByTestId('category-scores').getByRole('row', { name: /^Overall/ });
  await expect(overall.getByRole('cell')).toHaveCount(2);
  for (const cell of await overall.getByRole('cell').all()) await expect(cell).toHaveText(/^\d{1,3}/);
  await expect(page.getByTestId('wins')).toContainText('On-page');
  await expect(page.getByTestId('losses')).toContainText('Images');
  await expect(page.getByTestId('facts-table')).toContainText('Home — Yours roof repair');
  // Nothing widens the page beyond the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
  await page.screenshot({ path: '.data/playwright/compare-view.png', fullPage: true });

  // ── Share the comparison.
  const comparisonShare = await createShareLink(page);

  // ── Your site's audit: a report file, then a share link.
  const yourAuditLink = sites.nth(0).getByRole('link');
  await expect(yourAuditLink).toHaveText(yours.url);
  await yourAuditLink.click();
  await expect(page).toHaveURL(new RegExp(`/audits/${CUID.source}$`));
  const auditId = idOf(page);
  const reports = page.getByTestId('reports');
  await reports.getByRole('button', { name: 'CSV: pages' }).click();
  await expect(reports.getByRole('link', { name: 'Download' })).toBeVisible({ timeout: 90_000 });
  const readyReports = await sql<{ id: string }>('SELECT id FROM "Report" WHERE "auditId" = $1 AND status = $2', [auditId, 'READY']);
  expect(readyReports).toHaveLength(1);
  const reportId = readyReports[0]!.id;
  const auditShare = await createShareLink(page);
  expect(auditShare.token).not.toBe(comparisonShare.token);
  const auditPagePath = new URL(page.url()).pathname;

  // ── Signed out: the audit's link shows its results and its report, and nothing else of the owner's.
  const anon = await signedOut(browser);
  let res = await anon.page.goto(auditShare.url);
  expect(res?.status()).toBe(200);
  await expect(anon.page.getByTestId('shared-audit')).toBeVisible();
  await expect(anon.page.getByRole('heading', { level: 1 })).toHaveText(yours.url);
  await expect(anon.page.getByTestId('share-notice')).toContainText('Shared read-only');
  await expect(anon.page.getByTestId('page-counts')).toContainText('Pages crawled');
  const reportLink = anon.page.getByTestId('shared-reports').getByRole('link');
  await expect(reportLink).toHaveCount(1);
  const reportHref = await reportLink.getAttribute('href');
  expect(reportHref).toBe(`/share/${auditShare.token}/reports/${reportId}`);
  const file = await anon.page.request.get(reportHref!);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-disposition']).toMatch(/^attachment/);
  expect(await file.text()).toContain(yours.url);
  await expectOnlyShareLinks(anon.page, auditShare.token);
  await anon.page.screenshot({ path: '.data/playwright/share-audit.png', fullPage: true });
  // The signed-out browser still cannot open the owner's own page for the same audit.
  await anon.page.goto(auditPagePath);
  await expect(anon.page).toHaveURL(/\/sign-in/);

  // ── Signed out: the comparison's link shows the result, with no link to the owner's audits.
  res = await anon.page.goto(comparisonShare.url);
  expect(res?.status()).toBe(200);
  await expect(anon.page.getByTestId('shared-comparison')).toBeVisible();
  await expect(anon.page.getByTestId('comparison-site')).toHaveCount(2);
  await expect(anon.page.getByTestId('wins')).toContainText('On-page');
  await expect(anon.page.getByTestId('losses')).toContainText('Images');
  await expect(anon.page.getByTestId('comparison-sites').getByRole('link')).toHaveCount(0);
  expect(await anon.page.locator(`a[href*="/audits/"], a[href*="/comparisons/"]`).count()).toBe(0);
  await expect(anon.page.getByTestId('current-user')).toHaveCount(0);
  await anon.page.screenshot({ path: '.data/playwright/share-comparison.png', fullPage: true });

  // ── The second user, signed in: 404 for everything of the owner's, and the owner gets 200 for the same.
  // A second audit of your site, for a diff the owner can see.
  const diffRes = await page.request.post('/api/audits', { data: { url: yours.url, maxPages: 4 } });
  expect(diffRes.status(), await diffRes.text()).toBeLessThan(300);
  const laterAudit = ((await diffRes.json()) as { id: string }).id;
  await expect
    .poll(async () => (await sql<{ status: string }>('SELECT status FROM "Audit" WHERE id = $1', [laterAudit]))[0]?.status, { timeout: 90_000 })
    .toMatch(/^COMPLETED/);
  const liveShares = await sql<{ id: string }>('SELECT id FROM "Share" WHERE "auditId" = $1 AND "revokedAt" IS NULL', [auditId]);
  expect(liveShares).toHaveLength(1);
  const liveShareId = liveShares[0]!.id;
  const gets = [
    `/audits/${auditId}`,
    `/comparisons/${comparisonId}`,
    `/audits/${auditId}/diff/${laterAudit}`,
    `/api/audits/${auditId}`,
    `/api/comparisons/${comparisonId}`,
    `/api/audits/${auditId}/diff/${laterAudit}`,
    `/api/audits/${auditId}/share`,
    `/api/comparisons/${comparisonId}/share`,
  ];
  for (const path of gets) expect((await page.request.get(path)).status(), `owner: ${path}`).toBe(200);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, second);
  for (const path of gets) expect((await otherPage.request.get(path)).status(), `second user: ${path}`).toBe(404);
  expect((await otherPage.request.post(`/api/audits/${auditId}/share`, { data: { expiresInDays: 7 } })).status()).toBe(404);
  expect((await otherPage.request.post(`/api/comparisons/${comparisonId}/share`, { data: { expiresInDays: 7 } })).status()).toBe(404);
  expect((await otherPage.request.delete(`/api/shares/${liveShareId}`)).status()).toBe(404);
  expect((await otherPage.request.delete(`/api/shares/${auditShare.token}`)).status()).toBe(404);
  // Their attempts changed nothing: the link still works.
  expect((await anon.page.goto(auditShare.url))?.status()).toBe(200);
  await otherPage.goto(`/comparisons/${comparisonId}`);
  await expect(otherPage.getByText(/could not be found|not found/i).first()).toBeVisible();
  await other.close();

  // ── Revoke both links in the owner's panels; they stop working at once.
  await page.goto(`/comparisons/${comparisonId}`);
  await page.getByTestId('share-panel').getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('share-list')).toHaveCount(0);
  await page.goto(auditPagePath);
  await page.getByTestId('share-panel').getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('share-list')).toHaveCount(0);

  for (const url of [auditShare.url, comparisonShare.url]) {
    res = await anon.page.goto(url);
    expect(res?.status(), url).toBe(404);
    await expect(anon.page.getByTestId('share-not-found')).toBeVisible();
    await expect(anon.page.getByRole('heading', { level: 1 })).toContainText(/revoked or (has )?expired/i);
    await expect(anon.page.getByTestId('shared-audit')).toHaveCount(0);
    await expect(anon.page.getByTestId('shared-comparison')).toHaveCount(0);
    await expect(anon.page.getByText(yours.url)).toHaveCount(0);
  }
  await anon.page.screenshot({ path: '.data/playwright/share-revoked.png', fullPage: true });
  expect((await anon.page.request.get(reportHref!)).status()).toBe(404);
  await anon.context.close();
});
