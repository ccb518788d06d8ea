// Share links against real PostgreSQL, the routes called as Next calls them (session mocked): a link
// to one audit or one comparison resolves by its token until it expires or is revoked, its token is
// random, it reaches the shared record and nothing else of the owner's, and nobody but the owner
// (or an admin) can make or revoke links to someone's audit or comparison.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockSession, type TestUser } from '@/test/mock-session';

const session = mockSession();

const { db } = await import('@/lib/db');
const { reportFilePath, reportsDir } = await import('@/lib/reports/report-files');
const shares = await import('@/lib/shares/shares');
const auditShareRoute = await import('@/app/api/audits/[id]/share/route');
const comparisonShareRoute = await import('@/app/api/comparisons/[id]/share/route');
const shareRoute = await import('@/app/api/shares/[token]/route');
const sharedReportRoute = await import('@/app/share/[token]/reports/[reportId]/route');

type Created = { id: string; token: string; url: string; expiresAt: string };

let owner: TestUser;
let other: TestUser;
let admin: TestUser;
let sharedAudit: string;
let otherAudit: string;
let comparison: string;
let sharedReport: string;
let otherReport: string;
const files: string[] = [];

const as = (user: TestUser | null) => (session.user = user);
const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const shareAudit = (id: string, body: unknown = { expiresInDays: 7 }) =>
  auditShareRoute.POST(new Request(`http://127.0.0.1/api/audits/${id}/share`, json(body)), { params: Promise.resolve({ id }) });
const listAuditShares = (id: string) => auditShareRoute.GET(new Request(`http://127.0.0.1/api/audits/${id}/share`), { params: Promise.resolve({ id }) });
const shareComparison = (id: string, body: unknown = { expiresInDays: 7 }) =>
  comparisonShareRoute.POST(new Request(`http://127.0.0.1/api/comparisons/${id}/share`, json(body)), { params: Promise.resolve({ id }) });
const listComparisonShares = (id: string) => comparisonShareRoute.GET(new Request(`http://127.0.0.1/api/comparisons/${id}/share`), { params: Promise.resolve({ id }) });
const revoke = (token: string) => shareRoute.DELETE(new Request(`http://127.0.0.1/api/shares/${token}`, { method: 'DELETE' }), { params: Promise.resolve({ token }) });
const download = (token: string, reportId: string) =>
  sharedReportRoute.GET(new Request(`http://127.0.0.1/share/${token}/reports/${reportId}`), { params: Promise.resolve({ token, reportId }) });

async function created(res: Response): Promise<Created> {
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}

async function createUser(role: 'USER' | 'ADMIN'): Promise<TestUser> {
  const u = await db.user.create({ data: { email: `share-${randomUUID()}@example.com`, role } });
  return { id: u.id, email: u.email, role };
}

