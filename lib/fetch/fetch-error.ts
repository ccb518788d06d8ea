import type { FetchErrorCode } from '@/lib/fetch/types';

/** A fetch/render failure with a machine-readable code and a message a user can act on. */
export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly url: string;

  constructor(code: FetchErrorCode, url: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FetchError';
    this.code = code;
    this.url = url;
  }
}

export function isFetchError(error: unknown): error is FetchError {
  return error instanceof FetchError;
}
