import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { ADMIN, OTHER, signIn } from './helpers';
import { sql } from './servers';

// The admin overview's daily charts (from the DailyAggregate table) and open queue alerts (from
// QueueAlert). The rows are written here: the worker's own tasks need hours (aggregates) or a real
// incident (alerts). The alert's queue is one the health check does not watch, so it stays open.

const DAY = 86_400_000;
const dayOf = (offset: number) => new Date(Date.now() - offset * DAY).toISOString().slice(0, 10);

test('an admin sees the activity charts and an open queue alert; a regular user is refused', async ({ page, playwright, baseURL }) => {
  const marker = randomUUID().slice(0, 8);
  // Final past days: the aggregates task never recomputes them.
  for (const [offset, started, score, pages] of [[2, 7, 64, 120], [1, 11, 82, 340]] as const) {
    await sql(
      `INSERT INTO "DailyAggregate" (day, "auditsStarted", "auditsCompleted", "auditsFailed", "avgScore", "pagesCrawled", final, "computedAt")
       VALUES ($1::date, $2, $2, 1, $3, $4, true, now())
       ON CONFLICT (day) DO UPDATE SET "auditsStarted" = $2, "auditsCompleted" = $2, "auditsFailed" = 1, "avgScore" = $3, "pagesCrawled" = $4, final = true`,
      [dayOf(offset), started, score, pages],
    );
  }
  const alertId = `e2e-${marker}`;
  await sql(
    `INSERT INTO "QueueAlert" (id, queue, rule, message, "openedAt", "lastSeenAt") VALUES ($1, $2, 'backlog-stalled', $3, now(), now())`,
    [alertId, `e2e-${marker}`, `Queue "e2e-${marker}": backlog grew from 2 to 9 over 10 min while no job completed.`],
  );

  try {
    await signIn(page, ADMIN, '/admin');
    const charts = page.getByTestId('daily-charts');
    await expect(charts.getByRole('heading', { name: /Activity, last 14 days/ })).toBeVisible();
    for (const title of ['Audits started per day', 'Audits failed per day', 'Average score of completed audits', 'Pages crawled per day']) {
      await expect(charts.locator('figure', { hasText: title }).locator('svg.recharts-surface')).toBeVisible();
    }
    // The numbers behind the bars are in each chart's table (for screen readers).
    await expect(charts.locator('figure', { hasText: 'Pages crawled per day' }).locator('table')).toContainText('340');
    await expect(charts.getByTestId('job-durations')).toBeVisible();

    const alert = page.locator(`[data-alert-id="${alertId}"]`);
    await expect(alert).toContainText('Backlog growing, nothing completing');
    await expect(alert).toContainText(`e2e-${marker}`);
    await expect(page.getByTestId('open-queue-alerts')).not.toHaveText('0');

    await page.goto('/admin/queues');
    await expect(page.locator(`[data-alert-id="${alertId}"]`)).toBeVisible();

    // A regular user gets a 404 for the page and sees neither charts nor alerts; signed out: sign-in.
    await page.context().clearCookies();
    await signIn(page, OTHER);
    const asUser = await page.request.get('/admin', { maxRedirects: 0 });
    expect(asUser.status()).toBe(404);
    expect(await asUser.text()).not.toContain(marker);
    await page.goto('/admin');
    await expect(page.getByTestId('daily-charts')).toHaveCount(0);
    const anonymous = await playwright.request.newContext({ baseURL });
    const signedOut = await anonymous.get('/admin', { maxRedirects: 0 });
    expect(signedOut.status()).toBeGreaterThanOrEqual(300);
    expect(signedOut.headers()['location']).toContain('/sign-in');
    await anonymous.dispose();
  } finally {
    await sql(`DELETE FROM "QueueAlert" WHERE id = $1`, [alertId]);
  }
});
