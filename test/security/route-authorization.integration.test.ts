import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { VictimRecords } from '@/test/security/victim-fixture';
import { bodyText, type Handler, type HttpMethod, listRouteFiles, listServerActionModules, loadHandlers, loadModule, type RouteFile } from '@/test/security/routes';

// Every route handler under app/ and every server action, called as a stranger: signed out, as a
// plain user who owns none of the records named in the request, and as a non-admin on admin
// routes. Routes and actions are found on disk, so a new one is covered the day it is added; one
// that answers a stranger with anything but 401/403/404 (or shows a byte of the victim's data)
// fails here. Only the session lookup is faked; roles and ownership are read from PostgreSQL.

const session: { user: { id: string; email: string } | null } = { user: null };
vi.mock('@/lib/auth/auth', () => ({
  auth: async () => (session.user ? { user: session.user } : null),
  signIn: async () => {
    throw new Error('signIn is not called by this suite');
  },
  signOut: async () => {},
  signInSchema: { safeParse: () => ({ success: false, error: { issues: [{ message: 'stub' }] } }) },
  // next-auth's own endpoints are public by design (see PUBLIC_ROUTES); a stub keeps them importable.
  handlers: { GET: async () => new Response(null, { status: 404 }), POST: async () => new Response(null, { status: 404 }) },
}));
vi.mock('next-auth', () => ({ AuthError: class AuthError extends Error {} }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const METRICS_TOKEN = `metrics-${randomUUID()}`;
process.env.METRICS_TOKEN = METRICS_TOKEN;

const { db } = await import('@/lib/db');
const { createVictimRecords, deleteVictimRecords, paramsFor } = await import('@/test/security/victim-fixture');

const tag = `victim-${randomUUID().slice(0, 8)}`;
const victimUrl = `https://${tag}.example/`;
const REFUSED = [401, 403, 404];

type Person = { id: string; email: string };
let victim: Person;
let attacker: Person;
let admin: Person;
const rec = {} as VictimRecords;

/** Public routes, each with why it needs no session and how it is checked instead. */
const PUBLIC_ROUTES: Record<string, string> = {
  '/api/auth/[...nextauth]': "next-auth's sign-in, session and CSRF-token endpoints: they are how a visitor gets a session",
  '/api/health': 'load balancers and uptime checks; only up/down per component unless the caller is an admin (checked below)',
  '/api/health/live': 'liveness probe; touches nothing and returns no data',
  '/api/metrics': 'Prometheus scraper; guarded by the METRICS_TOKEN bearer token instead of a session (checked below)',
  '/share/[token]/reports/[reportId]': 'the share token is the credential; an unknown or wrong token is a 404 (checked below)',
};

/** Routes only administrators may use. */
const isAdminRoute = (route: RouteFile) => route.pattern.startsWith('/api/admin/');

/** Bodies for routes whose input is strict; the rest get the catch-all body below. */
const BODY_OVERRIDES: Record<string, () => unknown> = {
  'POST /api/audits/[id]/reports': () => ({ format: 'csv', kind: 'findings' }),
  'POST /api/audits/[id]/share': () => ({ expiresInDays: 7 }),
  'POST /api/comparisons/[id]/share': () => ({ expiresInDays: 7 }),
};

/** A body that would pass validation of most inputs, so a missing check shows as a 2xx, not a 400. */
const body = (key: string) =>
  JSON.stringify(BODY_OVERRIDES[key]?.() ?? {
    url: victimUrl,
    urls: [victimUrl],
    rivals: [`https://rival-${tag}.example/`],
    format: 'csv',
    kind: 'findings',
    frequency: 'WEEKLY',
    enabled: false,
    mode: 'sync',
    ids: [rec.notification],
    expiresInDays: 7,
  });

function requestFor(route: RouteFile, method: HttpMethod, params: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const urlPath = route.pattern.replace(/\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}/g, (_, name: string) => [params[name]].flat().join('/'));
  const hasBody = !['GET', 'HEAD', 'DELETE'].includes(method);
  return new Request(`http://127.0.0.1:3000${urlPath}`, {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...headers },
    body: hasBody ? body(`${method} ${route.pattern}`) : undefined,
  });
}

