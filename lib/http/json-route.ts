import type { z } from 'zod';
import { env } from '@/lib/env';
import { AppError, toErrorResponse } from '@/lib/errors';
import { runWithLogContext } from '@/lib/log-context';
import { correlationIdFrom, REQUEST_ID_HEADER } from '@/lib/queue/correlation';

type RouteContext<P> = { params: Promise<P> };

/** What a state-changing route accepts as its body. */
export type BodyKind = 'json' | 'json-or-multipart';
export type JsonRouteOptions = { body?: BodyKind };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A JSON route handler whose thrown errors become the AppError body and status, never a stack
 * trace. Unsafe methods are checked before the handler runs: same origin only (CSRF), an allowed
 * Content-Type (a cross-site form can only send text/plain, urlencoded or multipart), and a
 * declared body size within the limit.
 */
export function jsonRoute<P = Record<string, never>>(
  handler: (request: Request, context: RouteContext<P>) => Promise<Response | unknown>,
  options: JsonRouteOptions = {},
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    // One id for this request, the jobs it enqueues and every line they log (X-Request-Id in and out).
    const correlationId = correlationIdFrom(request.headers.get(REQUEST_ID_HEADER));
    const response = await runWithLogContext({ correlationId }, () => respond(request, context));
    response.headers.set(REQUEST_ID_HEADER, correlationId);
    return response;
  };

  async function respond(request: Request, context: RouteContext<P>): Promise<Response> {
    try {
      if (!SAFE_METHODS.has(request.method)) guardUnsafeRequest(request, options.body ?? 'json');
      const result = await handler(request, context);
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      const retryAfter = (body.error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      const headers: HeadersInit = retryAfter ? { 'Retry-After': String(retryAfter) } : {};
      // A refused body may still be on its way; closing lets the client stop sending it.
      if (status === 413) headers['Connection'] = 'close';
      return Response.json(body, { status, headers });
    }
  }
}

function ownOrigins(request: Request): Set<string> {
  const origins = new Set([new URL(env.APP_URL).origin]);
  const host = request.headers.get('host');
  if (host) {
    const proto = request.headers.get('x-forwarded-proto') ?? new URL(request.url).protocol.replace(':', '');
    origins.add(`${proto}://${host}`);
  }
  return origins;
}

export function guardUnsafeRequest(request: Request, kind: BodyKind): void {
  // Browsers send both headers on every cross-origin POST; scripts and the CLI send neither and
  // carry no ambient cookies, so they are not a CSRF risk.
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw new AppError('FORBIDDEN', 'Cross-site requests are not allowed.');
  }
  const origin = request.headers.get('origin');
  if (origin && !ownOrigins(request).has(origin)) {
    throw new AppError('FORBIDDEN', `Requests from ${origin} are not allowed.`);
  }

  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const multipart = kind === 'json-or-multipart' && type === 'multipart/form-data';
  const hasBody = declaresBody(request);
  if (hasBody && type !== 'application/json' && !multipart) {
    const accepted = kind === 'json' ? 'application/json' : 'application/json or multipart/form-data';
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the body as ${accepted} (got ${type || 'no Content-Type'}).`);
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  const limit = multipart ? env.MAX_UPLOAD_BYTES : env.MAX_JSON_BODY_BYTES;
  if (declared > limit) throw tooLarge(limit);
}

/**
 * Whether the request carries a body. Over HTTP/1.1 a request without Content-Length or
 * Transfer-Encoding has none (RFC 9112 §6.3), yet Next gives every DELETE or POST a body stream:
 * a bare `DELETE` (curl -X DELETE, a browser's fetch) must not be refused for its missing
 * Content-Type. A Request built in this process (tests) declares neither header: its stream decides.
 */
function declaresBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return length !== '0';
  if (request.headers.has('transfer-encoding')) return true;
  // Only a request that came over the wire has a Host header; a bodiless one has no body.
  if (request.headers.has('host')) return false;
  return request.body !== null;
}

function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${formatBytes(limit)}.`);
}

function formatBytes(n: number): string {
  return n >= 1_048_576 ? `${Math.round((n / 1_048_576) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

/** Reads the body up to `limit` bytes; a body without Content-Length is cut off, not buffered. */
async function readBounded(request: Request, limit: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function readJson(request: Request, example = '{"url": "https://…"}'): Promise<unknown> {
  const bytes = await readBounded(request, env.MAX_JSON_BODY_BYTES);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError('BAD_REQUEST', `The request body must be JSON, e.g. ${example}.`);
  }
}

/** A multipart body, read within the upload limit. */
export async function readMultipart(request: Request): Promise<FormData> {
  const bytes = await readBounded(request, env.MAX_UPLOAD_BYTES);
  try {
    return await new Response(new Uint8Array(bytes), { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    throw new AppError('BAD_REQUEST', 'The multipart body could not be read.');
  }
}

/** Validates at the boundary; every problem is named in one 400 message. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join(' '), parsed.error.issues);
  }
  return parsed.data;
}
