import { describe, expect, it } from 'vitest';
import { AppError, toErrorResponse } from '@/lib/errors';

describe('toErrorResponse', () => {
  it('passes AppError messages through with their status', () => {
    const { status, body } = toErrorResponse(new AppError('BAD_REQUEST', 'URL is required.'));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'BAD_REQUEST', message: 'URL is required.' });
  });

  it('hides unknown errors behind a generic message with a correlation id', () => {
    const { status, body } = toErrorResponse(new Error('connection string postgres://secret'));
    expect(status).toBe(500);
    expect(body.error.message).not.toContain('secret');
    expect(body.error.message).toContain(body.error.correlationId!);
  });
});
