import ExcelJS from 'exceljs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO, OTHER, signIn } from './helpers';

// A 1,000-page audit, explored and exported as a person would: the explorer's views, Excel and
// CSV reports read back, and another user locked out of all of it.
test.describe.configure({ mode: 'serial' });

const SHOTS = '.data/playwright/screens';
let auditId = '';

async function screenshots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    // Nothing may stick out sideways on a phone.
    if (width === 390) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(392);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function waitForReport(request: APIRequestContext, id: string) {
  let status = '';
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/reports/${id}`);
        status = (await res.json()).status;
        return status;
      },
      { timeout: 90_000, intervals: [500] },
    )
    .toMatch(/READY|FAILED/);
  expect(status).toBe('READY');
}

test('a 1,000-page audit: explorer views, Excel and CSV reports, nothing for another user', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const big = process.env.FIXTURE_BIG_URL!;
  await signIn(page, DEMO);

  const started = await page.request.post('/api/audits', { data: { url: `${big}/`, maxPages: 1_001, maxDepth: 50, renderMode: 'never', include: ['/', '/gen/*'] } });
  expect(started.status()).toBe(202);
  auditId = (await started.json()).id;
  await expect
    .poll(async () => (await (await page.request.get(`/api/audits/${auditId}`)).json()).status, { timeout: 150_000, intervals: [1_000] })
    .toMatch(/^COMPLETED/);
  const result = await (await page.request.get(`/api/audits/${auditId}`)).json();
  const findingCount = result.siteFindings.length + result.pages.reduce((n: number, p: { findings: unknown[] }) => n + p.findings.length, 0);
  expect(result.pages.length).toBe(1_001);

  // Overview with charts and the score explained.
  await page.goto(`/audits/${auditId}`);
  await expect(page.getByTestId('overview')).toBeVisible();
  await expect(page.getByTestId('charts').locator('svg').first()).toBeVisible();
  await expect(page.getByTestId('score-explanation')).toBeVisible();
  await expect(page.getByTestId('fix-first')).toBeVisible();
  await screenshots(page, 'audit-overview');

  // Issues: every check that fired, each opening its URLs, each URL its page.
  await page.goto(`/audits/${auditId}?tab=issues`);
  const issues = page.getByTestId('issues');
  await expect(issues).toBeVisible();
  await screenshots(page, 'audit-issues');
  await issues.getByRole('link', { name: /^See the .*affected URLs?$/ }).first().click();
  await expect(page.getByTestId('issue-urls')).toBeVisible();
  await screenshots(page, 'audit-issue-urls');

  // Pages: sort, filter, page 2, page detail.
  await page.goto(`/audits/${auditId}?tab=pages`);
  const table = page.getByTestId('pages-table');
  await expect(table).toBeVisible();
  await expect(page.getByText(/of 1,001 pages/).first()).toBeVisible();
  await screenshots(page, 'audit-pages');
  await page.goto(`/audits/${auditId}?tab=pages&sort=url&order=desc&page=2`);
  await expect(table.locator('tbody tr').first()).toBeVisible();
  const secondPageFirst = await table.locator('tbody tr').first().innerText();
  await page.goto(`/audits/${auditId}?tab=pages&sort=url&order=desc`);
  expect(await table.locator('tbody tr').first().innerText()).not.toBe(secondPageFirst);
  await page.goto(`/audits/${auditId}?tab=pages&q=${encodeURIComponent('/gen/7')}`);
  await expect(table.getByText('=SUM(1,2) formula title')).toBeVisible();
  await table.getByRole('link', { name: /\/gen\/7$/ }).first().click();
  await expect(page.getByTestId('page-detail')).toBeVisible();
  await expect(page.getByTestId('page-detail')).toContainText('=SUM(1,2) formula title');
  await screenshots(page, 'audit-page-detail');

  // Reports: an Excel workbook and a CSV, downloaded and read back.
  const xlsx = await page.request.post(`/api/audits/${auditId}/reports`, { data: { format: 'xlsx' } });
  expect(xlsx.status()).toBe(202);
  const xlsxId = (await xlsx.json()).id;
  const csv = await page.request.post(`/api/audits/${auditId}/reports`, { data: { format: 'csv', kind: 'findings' } });
  const csvId = (await csv.json()).id;
  await waitForReport(page.request, xlsxId);
  await waitForReport(page.request, csvId);

  const xlsxFile = await page.request.get(`/api/reports/${xlsxId}/download`);
  expect(xlsxFile.headers()['content-type']).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await xlsxFile.body()) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Summary', 'Issues', 'Findings', 'Pages']));
  const findingsSheet = workbook.getWorksheet('Findings')!;
  expect(findingsSheet.actualRowCount - 1).toBe(findingCount);
  const known = result.pages.find((p: { findings: unknown[] }) => p.findings.length > 0).findings[0] as { checkId: string; url: string };
  const findingRows: string[] = [];
  findingsSheet.eachRow((row) => findingRows.push(JSON.stringify(row.values)));
  expect(findingRows.some((r) => r.includes(known.checkId) && r.includes(known.url))).toBe(true);
  let formulaCell: ExcelJS.Cell | undefined;
  workbook.getWorksheet('Pages')!.eachRow((row) => row.eachCell((cell) => {
    if (String(cell.value).includes('SUM(1,2) formula title')) formulaCell = cell;
  }));
  expect(formulaCell).toBeDefined();
  expect(formulaCell!.type).toBe(ExcelJS.ValueType.String);
  expect(formulaCell!.formula).toBeUndefined();

  const csvFile = await page.request.get(`/api/reports/${csvId}/download`);
  const csvText = (await csvFile.body()).toString('utf8');
  expect(csvText.charCodeAt(0)).toBe(0xfeff);
  expect(csvText.trimEnd().split('\r\n').length - 1).toBe(findingCount);

  // Another ordinary user sees none of it.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, OTHER);
  for (const path of [`/api/audits/${auditId}`, `/api/audits/${auditId}/pages`, `/api/audits/${auditId}/issues`, `/api/reports/${xlsxId}`, `/api/reports/${xlsxId}/download`]) {
    expect((await otherPage.request.get(path)).status(), path).toBe(404);
  }
  expect((await otherPage.request.post(`/api/audits/${auditId}/reports`, { data: { format: 'csv' } })).status()).toBe(404);
  const response = await otherPage.goto(`/audits/${auditId}`);
  expect(response?.status()).toBe(404);
  await other.close();
});
