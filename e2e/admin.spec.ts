import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Request } from '@playwright/test';
import { ADMIN, OTHER, signIn } from './helpers';
import { createUser, sql } from './servers';

// The admin area: every page, admin API route, Bull Board path and server action checks the role
// itself. An administrator sees the queues, dead letters and users pages and changes a role.

const PAGES = ['/admin', '/admin/queues', '/admin/dead-letters', '/admin/users'];
const API_ROUTES = ['/api/admin/flags', '/api/admin/queues', '/api/admin/users'];
const BOARD_PATHS = ['/api/admin/bull-board', '/api/admin/bull-board/api/queues', '/api/admin/bull-board/static/images/logo.svg'];
const queuePrefix = process.env.QUEUE_PREFIX ?? 'ro';

async function expectRefused(request: APIRequestContext, who: 'signed out' | 'a user') {
  for (const p of PAGES) {
    const res = await request.get(p, { maxRedirects: 0 });
    if (who === 'signed out') {
      expect(res.status(), `${p} ${who}`).toBeGreaterThanOrEqual(300);
      expect(res.status(), `${p} ${who}`).toBeLessThan(400);
      expect(res.headers()['location'], `${p} ${who}`).toContain('/sign-in');
    } else {
      expect(res.status(), `${p} ${who}`).toBe(404);
    }
    expect(await res.text(), `${p} ${who}`).not.toMatch(/Replay selected|Open Bull Board|Save role/);
  }
  for (const p of API_ROUTES) {
    expect((await request.get(p)).status(), `${p} ${who}`).toBe(who === 'signed out' ? 401 : 403);
  }
  for (const p of BOARD_PATHS) {
    expect((await request.get(p, { maxRedirects: 0 })).status(), `${p} ${who}`).toBe(who === 'signed out' ? 401 : 404);
  }
  // A browser navigation to the board while signed out goes to the sign-in page instead.
  if (who === 'signed out') {
    const nav = await request.get('/api/admin/bull-board', { maxRedirects: 0, headers: { accept: 'text/html' } });
    expect(nav.status()).toBe(307);
    expect(nav.headers()['location']).toBe('/sign-in?next=%2Fapi%2Fadmin%2Fbull-board');
  }
  const pause = await request.put('/api/admin/bull-board/api/queues/maintenance/pause', { maxRedirects: 0 });
  expect(pause.status(), `board pause ${who}`).toBe(who === 'signed out' ? 401 : 404);
}

test('signed-out visitors and non-admins are refused on every admin page, API route and Bull Board path', async ({ playwright, baseURL, page }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  await expectRefused(anonymous, 'signed out');
  await anonymous.dispose();

  await signIn(page, OTHER);
  await expectRefused(page.request, 'a user');

  // The same requests as an admin succeed, so the refusals above can fail.
  await page.context().clearCookies();
  await signIn(page, ADMIN);
  for (const p of [...PAGES, ...API_ROUTES, ...BOARD_PATHS]) expect((await page.request.get(p)).status(), `${p} as admin`).toBe(200);
});

test('an admin sees the queues page with every queue and opens Bull Board', async ({ page }) => {
  await signIn(page, ADMIN, '/admin/queues');
  await expect(page.getByRole('heading', { name: 'Queues', level: 1 })).toBeVisible();
  for (const q of ['crawl', 'analysis', 'reports', 'maintenance']) await expect(page.getByTestId(`queue-${q}`)).toBeVisible();
  // The e2e worker runs (global-setup), so its heartbeat is there.
  await expect(page.getByTestId('workers-online')).not.toHaveText('0');
  await page.getByTestId('bull-board-link').click();
  await expect(page).toHaveURL(/\/api\/admin\/bull-board\/?$/);
  await expect(page.getByText('maintenance').first()).toBeVisible();
});