async function call(route: RouteFile, method: HttpMethod, handler: Handler, headers?: Record<string, string>) {
  const params = paramsFor(route, rec);
  const response = await handler(requestFor(route, method, params, headers), { params: Promise.resolve(params) });
  const text = response.status < 300 && method !== 'HEAD' ? await bodyText(response) : method === 'HEAD' ? '' : await bodyText(response);
  return { status: response.status, text, params };
}

/** The victim's data must not appear: its tag (URLs, emails) or any of its ids the request did not name itself. */
function expectNoVictimData(text: string, params: Record<string, string | string[]>, where: string) {
  const named = new Set(Object.values(params).flat());
  expect(text, `${where} leaked the victim's URL or email`).not.toContain(tag);
  for (const [what, id] of Object.entries(rec)) {
    if (!named.has(id)) expect(text, `${where} leaked the victim's ${what} id`).not.toContain(id);
  }
}

const routes = listRouteFiles();
const handlersByFile = new Map<string, Partial<Record<HttpMethod, Handler>>>();

beforeAll(async () => {
  const make = (role: 'USER' | 'ADMIN', who: string) => db.user.create({ data: { email: `${who}-${randomUUID().slice(0, 8)}@sec.example`, role } });
  const [v, a, ad] = await Promise.all([
    db.user.create({ data: { email: `${tag}@sec.example`, role: 'USER' } }),
    make('USER', 'attacker'),
    make('ADMIN', 'admin'),
  ]);
  victim = { id: v.id, email: v.email };
  attacker = { id: a.id, email: a.email };
  admin = { id: ad.id, email: ad.email };

  Object.assign(rec, await createVictimRecords(victim.id, tag));

  for (const route of routes) handlersByFile.set(route.file, await loadHandlers(route));
});

afterAll(async () => {
  await deleteVictimRecords(tag, [victim.id, attacker.id]);
  await db.user.deleteMany({ where: { id: { in: [victim.id, attacker.id, admin.id] } } });
  await db.$disconnect();
});

/** Every (route, method) pair, found on disk. */
const pairs = () =>
  routes.flatMap((route) => Object.entries(handlersByFile.get(route.file) ?? {}).map(([method, handler]) => ({ route, method: method as HttpMethod, handler: handler! })));

