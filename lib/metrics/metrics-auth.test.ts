import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { authorizeMetrics } from '@/lib/metrics/metrics-auth';

const token = 'a-very-long-metrics-token';
const statusOf = (fn: () => void) => {
  try {
    fn();
    return 200;
  } catch (err) {
    return err instanceof AppError ? err.status : 500;
  }
};

describe('authorizeMetrics', () => {
  it('503 while METRICS_TOKEN is unset, whatever the header', () => {
    expect(statusOf(() => authorizeMetrics(`Bearer ${token}`, undefined))).toBe(503);
  });
  it('401 without a header, with another scheme or a wrong token; passes with the token', () => {
    expect(statusOf(() => authorizeMetrics(null, token))).toBe(401);
    expect(statusOf(() => authorizeMetrics(`Basic ${token}`, token))).toBe(401);
    expect(statusOf(() => authorizeMetrics(`Bearer ${token}x`, token))).toBe(401);
    expect(statusOf(() => authorizeMetrics(`Bearer ${token}`, token))).toBe(200);
    expect(statusOf(() => authorizeMetrics(`bearer ${token}`, token))).toBe(200);
  });
});
