import { execFile, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockSession, type TestUser } from '@/test/mock-session';
import { SEVERITIES, type Severity } from '@/lib/checks/types';
import type { Prisma } from '@/lib/generated/prisma/client';
import { spawnWorker, stopWorker } from '@/test/spawn-worker';
import { waitFor } from '@/test/wait-for';

// Reports end to end: routes called as Next calls them (with the session mocked), the job run by a
// real worker process through real Redis, the files read back with exceljs and as bytes.

const prefix = `ro-it-reports-${randomUUID().slice(0, 8)}`;
const reportsDir = await mkdtemp(path.join(tmpdir(), 'ro-reports-'));
process.env.QUEUE_PREFIX = prefix;
process.env.REPORTS_DIR = reportsDir;

const session = mockSession();

const { db } = await import('@/lib/db');
const { closeQueues } = await import('@/lib/queue/queues');
const auditReports = await import('@/app/api/audits/[id]/reports/route');
const reportStatus = await import('@/app/api/reports/[id]/route');
const reportDownload = await import('@/app/api/reports/[id]/download/route');
const reportEvents = await import('@/app/api/reports/[id]/events/route');
const { generateReport } = await import('@/lib/reports/generate-report');
const { createReport } = await import('@/lib/reports/report-queries');
const { runCleanup } = await import('@/lib/maintenance/run-cleanup');

const EVIL_TITLE = '=HYPERLINK("http://attacker.example/steal","Click me")';
const PAGES = 30;

let worker: ChildProcess | undefined;
let owner: TestUser;
let other: TestUser;
let admin: TestUser;
let auditId: string;
let findingCount: number;

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const as = (user: TestUser | null) => (session.user = user);

