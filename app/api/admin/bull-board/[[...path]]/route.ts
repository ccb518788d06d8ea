import { requireAdmin } from '@/lib/auth/require-user';
import { AppError, toErrorResponse } from '@/lib/errors';
import { guardUnsafeRequest } from '@/lib/http/json-route';
import { getBullBoardApp } from './bull-board-app';

export const dynamic = 'force-dynamic';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Bull Board (its Hono app) for administrators only. The role is read fresh on every request,
 * static files included, before Bull Board sees it: signed out → sign-in page for a browser
 * navigation, 401 otherwise; signed in without the admin role → 404, so the board is not
 * discoverable. Its mutating API (retry, clean, pause…) gets the same same-origin check as our
 * own JSON routes.
 */
async function handle(request: Request): Promise<Response> {
  try {
    await requireAdmin();
  } catch (err) {
    const code = err instanceof AppError ? err.code : null;
    const wantsPage = request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
    if (code === 'UNAUTHORIZED' && wantsPage) {
      const next = encodeURIComponent(new URL(request.url).pathname);
      return new Response(null, { status: 307, headers: { Location: `/sign-in?next=${next}`, 'Cache-Control': 'private, no-store' } });
    }
    return errorResponse(code === 'FORBIDDEN' ? new AppError('NOT_FOUND', 'Not found.') : err);
  }
  try {
    if (!SAFE_METHODS.has(request.method)) guardUnsafeRequest(request, 'json');
    const app = await getBullBoardApp().catch(() => {
      throw new AppError('UNAVAILABLE', 'The queue dashboard needs Redis, which is unreachable.');
    });
    const res = await app.fetch(request);
    // Never let a shared cache keep an admin-only page or its data.
    const headers = new Headers(res.headers);
    if (!headers.has('cache-control')) headers.set('Cache-Control', 'private, no-store');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  } catch (err) {
    return errorResponse(err);
  }
}

function errorResponse(err: unknown): Response {
  const { status, body } = toErrorResponse(err);
  return Response.json(body, { status, headers: { 'Cache-Control': 'private, no-store' } });
}

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