test('an admin filters dead letters, discards one with a reason and replays another', async ({ page }) => {
  const marker = randomUUID().slice(0, 8);
  const insert = (name: string, queue: string, payload: object) =>
    sql(
      `INSERT INTO "DeadLetter" (id, queue, "jobId", "enqueuedAt", name, payload, error, stack, attempts, "failedAt")
       VALUES ($1, $2, $3, now(), $4, $5, $6, $7, 3, now())`,
      [randomUUID(), `${queuePrefix}:${queue}`, `e2e-${randomUUID()}`, name, JSON.stringify(payload), `e2e failure ${marker}`, `Error: e2e failure ${marker}\n    at test`],
    );
  await insert('maintenance.cleanup', 'maintenance', { olderThanDays: 3650 });
  await insert('maintenance.cleanup', 'maintenance', { olderThanDays: 3649 });

  await signIn(page, ADMIN, '/admin/dead-letters?queue=maintenance&name=maintenance.cleanup');
  const rows = page.getByTestId('dead-letters-table').locator('tbody tr', { hasText: marker });
  await expect(rows).toHaveCount(2);
  await rows.first().getByText('Stack trace').click();
  await expect(rows.first().locator('pre').first()).toContainText(`Error: e2e failure ${marker}`);

  // Discard the first with a reason.
  const first = rows.first();
  await first.getByText('Discard…').click();
  await first.getByLabel('Reason').fill(`not needed ${marker}`);
  await first.getByRole('button', { name: 'Discard', exact: true }).click();
  const message = page.getByTestId('dead-letter-message');
  await expect(message).toHaveText('Discarded.');

  // Replay the other through the checkboxes.
  await page.reload();
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Replay selected (1)' }).click();
  await expect(message).toContainText('Replayed 1 of 1.');

  // Both resolutions are recorded and shown, with who did them.
  await page.goto('/admin/dead-letters?status=resolved&queue=maintenance');
  const resolved = page.getByTestId('dead-letters-table').locator('tbody tr', { hasText: marker });
  await expect(resolved).toHaveCount(2);
  await expect(resolved.filter({ hasText: `Reason: not needed ${marker}` })).toContainText(ADMIN.email);
  await expect(resolved.filter({ hasText: 'replayed as job' })).toContainText(ADMIN.email);
});

test('an admin changes a user role and disables a user; the role-changing server action refuses others', async ({ page, playwright, baseURL }) => {
  const target = await createUser('USER');
  await signIn(page, ADMIN, `/admin/users?q=${encodeURIComponent(target.email)}`);
  const row = page.getByTestId(`user-${target.email}`);
  await expect(row).toHaveAttribute('data-role', 'USER');

  // Change to PREMIUM, keeping the server action request to replay it as others below.
  const actionRequest = page.waitForRequest((r: Request) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
  await row.getByLabel(`Role of ${target.email}`).selectOption('PREMIUM');
  await row.getByRole('button', { name: 'Save role' }).click();
  await expect(row.getByRole('status')).toHaveText(`${target.email} is now PREMIUM.`);
  const captured = await actionRequest;
  await page.reload();
  await expect(row).toHaveAttribute('data-role', 'PREMIUM');

  // And back to USER.
  await row.getByLabel(`Role of ${target.email}`).selectOption('USER');
  await row.getByRole('button', { name: 'Save role' }).click();
  await expect(row.getByRole('status')).toHaveText(`${target.email} is now USER.`);

  // An admin cannot change their own role: the page offers no controls for their own row.
  await page.goto(`/admin/users?q=${encodeURIComponent(ADMIN.email)}`);
  await expect(page.getByTestId(`user-${ADMIN.email}`)).toContainText('You (your own role');

  // The same action request ("make this user PREMIUM") sent signed out and as a non-admin is refused.
  const headers = captured.headers();
  const replay = (request: APIRequestContext) =>
    request.post(captured.url(), {
      headers: { 'next-action': headers['next-action']!, 'content-type': headers['content-type']!, accept: 'text/x-component', origin: baseURL! },
      data: captured.postDataBuffer()!,
      maxRedirects: 0,
    });
  const anonymous = await playwright.request.newContext({ baseURL });
  expect(await (await replay(anonymous)).text()).toContain('Please sign in.');
  await anonymous.dispose();
  const memberPage = await page.context().browser()!.newPage();
  await signIn(memberPage, OTHER);
  expect(await (await replay(memberPage.request)).text()).toContain('Administrators only.');
  await memberPage.close();
  const [stored] = await sql<{ role: string }>('SELECT role FROM "User" WHERE id = $1', [target.id]);
  expect(stored?.role).toBe('USER');

  // Disabling: the target's open session is refused on its next request, and sign-in fails.
  const targetPage = await page.context().browser()!.newPage();
  await signIn(targetPage, target);
  await page.goto(`/admin/users?q=${encodeURIComponent(target.email)}`);
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row.getByRole('status')).toContainText('is disabled');
  await targetPage.goto('/dashboard');
  await expect(targetPage).toHaveURL(/\/sign-in/);
  await row.getByRole('button', { name: 'Enable' }).click();
  await expect(row.getByRole('status')).toContainText('is enabled');
  await targetPage.close();
});