function post(id: string, body: unknown) {
  return auditReports.POST(new Request(`http://127.0.0.1/api/audits/${id}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), ctx(id));
}
const getStatus = (id: string) => reportStatus.GET(new Request(`http://127.0.0.1/api/reports/${id}`), ctx(id));
const download = (id: string) => reportDownload.GET(new Request(`http://127.0.0.1/api/reports/${id}/download`), ctx(id));

type View = { id: string; status: string; format: string; kind: string; sizeBytes: number | null; progress: { rowsWritten: number; rowsTotal: number; percent: number }; error: string | null; downloadUrl: string | null };

async function waitUntilDone(id: string): Promise<View> {
  return waitFor(
    async () => {
      const view = (await (await getStatus(id)).json()) as View;
      return view.status === 'READY' || view.status === 'FAILED' ? view : null;
    },
    30_000,
    `report ${id} to finish`,
    200,
  );
}

async function seedAudit(userId: string, status: 'COMPLETED' | 'RUNNING' = 'COMPLETED') {
  const audit = await db.audit.create({ data: { kind: 'PROFESSIONAL', url: 'https://shop.example.com/', status, userId, score: 64, categoryScores: { 'on-page': 50 }, finishedAt: new Date() } });
  const pages = Array.from({ length: PAGES }, (_, i) => ({
    id: randomUUID(),
    auditId: audit.id,
    url: `https://shop.example.com/p/${String(i).padStart(3, '0')}`,
    status: i === 3 ? 301 : i === 4 ? 404 : 200,
    depth: i % 4,
    title: i === 7 ? EVIL_TITLE : `Product ${i}, the best`,
    wordCount: 100 + i,
    loadMs: 50 + i,
    score: 70,
    finalUrl: i === 3 ? 'https://shop.example.com/p/000' : null,
  }));
  await db.page.createMany({ data: pages });
  // Three findings a page, two of them with the same (check, url): only the id tells
  // them apart, which is what the keyset must get right across batch boundaries.
  const findings: Prisma.FindingCreateManyInput[] = pages.flatMap((p, i) => [
    { auditId: audit.id, pageId: p.id, scope: 'PAGE', checkId: 'title-length', category: 'on-page', severity: 'MEDIUM', title: 'Title length', message: `Title is ${60 + i} characters`, url: p.url },
    { auditId: audit.id, pageId: p.id, scope: 'PAGE', checkId: 'img-alt', category: 'images', severity: 'LOW', title: 'Image without alt', message: `Image ${i}a has no alt`, url: p.url },
    { auditId: audit.id, pageId: p.id, scope: 'PAGE', checkId: 'img-alt', category: 'images', severity: 'LOW', title: 'Image without alt', message: `Image ${i}b has no alt`, url: p.url },
  ]);
  findings.push({ auditId: audit.id, pageId: null, scope: 'SITE', checkId: 'missing-sitemap', category: 'crawlability', severity: 'HIGH', title: 'No sitemap', message: '-no sitemap.xml found', url: 'https://shop.example.com/' });
  await db.finding.createMany({ data: findings });
  return { audit, findings: findings.length };
}

beforeAll(async () => {
  const mk = async (role: TestUser['role']) => {
    const u = await db.user.create({ data: { email: `${role.toLowerCase()}-${randomUUID()}@example.com`, role } });
    return { id: u.id, email: u.email, role };
  };
  [owner, other, admin] = [await mk('USER'), await mk('USER'), await mk('ADMIN')];
  const seeded = await seedAudit(owner.id);
  auditId = seeded.audit.id;
  findingCount = seeded.findings;
  worker = await spawnWorker({ QUEUE_PREFIX: prefix, REPORTS_DIR: reportsDir });
});

afterAll(async () => {
  if (worker) await stopWorker(worker);
  await db.audit.deleteMany({ where: { userId: { in: [owner?.id, other?.id, admin?.id].filter(Boolean) } } });
  await db.user.deleteMany({ where: { id: { in: [owner?.id, other?.id, admin?.id].filter(Boolean) } } });
  await closeQueues();
  await db.$disconnect();
  await rm(reportsDir, { recursive: true, force: true });
});

describe('reports through the queue', () => {
  let xlsxId: string;
  let csvId: string;

  it('queues an xlsx for a finished audit and the worker writes it, reporting progress', async () => {
    as(owner);
    const res = await post(auditId, { format: 'xlsx' });
    expect(res.status).toBe(202);
    const body = (await res.json()) as View;
    xlsxId = body.id;
    expect(body).toMatchObject({ status: 'QUEUED', format: 'xlsx', kind: 'workbook', downloadUrl: null });

    const done = await waitUntilDone(xlsxId);
    expect(done.error).toBeNull();
    expect(done.status).toBe('READY');
    expect(done.downloadUrl).toBe(`/api/reports/${xlsxId}/download`);
    expect(done.sizeBytes).toBeGreaterThan(0);
    expect(done.progress.rowsWritten).toBe(done.progress.rowsTotal);
    expect(done.progress.percent).toBe(100);
    // The file was renamed into place: no temp file left behind.
    expect((await readdir(reportsDir)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('serves the xlsx to its owner with the right headers, and its content is right', async () => {
    as(owner);
    const res = await download(xlsxId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="shop\.example\.com-\d{4}-\d{2}-\d{2}-audit\.xlsx"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);

    const row = await db.report.findUniqueOrThrow({ where: { id: xlsxId } });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row.sizeBytes).toBe(bytes.length);
    expect(row.userId).toBe(owner.id);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Summary', 'Fix first', 'Issues', 'Findings', 'Pages', 'Redirects and status codes']);

    const findings = workbook.getWorksheet('Findings')!;
    expect(findings.actualRowCount - 1).toBe(findingCount);
    expect(findingCount).toBe(await db.finding.count({ where: { auditId } }));
    const messages: unknown[] = [];
    findings.eachRow((r, n) => n > 1 && messages.push(r.getCell(6).value));
    expect(messages).toContain('Image 12b has no alt');
    expect(messages).toContain("'-no sitemap.xml found");
    // Most severe first, all the way down.
    const severities: number[] = [];
    findings.eachRow((r, n) => n > 1 && severities.push(SEVERITIES.indexOf(r.getCell(1).value as Severity)));
    expect(severities[0]).toBe(SEVERITIES.indexOf('high'));
    expect(severities).toEqual([...severities].sort((a, b) => a - b));

    const pages = workbook.getWorksheet('Pages')!;
    expect(pages.actualRowCount - 1).toBe(PAGES);
    const evil = pages.getRow(1 + 8).getCell(4);
    expect(pages.getRow(1 + 8).getCell(1).value).toBe('https://shop.example.com/p/007');
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    expect(evil.value).toBe(`'${EVIL_TITLE}`);
    expect(pages.getRow(2).getCell(8).value).toBe(3); // findings of /p/000

    const redirects = workbook.getWorksheet('Redirects and status codes')!;
    expect(redirects.getRow(2).values).toEqual([undefined, 'https://shop.example.com/p/003', 301, 'Moved Permanently', 'https://shop.example.com/p/000', 3]);
    expect(redirects.actualRowCount - 1).toBe(2);
  });

  it('writes a CSV of findings (the default kind) with a BOM and one record per finding', async () => {
    as(owner);
    const res = await post(auditId, { format: 'csv' });
    expect(res.status).toBe(202);
    csvId = ((await res.json()) as View).id;
    const done = await waitUntilDone(csvId);
    expect(done).toMatchObject({ status: 'READY', kind: 'findings', format: 'csv' });

    const file = await download(csvId);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/filename="shop\.example\.com-\d{4}-\d{2}-\d{2}-findings\.csv"/);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(findingCount); // header and the empty string after the last CRLF
  });

  it('replays progress over SSE and ends on the final state', async () => {
    as(owner);
    const res = await reportEvents.GET(new Request(`http://127.0.0.1/api/reports/${csvId}/events`), ctx(csvId));
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await res.text();
    const events = text.split('\n\n').filter((b) => b.includes('data: ')).map((b) => JSON.parse(b.slice(b.indexOf('data: ') + 6)) as { type: string; state: { status: string; rowsWritten: number } });
    expect(events.at(-1)).toMatchObject({ state: { status: 'READY', rowsWritten: findingCount } });
  });

  it('lists the audit’s reports for its owner', async () => {
    as(owner);
    const res = await auditReports.GET(new Request(`http://127.0.0.1/api/audits/${auditId}/reports`), ctx(auditId));
    const { reports } = (await res.json()) as { reports: View[] };
    expect(reports.map((r) => r.id).sort()).toEqual([xlsxId, csvId].sort());
  });

  it('answers 404 to another user for status, download, events, list and request; an admin may read', async () => {
    as(other);
    expect((await getStatus(xlsxId)).status).toBe(404);
    expect((await download(xlsxId)).status).toBe(404);
    expect((await reportEvents.GET(new Request(`http://127.0.0.1/api/reports/${xlsxId}/events`), ctx(xlsxId))).status).toBe(404);
    expect((await auditReports.GET(new Request('http://127.0.0.1/x'), ctx(auditId))).status).toBe(404);
    expect((await post(auditId, { format: 'csv' })).status).toBe(404);
    // Same answer as for an id that does not exist: existence is not revealed.
    const missing = await getStatus('no-such-report');
    expect(missing.status).toBe(404);
    expect(await (await getStatus(xlsxId)).json()).toEqual(await missing.json());

    as(null);
    expect((await download(xlsxId)).status).toBe(401);

    as(admin);
    expect((await download(xlsxId)).status).toBe(200);
  });

  it('refuses bad input with 400 and an unfinished audit with 409', async () => {
    as(owner);
    const bad = await post(auditId, { format: 'pdf' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/xlsx.*csv/);
    expect((await post(auditId, { format: 'xlsx', kind: 'pages' })).status).toBe(400);

    const running = await seedAudit(owner.id, 'RUNNING');
    const res = await post(running.audit.id, { format: 'xlsx' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/still running/);
  });
});

describe('report generation in process', () => {
  it('pages through findings in small keyset batches without losing or repeating a row', async () => {
    const report = await createReport({ auditId, format: 'csv', kind: 'findings', userId: owner.id });
    const result = await generateReport(report.id, { redis: null, finalAttempt: true, batchRows: 7 });
    const text = (await readFile(result!.filePath, 'utf8')).slice(1);
    const lines = text.split('\r\n').slice(1, -1);
    expect(lines.length).toBe(findingCount);
    expect(new Set(lines).size).toBe(findingCount); // every message is distinct
  });

  it('marks a report whose last attempt fails FAILED with the reason, and removes the partial file', async () => {
    const report = await createReport({ auditId, format: 'xlsx', kind: 'workbook', userId: owner.id });
    const controller = new AbortController();
    controller.abort(new Error('worker shutting down'));
    await expect(generateReport(report.id, { redis: null, finalAttempt: true, signal: controller.signal })).rejects.toThrow();
    const row = await db.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(row.status).toBe('FAILED');
    expect(row.error).toMatch(/worker stopped/);
    expect(existsSync(path.join(reportsDir, `${report.id}.xlsx.part`))).toBe(false);
    expect(existsSync(path.join(reportsDir, `${report.id}.xlsx`))).toBe(false);
  });

  it('puts a report whose attempt will be retried back in the queue, saying why', async () => {
    const report = await createReport({ auditId, format: 'csv', kind: 'pages', userId: owner.id });
    const controller = new AbortController();
    controller.abort(new Error('worker shutting down'));
    await expect(generateReport(report.id, { redis: null, finalAttempt: false, signal: controller.signal })).rejects.toThrow();
    const row = await db.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(row.status).toBe('QUEUED');
    expect(row.error).toMatch(/Trying again/);
  });

  it('fails a report left RUNNING by a worker that died, when it is read', async () => {
    as(owner);
    const report = await createReport({ auditId, format: 'csv', kind: 'issues', userId: owner.id });
    await db.$executeRaw`UPDATE "Report" SET status = 'RUNNING', "updatedAt" = now() - interval '10 minutes' WHERE id = ${report.id}`;
    const view = (await (await getStatus(report.id)).json()) as View;
    expect(view.status).toBe('FAILED');
    expect(view.error).toMatch(/worker writing this report stopped/);
  });
});

describe('retention', () => {
  it('removes expired reports (file and row) and files no row accounts for', async () => {
    const report = await createReport({ auditId, format: 'csv', kind: 'issues', userId: owner.id });
    const result = await generateReport(report.id, { redis: null, finalAttempt: true });
    await db.report.update({ where: { id: report.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const orphan = path.join(reportsDir, 'cmorphan0000000000000000.xlsx.part');
    await writeFile(orphan, 'partial');
    const old = new Date(Date.now() - 2 * 3600_000);
    await utimes(orphan, old, old);
    const fresh = path.join(reportsDir, 'cmfresh00000000000000000.csv');
    await writeFile(fresh, 'being written');

    const cleanup = await runCleanup({ olderThanDays: 30 });
    expect(cleanup.removedReports).toBeGreaterThanOrEqual(1);
    expect(await db.report.findUnique({ where: { id: report.id } })).toBeNull();
    expect(existsSync(result!.filePath)).toBe(false);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(fresh)).toBe(true); // too young to be called an orphan
    await rm(fresh);
  });
});

describe('CLI', () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('node', ['--import', 'tsx', 'cli/main.ts', ...args], { env: { ...process.env, RO_SERVICE: 'cli', LOG_LEVEL: 'warn' } }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('writes a CSV in process and prints the path it wrote', async () => {
    const out = path.join(reportsDir, 'cli-pages.csv');
    const { code, stdout, stderr } = await cli(['report', auditId, '--format', 'csv', '--kind', 'pages', '--out', out, '--in-process']);
    expect(stderr).toMatch(/running in this process/);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(out);
    const lines = (await readFile(out, 'utf8')).split('\r\n');
    expect(lines.length - 2).toBe(PAGES);
  });

  it('goes through the queue when a worker serves it', async () => {
    const { code, stdout, stderr } = await cli(['report', auditId, '--format', 'xlsx']);
    expect(stderr).toMatch(/queued \(1 worker up\)/);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(new RegExp(`^${reportsDir}/[a-z0-9]+\\.xlsx$`));
    expect(existsSync(stdout.trim())).toBe(true);
  });

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    const noFormat = await cli(['report', auditId]);
    expect(noFormat.code).toBe(64);
    expect(noFormat.stderr).toMatch(/--format is required/);
    const badKind = await cli(['report', auditId, '--format', 'csv', '--kind', 'everything']);
    expect(badKind.code).toBe(64);
    expect(badKind.stderr).toMatch(/kind must be one of findings, pages, issues/);
    const missing = await cli(['report', 'no-such-audit', '--format', 'xlsx', '--in-process']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no audit with id "no-such-audit"/);
  });
});
