import { randomUUID } from 'node:crypto';
import { logger } from '@/lib/logger';
import { logContext } from '@/lib/log-context';

const STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof STATUS;

/** The one error whose message may reach the user. Everything else is logged and shown generically. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export type ErrorBody = { error: { code: string; message: string; details?: unknown; correlationId?: string } };

/** Maps any thrown value to an HTTP status and a body that is safe to show. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, details: err.details } } };
  }
  // Inside a request or job its own id, so the reference the user sees finds every line it logged.
  const correlationId = logContext().correlationId ?? randomUUID();
  logger.error({ err, correlationId }, 'unhandled error');
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: `Something went wrong (reference ${correlationId}).`, correlationId } },
  };
}
