import type { z } from 'zod';
import { AppError, toErrorResponse } from '@/lib/errors';

type RouteContext<P> = { params: Promise<P> };

/** A JSON route handler whose thrown errors become the AppError body and status, never a stack trace. */
export function jsonRoute<P = Record<string, never>>(handler: (request: Request, context: RouteContext<P>) => Promise<Response | unknown>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const result = await handler(request, context);
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      return Response.json(body, { status });
    }
  };
}

export async function readJson(request: Request, example = '{"url": "https://…"}'): Promise<unknown> {
  return request.json().catch(() => {
    throw new AppError('BAD_REQUEST', `The request body must be JSON, e.g. ${example}.`);
  });
}

/** Validates at the boundary; every problem is named in one 400 message. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join(' '), parsed.error.issues);
  }
  return parsed.data;
}
