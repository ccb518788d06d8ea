import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { VictimRecords } from '@/test/security/victim-fixture';
import { type Handler, type HttpMethod, listRouteFiles, loadHandlers, type RouteFile, STATE_CHANGING } from '@/test/security/routes';

// Cross-site request forgery: every state-changing handler (POST/PUT/PATCH/DELETE), found on
// disk, is called with a valid session of the record's owner (an admin's for admin routes), as a
// page on another site would make the browser send it. Each must answer 403 before doing
// anything. The protection is jsonRoute's guardUnsafeRequest (Origin and Sec-Fetch-Site must be
// same-origin; a body must be JSON, which a cross-site form cannot send without a preflight).
// Requests with neither header (scripts, the CLI) carry no ambient cookies and pass.

const session: { user: { id: string; email: string } | null } = { user: null };
vi.mock('@/lib/auth/auth', () => ({
  auth: async () => (session.user ? { user: session.user } : null),
  handlers: { GET: async () => new Response(null, { status: 404 }), POST: async () => new Response(null, { status: 404 }) },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { db } = await import('@/lib/db');
const { createVictimRecords, deleteVictimRecords, paramsFor } = await import('@/test/security/victim-fixture');

/** State-changing routes not guarded here, with the reason. */
const EXEMPT: Record<string, string> = {
  '/api/auth/[...nextauth]': "next-auth's own endpoints: sign-in and sign-out POSTs carry its double-submit CSRF token, checked by next-auth",
};

const tag = `csrf-${randomUUID().slice(0, 8)}`;
let owner: { id: string; email: string };
let admin: { id: string; email: string };
let rec: VictimRecords;
const routes = listRouteFiles();
const cases: { route: RouteFile; method: HttpMethod; handler: Handler }[] = [];

beforeAll(async () => {
  const o = await db.user.create({ data: { email: `${tag}@sec.example`, role: 'USER' } });
  const a = await db.user.create({ data: { email: `admin-${tag}@sec.example`, role: 'ADMIN' } });
  owner = { id: o.id, email: o.email };
  admin = { id: a.id, email: a.email };
  rec = await createVictimRecords(owner.id, tag);
  for (const route of routes) {
    if (route.pattern in EXEMPT) continue;
    const handlers = await loadHandlers(route);
    for (const method of STATE_CHANGING) if (handlers[method]) cases.push({ route, method, handler: handlers[method] });
  }
});

afterAll(async () => {
  await deleteVictimRecords(tag, [owner.id]);
  await db.user.deleteMany({ where: { id: { in: [owner.id, admin.id] } } });
  await db.$disconnect();
});

const ATTACKS: [string, Record<string, string>][] = [
  ['Origin of another site', { origin: 'https://evil.example' }],
  ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
  ['Origin: null (sandboxed iframe, data: URL)', { origin: 'null' }],
  ['Origin differing only in scheme', { origin: 'https://127.0.0.1:3000' }],
];

function send(route: RouteFile, method: HttpMethod, handler: Handler, headers: Record<string, string>, body = '{"format":"csv"}') {
  const params = paramsFor(route, rec);
  const path = route.pattern.replace(/\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}/g, (_, name: string) => [params[name]].flat().join('/'));
  const hasBody = method !== 'DELETE';
  // As it arrives over HTTP/1.1: with a Host header, and a Content-Length whenever there is a body
  // (a browser's form post always sends one; a request declaring neither has no body).
  const request = new Request(`http://127.0.0.1:3000${path}`, {
    method,
    headers: { host: '127.0.0.1:3000', ...(hasBody ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers },
    body: hasBody ? body : undefined,
  });
  return handler(request, { params: Promise.resolve(params) });
}

describe('CSRF', () => {
  it('finds the state-changing routes on disk', () => {
    expect(cases.length).toBeGreaterThan(15);
    for (const pattern of Object.keys(EXEMPT)) expect(routes.map((r) => r.pattern)).toContain(pattern);
  });

  it.each(ATTACKS)('every state-changing route refuses a signed-in request with %s (403)', async (_what, headers) => {
    const failures: string[] = [];
    for (const { route, method, handler } of cases) {
      session.user = route.pattern.startsWith('/api/admin/') ? admin : owner;
      const res = await send(route, method, handler, headers);
      const text = await res.text();
      if (res.status !== 403 || !/not allowed/.test(text)) failures.push(`${method} ${route.pattern} → ${res.status} ${text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
  });

  it('every state-changing route refuses a body a cross-site form can send without a preflight (415)', async () => {
    const failures: string[] = [];
    for (const { route, method, handler } of cases) {
      if (method === 'DELETE') continue;
      session.user = route.pattern.startsWith('/api/admin/') ? admin : owner;
      const res = await send(route, method, handler, { 'content-type': 'text/plain' }, '{"format":"csv"}');
      if (res.status !== 415) failures.push(`${method} ${route.pattern} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("left the owner's records as they were", async () => {
    expect(await db.audit.findUniqueOrThrow({ where: { id: rec.audit } })).toMatchObject({ status: 'COMPLETED' });
    expect(await db.schedule.findUniqueOrThrow({ where: { id: rec.schedule } })).toMatchObject({ enabled: true });
    expect(await db.webhook.findUnique({ where: { id: rec.webhook } })).not.toBeNull();
    expect(await db.share.findUniqueOrThrow({ where: { id: rec.share } })).toMatchObject({ revokedAt: null });
    expect(await db.share.count({ where: { auditId: rec.audit } })).toBe(1);
    expect(await db.report.count({ where: { auditId: rec.audit } })).toBe(1);
    expect(await db.notification.findUniqueOrThrow({ where: { id: rec.notification } })).toMatchObject({ readAt: null });
    expect(await db.audit.count({ where: { userId: owner.id } })).toBe(2);
  });

  it('a same-origin request with the session passes the guard', async () => {
    session.user = owner;
    const route = routes.find((r) => r.pattern === '/api/notifications/read')!;
    const { POST } = await loadHandlers(route);
    const variants: Record<string, string>[] = [{ origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }, {}];
    for (const headers of variants) {
      const res = await send(route, 'POST', POST!, headers, JSON.stringify({ ids: [rec.notification] }));
      expect(res.status).toBe(200);
    }
  });
});