describe('route authorization', () => {
  it('finds the routes on disk, and every public one still exists', () => {
    expect(routes.length).toBeGreaterThan(30);
    const patterns = routes.map((r) => r.pattern);
    for (const pattern of Object.keys(PUBLIC_ROUTES)) expect(patterns, `${pattern} is allow-listed as public but no longer exists`).toContain(pattern);
    // Every route file exports at least one handler.
    for (const route of routes) expect(Object.keys(handlersByFile.get(route.file) ?? {}), route.file).not.toHaveLength(0);
  });

  it('signed out: every non-public route refuses (401/403/404) and shows nothing of anyone', async () => {
    session.user = null;
    const failures: string[] = [];
    for (const { route, method, handler } of pairs()) {
      if (route.pattern in PUBLIC_ROUTES) continue;
      const { status, text, params } = await call(route, method, handler);
      if (!REFUSED.includes(status)) failures.push(`${method} ${route.pattern} → ${status} (neither public-listed nor protected)`);
      else expectNoVictimData(text, params, `${method} ${route.pattern}`);
    }
    expect(failures).toEqual([]);
  });

  it("as a plain user: every route naming the victim's records refuses and shows none of them", async () => {
    session.user = attacker;
    const failures: string[] = [];
    for (const { route, method, handler } of pairs()) {
      if (route.pattern in PUBLIC_ROUTES || route.params.length === 0) continue;
      const { status, text, params } = await call(route, method, handler);
      if (!REFUSED.includes(status)) failures.push(`${method} ${route.pattern} → ${status}`);
      else expectNoVictimData(text, params, `${method} ${route.pattern}`);
    }
    expect(failures).toEqual([]);
  });

  it("as a plain user: list routes show only the caller's own data", async () => {
    session.user = attacker;
    for (const { route, method, handler } of pairs()) {
      if (route.pattern in PUBLIC_ROUTES || route.params.length > 0 || isAdminRoute(route) || method !== 'GET') continue;
      const { status, text, params } = await call(route, method, handler);
      expect(status, `GET ${route.pattern}`).toBe(200);
      expectNoVictimData(text, params, `GET ${route.pattern}`);
    }
  });

  it('as a non-admin: every admin route refuses, whatever the method', async () => {
    session.user = attacker;
    const adminRoutes = pairs().filter(({ route }) => isAdminRoute(route));
    expect(adminRoutes.length).toBeGreaterThan(4);
    const failures: string[] = [];
    for (const { route, method, handler } of adminRoutes) {
      const { status, text, params } = await call(route, method, handler);
      if (![403, 404].includes(status)) failures.push(`${method} ${route.pattern} → ${status}`);
      else expectNoVictimData(text, params, `${method} ${route.pattern}`);
    }
    expect(failures).toEqual([]);
  });

  it("a plain user cannot mark the victim's notifications read", async () => {
    session.user = attacker;
    const route = routes.find((r) => r.pattern === '/api/notifications/read')!;
    const { status, text } = await call(route, 'POST', handlersByFile.get(route.file)!.POST!);
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ marked: 0 });
  });

  it('public: health shows a plain user no more than a stranger', async () => {
    const route = routes.find((r) => r.pattern === '/api/health')!;
    const shape = (text: string) => JSON.stringify(Object.keys(JSON.parse(text) as object).sort()) + JSON.stringify(Object.keys((JSON.parse(text) as { components: object }).components).sort());
    session.user = null;
    const anonymous = await call(route, 'GET', handlersByFile.get(route.file)!.GET!);
    session.user = attacker;
    const member = await call(route, 'GET', handlersByFile.get(route.file)!.GET!);
    expect(shape(member.text)).toBe(shape(anonymous.text));
    expect(member.text).not.toMatch(/detail|latency|error|host/i);
    expectNoVictimData(member.text, {}, 'GET /api/health');
  });

  it('public: metrics need the bearer token', async () => {
    session.user = admin; // a session, even an admin's, is not the token
    const route = routes.find((r) => r.pattern === '/api/metrics')!;
    const GET = handlersByFile.get(route.file)!.GET!;
    expect((await call(route, 'GET', GET)).status).toBe(401);
    expect((await call(route, 'GET', GET, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    expect((await call(route, 'GET', GET, { authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(200);
  });

  it("public: a shared report needs that share's token", async () => {
    session.user = null;
    const route = routes.find((r) => r.pattern === '/share/[token]/reports/[reportId]')!;
    const GET = handlersByFile.get(route.file)!.GET!;
    const res = await GET(new Request(`http://127.0.0.1:3000/share/x/reports/${rec.report}`), { params: Promise.resolve({ token: `rs_${'x'.repeat(43)}`, reportId: rec.report }) });
    expect(res.status).toBe(404);
    expectNoVictimData(await res.text(), { reportId: rec.report }, 'GET /share/[token]/reports/[reportId]');
  });

  it("left every one of the victim's records as it was", async () => {
    expect(await db.audit.findUniqueOrThrow({ where: { id: rec.audit } })).toMatchObject({ status: 'COMPLETED', userId: victim.id });
    expect(await db.schedule.findUniqueOrThrow({ where: { id: rec.schedule } })).toMatchObject({ enabled: true });
    expect(await db.webhook.findUnique({ where: { id: rec.webhook } })).not.toBeNull();
    expect(await db.share.findUniqueOrThrow({ where: { id: rec.share } })).toMatchObject({ revokedAt: null });
    expect(await db.notification.findUniqueOrThrow({ where: { id: rec.notification } })).toMatchObject({ readAt: null });
    expect(await db.report.count({ where: { auditId: rec.audit } })).toBe(1);
    expect(await db.share.count({ where: { auditId: rec.audit } })).toBe(1);
    expect(await db.deadLetter.findUniqueOrThrow({ where: { id: rec.deadLetter } })).toMatchObject({ resolvedAt: null });
    expect(await db.user.findUniqueOrThrow({ where: { id: attacker.id } })).toMatchObject({ role: 'USER', disabledAt: null });
    expect(await db.user.findUniqueOrThrow({ where: { id: victim.id } })).toMatchObject({ role: 'USER', disabledAt: null });
  });
});

// ---- Server actions ----

/** Actions anyone may call, with the reason. */
const PUBLIC_ACTIONS: Record<string, string> = {
  'app/(auth)/sign-in/actions.ts#signInAction': 'signing in is what a signed-out visitor does; next-auth checks the credentials',
};

const isAdminModule = (file: string) => file.includes('/(admin)/');

/** Arguments by action; the default depends on arity: (prevState, FormData) or (id). */
function actionArgs(name: string, arity: number): unknown[] {
  if (name === 'replayDeadLettersAction') return [[rec.deadLetter]];
  if (arity === 1) return [rec.audit];
  const form = new FormData();
  // The caller's own input (actions echo it back), so not the victim's tag.
  const fields: Record<string, string> = {
    url: 'https://attacker-input.example/',
    urls: 'https://attacker-input.example/',
    rivals: 'https://attacker-rival.example/',
    intent: 'audit',
    id: rec.deadLetter,
    // An escalation attempt: the attacker makes themself an admin, or disables the victim.
    userId: attacker.id,
    role: 'ADMIN',
    disabled: 'true',
    key: 'bulk-analysis',
    enabled: 'false',
    mode: 'sync',
    reason: 'x',
    task: 'cleanup',
  };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return [{}, form];
}

/** The action's outcome as text: its returned state, or the redirect/error it threw. */
async function runAction(fn: (...args: unknown[]) => Promise<unknown>, args: unknown[]): Promise<string> {
  try {
    return JSON.stringify(await fn(...args)) ?? '';
  } catch (err) {
    const digest = (err as { digest?: string }).digest;
    return `threw ${digest ?? (err as Error).message}`;
  }
}

describe('server action authorization', () => {
  const files = listServerActionModules();

  it('finds the server-action modules on disk', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(files).toContain('app/(admin)/admin/users/actions.ts');
  });

  it('signed out: every non-public action refuses and changes nothing', async () => {
    session.user = null;
    const failures: string[] = [];
    for (const file of files) {
      for (const [name, fn] of Object.entries(await loadModule(file))) {
        if (typeof fn !== 'function' || `${file}#${name}` in PUBLIC_ACTIONS) continue;
        const outcome = await runAction(fn as (...a: unknown[]) => Promise<unknown>, actionArgs(name, fn.length));
        if (!/Please sign in|\/sign-in/.test(outcome)) failures.push(`${file}#${name} → ${outcome}`);
        else expectNoVictimData(outcome, {}, `${file}#${name}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('as a non-admin: every admin action refuses; user actions refuse the victim’s records', async () => {
    session.user = attacker;
    const failures: string[] = [];
    for (const file of files) {
      for (const [name, fn] of Object.entries(await loadModule(file))) {
        if (typeof fn !== 'function' || `${file}#${name}` in PUBLIC_ACTIONS) continue;
        const args = actionArgs(name, fn.length);
        // A user action taking only form data starts the caller's own work: nothing of the victim's to refuse.
        if (!isAdminModule(file) && fn.length !== 1) continue;
        const outcome = await runAction(fn as (...a: unknown[]) => Promise<unknown>, args);
        const refused = isAdminModule(file) ? /Administrators only/.test(outcome) : /not found/i.test(outcome);
        if (!refused) failures.push(`${file}#${name} → ${outcome}`);
        else expectNoVictimData(outcome, { audit: rec.audit }, `${file}#${name}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await db.user.findUniqueOrThrow({ where: { id: attacker.id } })).toMatchObject({ role: 'USER' });
    expect(await db.audit.count({ where: { userId: attacker.id } })).toBe(0);
  });
});