async function createReport(auditId: string, content: string): Promise<string> {
  const name = `share-test-${randomUUID()}.csv`;
  await mkdir(reportsDir(), { recursive: true });
  await writeFile(reportFilePath(name), content);
  files.push(reportFilePath(name));
  const report = await db.report.create({
    data: { auditId, format: 'CSV', kind: 'PAGES', status: 'READY', path: name, sizeBytes: content.length, readyAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  return report.id;
}

beforeAll(async () => {
  [owner, other, admin] = [await createUser('USER'), await createUser('USER'), await createUser('ADMIN')];
  const mkAudit = (url: string) =>
    db.audit.create({ data: { kind: 'PROFESSIONAL', status: 'COMPLETED', url, userId: owner.id, score: 80, finishedAt: new Date() } }).then((a) => a.id);
  sharedAudit = await mkAudit('https://shared.example/');
  otherAudit = await mkAudit('https://private.example/');
  comparison = (await db.comparison.create({ data: { userId: owner.id, status: 'COMPLETED', url: 'https://shared.example/', rivals: ['https://rival.example/'], finishedAt: new Date() } })).id;
  sharedReport = await createReport(sharedAudit, 'url\nhttps://shared.example/\n');
  otherReport = await createReport(otherAudit, 'url\nhttps://private.example/\n');
});

afterAll(async () => {
  const ids = [owner?.id, other?.id, admin?.id].filter((id): id is string => Boolean(id));
  await db.share.deleteMany({ where: { userId: { in: ids } } });
  await db.comparison.deleteMany({ where: { userId: { in: ids } } });
  await db.audit.deleteMany({ where: { userId: { in: ids } } });
  await db.user.deleteMany({ where: { id: { in: ids } } });
  await Promise.all(files.map((f) => rm(f, { force: true })));
  await db.$disconnect();
});

describe('audit share links', () => {
  it('creates a link with the asked expiry that resolves to that audit only', async () => {
    as(owner);
    const before = Date.now();
    const share = await created(await shareAudit(sharedAudit, { expiresInDays: 30 }));
    const expiresAt = new Date(share.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 86_400_000 - 1_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000 + 1_000);
    expect(share.url).toMatch(new RegExp(`/share/${share.token}$`));

    // Only the hash is stored: the token itself is nowhere in the database.
    const row = await db.share.findUniqueOrThrow({ where: { id: share.id } });
    expect(row.tokenHash).not.toBe(share.token);
    expect(row.tokenHash).not.toContain(share.token);
    expect(row).toMatchObject({ auditId: sharedAudit, comparisonId: null, userId: owner.id, revokedAt: null });

    const resolved = await shares.resolveShare(share.token);
    expect(resolved?.kind).toBe('audit');
    if (resolved?.kind !== 'audit') throw new Error('not an audit share');
    expect(resolved.audit.id).toBe(sharedAudit);
    expect(resolved.audit.url).toBe('https://shared.example/');
    expect(resolved.audit).not.toHaveProperty('secrets');

    // Listed for its owner, without any token.
    const list = (await (await listAuditShares(sharedAudit)).json()) as { shares: Record<string, unknown>[] };
    expect(list.shares.map((s) => s.id)).toContain(share.id);
    expect(JSON.stringify(list)).not.toContain(share.token);
  });

  it('defaults to 7 days and refuses an expiry out of range', async () => {
    as(owner);
    const res = await auditShareRoute.POST(new Request(`http://127.0.0.1/api/audits/${sharedAudit}/share`, { method: 'POST' }), { params: Promise.resolve({ id: sharedAudit }) });
    const share = await created(res);
    expect(Math.round((new Date(share.expiresAt).getTime() - Date.now()) / 86_400_000)).toBe(7);
    for (const expiresInDays of [0, 366, 'soon']) expect((await shareAudit(sharedAudit, { expiresInDays })).status).toBe(400);
  });

  it('uses random, unguessable tokens: 256 bits of base64url, never twice the same', async () => {
    as(owner);
    const tokens = await Promise.all(Array.from({ length: 20 }, async () => (await created(await shareAudit(sharedAudit))).token));
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    // Entropy across all the tokens' characters: close to log2(64) = 6 bits per character for random
    // base64url, far lower for anything sequential or derived from ids.
    const chars = tokens.join('');
    const counts = new Map<string, number>();
    for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
    const entropy = [...counts.values()].reduce((h, n) => h - (n / chars.length) * Math.log2(n / chars.length), 0);
    expect(entropy).toBeGreaterThan(5.5);
    // No token shares a long prefix with another (no counter or timestamp at the front).
    const prefixes = new Set(tokens.map((t) => t.slice(0, 6)));
    expect(prefixes.size).toBe(tokens.length);
    // Junk and near misses never resolve.
    const near = tokens[0]!.slice(0, -1) + (tokens[0]!.endsWith('A') ? 'B' : 'A');
    for (const guess of [near, 'x'.repeat(43), '', sharedAudit, `${tokens[0]}x`]) expect(await shares.resolveShare(guess)).toBeNull();
  });

  it('refuses an expired token: the page says so, the API and downloads are 404', async () => {
    as(owner);
    const share = await created(await shareAudit(sharedAudit, { expiresInDays: 1 }));
    expect((await download(share.token, sharedReport)).status).toBe(200);
    await db.share.update({ where: { id: share.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const resolved = await shares.resolveShare(share.token);
    expect(resolved).toMatchObject({ kind: 'expired' });
    expect(resolved).not.toHaveProperty('audit');
    await expect(shares.requireShare(share.token)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await download(share.token, sharedReport)).status).toBe(404);
    // No longer listed as a working link.
    const list = (await (await listAuditShares(sharedAudit)).json()) as { shares: { id: string }[] };
    expect(list.shares.map((s) => s.id)).not.toContain(share.id);
  });

  it('refuses a revoked token at once, by token or by id', async () => {
    as(owner);
    const byToken = await created(await shareAudit(sharedAudit));
    expect((await shares.resolveShare(byToken.token))?.kind).toBe('audit');
    expect((await download(byToken.token, sharedReport)).status).toBe(200);
    const res = await revoke(byToken.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: byToken.id, revoked: true });
    expect(await shares.resolveShare(byToken.token)).toBeNull();
    expect((await download(byToken.token, sharedReport)).status).toBe(404);

    const byId = await created(await shareAudit(sharedAudit));
    expect((await revoke(byId.id)).status).toBe(200);
    expect(await shares.resolveShare(byId.token)).toBeNull();
    // Revoking again is harmless and keeps the first revocation time.
    const first = (await db.share.findUniqueOrThrow({ where: { id: byId.id } })).revokedAt;
    expect(first).toBeInstanceOf(Date);
    expect((await revoke(byId.id)).status).toBe(200);
    expect((await db.share.findUniqueOrThrow({ where: { id: byId.id } })).revokedAt).toEqual(first);
  });

  it('reaches nothing else of the owner: not another audit’s report, not its record', async () => {
    as(owner);
    const share = await created(await shareAudit(sharedAudit));
    const res = await download(share.token, sharedReport);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('https://shared.example/');
    // The owner's other audit has a READY report too; its id with this token is a 404.
    const probe = await download(share.token, otherReport);
    expect(probe.status).toBe(404);
    expect(await probe.text()).not.toContain('private.example');
    const resolved = await shares.requireShare(share.token);
    expect(JSON.stringify(resolved)).not.toContain(otherAudit);
    expect(JSON.stringify(resolved)).not.toContain('private.example');
    expect((await shares.listSharedReports(sharedAudit)).map((r) => r.id)).toEqual([sharedReport]);
  });

  it('lets nobody else create, list or revoke links to the owner’s audit (404, never 403)', async () => {
    as(owner);
    const share = await created(await shareAudit(sharedAudit));
    as(other);
    expect((await shareAudit(sharedAudit)).status).toBe(404);
    expect((await listAuditShares(sharedAudit)).status).toBe(404);
    expect((await revoke(share.token)).status).toBe(404);
    expect((await revoke(share.id)).status).toBe(404);
    expect((await shareComparison(comparison)).status).toBe(404);
    expect((await listComparisonShares(comparison)).status).toBe(404);
    // The link still works: the failed revocations changed nothing.
    expect((await shares.resolveShare(share.token))?.kind).toBe('audit');
    expect(await db.share.count({ where: { userId: other.id } })).toBe(0);

    as(null);
    expect((await shareAudit(sharedAudit)).status).toBe(401);
    expect((await revoke(share.token)).status).toBe(401);

    // An admin may revoke any link.
    as(admin);
    expect((await revoke(share.token)).status).toBe(200);
    expect(await shares.resolveShare(share.token)).toBeNull();
  });

  it('is 404 for an audit that does not exist', async () => {
    as(owner);
    expect((await shareAudit('c0000000000000000000000000')).status).toBe(404);
    expect((await revoke('A'.repeat(43))).status).toBe(404);
  });
});

describe('comparison share links', () => {
  it('resolves to the comparison, has no report files, and is revoked at once', async () => {
    as(owner);
    const share = await created(await shareComparison(comparison, { expiresInDays: 90 }));
    expect(Math.round((new Date(share.expiresAt).getTime() - Date.now()) / 86_400_000)).toBe(90);
    expect(await db.share.findUniqueOrThrow({ where: { id: share.id } })).toMatchObject({ comparisonId: comparison, auditId: null });
    const resolved = await shares.resolveShare(share.token);
    expect(resolved?.kind).toBe('comparison');
    if (resolved?.kind !== 'comparison') throw new Error('not a comparison share');
    expect(resolved.comparison.id).toBe(comparison);
    expect(resolved).not.toHaveProperty('audit');
    // A comparison's link downloads no audit's reports.
    expect((await download(share.token, sharedReport)).status).toBe(404);
    const list = (await (await listComparisonShares(comparison)).json()) as { shares: { id: string }[] };
    expect(list.shares.map((s) => s.id)).toEqual([share.id]);

    expect((await revoke(share.token)).status).toBe(200);
    expect(await shares.resolveShare(share.token)).toBeNull();
    const after = (await (await listComparisonShares(comparison)).json()) as { shares: unknown[] };
    expect(after.shares).toEqual([]);
  });
});
